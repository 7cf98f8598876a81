import { defineTable, idRow, l, type InventoryTable, type Row } from "./inventory-terms";

/**
 * What Roomlens derives from bookings so dashboards answer fast (lib/analytics/rollup-refresh.ts):
 * never anything a booking does not already hold, refreshed whenever bookings change, and deleted
 * with them — by a purge, an exclusion or an integration's removal.
 */

const system = { source: "system", audience: "nobody" } as const;

/** bookings columns computed at import: where the booking falls in its room's local time. */
export const placementRows: Row[] = [
  [
    "local_day",
    "2026-03-02",
    l("The day the booking starts, in the room's time zone", "Ngày bắt đầu lượt đặt, theo múi giờ của phòng"),
    system,
  ],
  [
    "first_slot",
    "9",
    l("The local hour the booking starts in", "Giờ địa phương mà lượt đặt bắt đầu"),
    system,
  ],
  [
    "last_slot",
    "10",
    l(
      "The local hour the booking ends in, counted from the start day (24 and up: the next day)",
      "Giờ địa phương mà lượt đặt kết thúc, tính từ ngày bắt đầu (từ 24 trở lên: ngày hôm sau)",
    ),
    system,
  ],
];

const rollupSeconds = (column: string, example: string, en: string, vi: string): Row[] => [
  [`${column}_seconds`, example, l(en, vi)],
  [
    `${column}_own_seconds`,
    "",
    l(
      `The same, only for bookings that started that day; empty when equal`,
      `Như trên, chỉ tính các lượt đặt bắt đầu trong ngày đó; để trống khi bằng nhau`,
    ),
  ],
  [
    `${column}_recent_seconds`,
    "",
    l(
      `The same, only for bookings that started that day or the day before; empty when equal`,
      `Như trên, chỉ tính các lượt đặt bắt đầu trong ngày đó hoặc ngày trước; để trống khi bằng nhau`,
    ),
  ],
];

export const derivedInventory: readonly InventoryTable[] = [
  defineTable(
    "organizers",
    l("Organizer numbers", "Số hiệu người tổ chức"),
    l(
      "A number for each pseudonym, so figures can count distinct organizers exactly. Deleted when you exclude yourself, or once no booking carries the pseudonym.",
      "Một con số cho mỗi bí danh, để số liệu đếm chính xác số người tổ chức khác nhau. Bị xóa khi bạn tự loại trừ, hoặc khi không còn lượt đặt nào mang bí danh đó.",
    ),
    { purposes: ["smallGroups"], source: "system", retention: "bookings", audience: "nobody", pseudonymisation: "linked" },
    [
      idRow("4711"),
      [
        "pseudonym",
        "5f2c91…e81a",
        l("The organizer's pseudonym, as on their bookings", "Bí danh của người tổ chức, như trên các lượt đặt của họ"),
        { purposes: ["smallGroups", "objection"], pseudonymisation: "keyedHash" },
      ],
    ],
  ),
  defineTable(
    "room_hour_rollups",
    l("Hourly room totals", "Tổng theo giờ của phòng"),
    l(
      "Per room, day and local hour: how long it was booked, used and left empty after a no-show, how many bookings started, and which organizer numbers they carry. Recomputed whenever bookings change.",
      "Theo phòng, ngày và giờ địa phương: phòng được đặt, được dùng và bị bỏ trống sau khi vắng mặt bao lâu, bao nhiêu lượt đặt bắt đầu, và mang số hiệu người tổ chức nào. Được tính lại mỗi khi lượt đặt thay đổi.",
    ),
    { purposes: ["moreRooms", "deskSpace", "preferredRooms"], source: "system", retention: "bookings", audience: "aggregates", pseudonymisation: "linked" },
    [
      ["room_id", "17", l("The room", "Phòng")],
      ["day", "2026-03-02", l("Local day", "Ngày địa phương")],
      ["hour", "9", l("Local hour, 0–23", "Giờ địa phương, 0–23")],
      ...rollupSeconds("booked", "2700", "Seconds of that hour the room was booked (overlaps counted once)", "Số giây trong giờ đó phòng được đặt (trùng lặp chỉ tính một lần)"),
      ...rollupSeconds("occupied", "2400", "Seconds of that hour someone had checked in", "Số giây trong giờ đó đã có người nhận phòng"),
      ...rollupSeconds("lost", "0", "Seconds of that hour held by a no-show", "Số giây trong giờ đó bị giữ bởi lượt đặt vắng mặt"),
      ["bookings_started", "2", l("Bookings that started in that hour", "Số lượt đặt bắt đầu trong giờ đó")],
      [
        "organizer_ids",
        "{12,4711}",
        l(
          "Organizer numbers of the bookings of that day touching that hour, so no figure covers fewer than {k} people",
          "Số hiệu người tổ chức của các lượt đặt trong ngày đó có mặt trong giờ đó, để không số liệu nào bao gồm ít hơn {k} người",
        ),
        { purposes: ["smallGroups"], audience: "nobody" },
      ],
    ],
  ),
  defineTable(
    "seat_fill_periods",
    l("Seat fill by day and month", "Tỷ lệ lấp đầy chỗ ngồi theo ngày và tháng"),
    l(
      "Per room, local day or month and seat-fill band: how many bookings, their seat fill weighted by their minutes in working hours, and up to 100 organizer numbers. Bookings running past midnight are left to the figures themselves. Recomputed whenever bookings, working hours or a room's size change.",
      "Theo phòng, ngày hoặc tháng địa phương và mức lấp đầy chỗ ngồi: số lượt đặt, tỷ lệ lấp đầy của chúng tính theo số phút trong giờ làm việc, và tối đa 100 số hiệu người tổ chức. Các lượt đặt kéo dài qua nửa đêm được tính trực tiếp khi lập số liệu. Được tính lại mỗi khi lượt đặt, giờ làm việc hoặc sức chứa của phòng thay đổi.",
    ),
    { purposes: ["deskSpace"], source: "system", retention: "bookings", audience: "aggregates", pseudonymisation: "linked" },
    [
      ["room_id", "17", l("The room", "Phòng")],
      ["grain", "month", l("Day or month", "Ngày hoặc tháng")],
      ["period", "2026-03-01", l("The local day, or the month's first day", "Ngày địa phương, hoặc ngày đầu tháng")],
      ["bucket", "2", l("Seat-fill band (0: under 25 %, … 3: 75 % or more; 4: no seat fill)", "Mức lấp đầy (0: dưới 25 %, … 3: từ 75 % trở lên; 4: không có tỷ lệ lấp đầy)")],
      ["bookings", "14", l("Bookings of that room, period and band", "Số lượt đặt của phòng, khoảng thời gian và mức đó")],
      ["weighted_fill_seconds", "41400", l("Their seat fill × their seconds in working hours, summed", "Tổng của tỷ lệ lấp đầy × số giây trong giờ làm việc")],
      ["seconds", "90000", l("Their seconds in working hours, summed", "Tổng số giây trong giờ làm việc")],
      [
        "organizer_ids",
        "{12,4711}",
        l(
          "The smallest 100 organizer numbers among them, so no figure covers fewer than {k} people",
          "100 số hiệu người tổ chức nhỏ nhất trong số đó, để không số liệu nào bao gồm ít hơn {k} người",
        ),
        { purposes: ["smallGroups"], audience: "nobody" },
      ],
    ],
  ),
  defineTable(
    "seat_fill_basis",
    l("What the seat-fill figures were built with", "Cơ sở đã dùng để lập số liệu lấp đầy"),
    l(
      "Per room, the size, time zone and working hours its seat-fill periods were computed for; when any differs, figures are computed from the bookings instead.",
      "Theo phòng, sức chứa, múi giờ và giờ làm việc đã dùng để tính các khoảng lấp đầy; khi có khác biệt, số liệu được tính trực tiếp từ các lượt đặt.",
    ),
    { purposes: ["deskSpace"], source: "system", retention: "bookings", audience: "nobody", pseudonymisation: "notPersonal" },
    [
      ["room_id", "17", l("The room", "Phòng")],
      ["capacity", "8", l("The room's seats when computed", "Số chỗ của phòng khi tính")],
      ["time_zone", "Europe/London", l("The room's time zone when computed", "Múi giờ của phòng khi tính")],
      ["working_time", "9f2c…e1a0", l("A fingerprint of the working hours and closure days used", "Dấu vân tay của giờ làm việc và ngày nghỉ đã dùng")],
    ],
  ),
  defineTable(
    "choice_periods",
    l("Room choices by day and month", "Lựa chọn phòng theo ngày và tháng"),
    l(
      "Per room, local day or month: how many of its bookings in working hours were made while a similar room nearby was free, how many while none was, and up to 100 organizer numbers for each. Bookings running past midnight are left to the figures themselves. Recomputed whenever bookings, working hours or the rooms of a building change.",
      "Theo phòng, ngày hoặc tháng địa phương: bao nhiêu lượt đặt trong giờ làm việc được đặt khi có một phòng tương tự gần đó còn trống, bao nhiêu khi không còn phòng nào, và tối đa 100 số hiệu người tổ chức cho mỗi loại. Các lượt đặt kéo dài qua nửa đêm được tính trực tiếp khi lập số liệu. Được tính lại mỗi khi lượt đặt, giờ làm việc hoặc các phòng của một tòa nhà thay đổi.",
    ),
    { purposes: ["preferredRooms"], source: "system", retention: "bookings", audience: "aggregates", pseudonymisation: "linked" },
    [
      ["room_id", "17", l("The room", "Phòng")],
      ["grain", "month", l("Day or month", "Ngày hoặc tháng")],
      ["period", "2026-03-01", l("The local day, or the month's first day", "Ngày địa phương, hoặc ngày đầu tháng")],
      ["peer_free", "true", l("Whether a similar room was free when these were booked", "Có phòng tương tự nào còn trống khi đặt hay không")],
      ["bookings", "14", l("Bookings of that room, period and answer", "Số lượt đặt của phòng, khoảng thời gian và câu trả lời đó")],
      [
        "organizer_ids",
        "{12,4711}",
        l(
          "The smallest 100 organizer numbers among them, so no figure covers fewer than {k} people",
          "100 số hiệu người tổ chức nhỏ nhất trong số đó, để không số liệu nào bao gồm ít hơn {k} người",
        ),
        { purposes: ["smallGroups"], audience: "nobody" },
      ],
    ],
  ),
  defineTable(
    "choice_basis",
    l("What the room-choice figures were built with", "Cơ sở đã dùng để lập số liệu lựa chọn phòng"),
    l(
      "Per room, the similar rooms of its building and the working hours its choice periods were computed for; when any differs, figures are computed from the bookings instead.",
      "Theo phòng, các phòng tương tự trong tòa nhà và giờ làm việc đã dùng để tính các khoảng lựa chọn; khi có khác biệt, số liệu được tính trực tiếp từ các lượt đặt.",
    ),
    { purposes: ["preferredRooms"], source: "system", retention: "bookings", audience: "nobody", pseudonymisation: "notPersonal" },
    [
      ["room_id", "17", l("The room", "Phòng")],
      ["group_key", "5d41…2a9c", l("A fingerprint of the similar rooms (and their time zones) when computed", "Dấu vân tay của các phòng tương tự (và múi giờ của chúng) khi tính")],
      ["working_time", "9f2c…e1a0", l("A fingerprint of the working hours and closure days used", "Dấu vân tay của giờ làm việc và ngày nghỉ đã dùng")],
    ],
  ),
  defineTable(
    "usage_periods",
    l("Room use by day and month", "Mức sử dụng phòng theo ngày và tháng"),
    l(
      "Per room, local day or month: how many bookings started, how long the room was booked in working hours, and up to 100 organizer numbers. Summed from the hourly figures; recomputed whenever bookings or working hours change.",
      "Theo phòng, ngày hoặc tháng địa phương: số lượt đặt bắt đầu, thời gian phòng được đặt trong giờ làm việc, và tối đa 100 số hiệu người tổ chức. Cộng từ các số liệu theo giờ; được tính lại mỗi khi lượt đặt hoặc giờ làm việc thay đổi.",
    ),
    { purposes: ["moreRooms", "deskSpace", "preferredRooms"], source: "system", retention: "bookings", audience: "aggregates", pseudonymisation: "linked" },
    [
      ["room_id", "17", l("The room", "Phòng")],
      ["grain", "month", l("Day or month", "Ngày hoặc tháng")],
      ["period", "2026-03-01", l("The local day, or the month's first day", "Ngày địa phương, hoặc ngày đầu tháng")],
      ["bookings", "14", l("Bookings that started in that period", "Số lượt đặt bắt đầu trong khoảng thời gian đó")],
      ["booked_seconds", "90000", l("Seconds the room was booked in working hours", "Số giây phòng được đặt trong giờ làm việc")],
      [
        "booked_own_seconds",
        "84600",
        l(
          "Of those, the seconds of bookings that started that day (empty when the same), for a date range that starts on that day",
          "Trong số đó, số giây của các lượt đặt bắt đầu trong ngày đó (để trống khi bằng nhau), cho khoảng ngày bắt đầu từ ngày đó",
        ),
      ],
      [
        "booked_recent_seconds",
        "88200",
        l(
          "The seconds of bookings that started that day or the day before (empty when the same), for a date range that starts the day before",
          "Số giây của các lượt đặt bắt đầu trong ngày đó hoặc ngày trước đó (để trống khi bằng nhau), cho khoảng ngày bắt đầu từ ngày trước đó",
        ),
      ],
      [
        "organizer_ids",
        "{12,4711}",
        l(
          "The smallest 100 organizer numbers among them, so no figure covers fewer than {k} people",
          "100 số hiệu người tổ chức nhỏ nhất trong số đó, để không số liệu nào bao gồm ít hơn {k} người",
        ),
        { purposes: ["smallGroups"], audience: "nobody" },
      ],
    ],
  ),
  defineTable(
    "usage_basis",
    l("What the room-use figures were built with", "Cơ sở đã dùng để lập số liệu sử dụng phòng"),
    l(
      "Per room, the working hours its use periods were computed for; when they differ, figures are computed from the hourly figures instead.",
      "Theo phòng, giờ làm việc đã dùng để tính các khoảng sử dụng; khi có khác biệt, số liệu được tính từ các số liệu theo giờ.",
    ),
    { purposes: ["moreRooms"], source: "system", retention: "bookings", audience: "nobody", pseudonymisation: "notPersonal" },
    [
      ["room_id", "17", l("The room", "Phòng")],
      ["working_time", "9f2c…e1a0", l("A fingerprint of the working hours and closure days used", "Dấu vân tay của giờ làm việc và ngày nghỉ đã dùng")],
    ],
  ),
  defineTable(
    "checkin_periods",
    l("Check-ins and no-shows by day and month", "Nhận phòng và vắng mặt theo ngày và tháng"),
    l(
      "Per room, local day or month: how long checked-in meetings held the room and how long no-shows left it empty in working hours, how many bookings were no-shows, were checked in, or added checked-in time, and up to 100 organizer numbers for each. Summed from the hourly figures and the bookings; recomputed whenever bookings or working hours change.",
      "Theo phòng, ngày hoặc tháng địa phương: thời gian các cuộc họp đã nhận phòng sử dụng phòng và thời gian phòng bị bỏ trống do vắng mặt trong giờ làm việc, số lượt đặt vắng mặt, đã nhận phòng, hoặc có thời gian nhận phòng, và tối đa 100 số hiệu người tổ chức cho mỗi loại. Cộng từ các số liệu theo giờ và các lượt đặt; được tính lại mỗi khi lượt đặt hoặc giờ làm việc thay đổi.",
    ),
    { purposes: ["moreRooms", "deskSpace"], source: "system", retention: "bookings", audience: "aggregates", pseudonymisation: "linked" },
    [
      ["room_id", "17", l("The room", "Phòng")],
      ["grain", "month", l("Day or month", "Ngày hoặc tháng")],
      ["period", "2026-03-01", l("The local day, or the month's first day", "Ngày địa phương, hoặc ngày đầu tháng")],
      ["occupied_seconds", "54000", l("Seconds checked-in meetings held the room in working hours", "Số giây các cuộc họp đã nhận phòng sử dụng phòng trong giờ làm việc")],
      ["lost_seconds", "7200", l("Seconds no-show bookings held the room in working hours", "Số giây các lượt đặt vắng mặt giữ phòng trong giờ làm việc")],
      [
        "occupied_own_seconds",
        "50400",
        l(
          "The same counting only meetings that started that day (empty when the same), for a date range that starts on that day",
          "Như trên, chỉ tính các cuộc họp bắt đầu trong ngày đó (để trống khi bằng nhau), cho khoảng ngày bắt đầu từ ngày đó",
        ),
      ],
      [
        "occupied_recent_seconds",
        "54000",
        l(
          "The same counting meetings that started that day or the day before (empty when the same)",
          "Như trên, tính các cuộc họp bắt đầu trong ngày đó hoặc ngày trước đó (để trống khi bằng nhau)",
        ),
      ],
      [
        "lost_own_seconds",
        "3600",
        l(
          "Seconds lost to no-shows that started that day (empty when the same), for a date range that starts on that day",
          "Số giây mất do các lượt vắng mặt bắt đầu trong ngày đó (để trống khi bằng nhau), cho khoảng ngày bắt đầu từ ngày đó",
        ),
      ],
      [
        "lost_recent_seconds",
        "7200",
        l(
          "Seconds lost to no-shows that started that day or the day before (empty when the same)",
          "Số giây mất do các lượt vắng mặt bắt đầu trong ngày đó hoặc ngày trước đó (để trống khi bằng nhau)",
        ),
      ],
      ["ghosts", "3", l("No-show bookings in working hours", "Số lượt đặt vắng mặt trong giờ làm việc")],
      [
        "ghost_organizer_ids",
        "{12,4711}",
        l(
          "The smallest 100 organizer numbers of the no-shows, so no figure covers fewer than {k} people",
          "100 số hiệu người tổ chức nhỏ nhất của các lượt vắng mặt, để không số liệu nào bao gồm ít hơn {k} người",
        ),
        { purposes: ["smallGroups"], audience: "nobody" },
      ],
      ["attended", "11", l("Bookings in working hours that were checked in", "Số lượt đặt trong giờ làm việc đã nhận phòng")],
      [
        "attended_organizer_ids",
        "{12,4711}",
        l(
          "The smallest 100 organizer numbers of the checked-in bookings, so no figure covers fewer than {k} people",
          "100 số hiệu người tổ chức nhỏ nhất của các lượt đã nhận phòng, để không số liệu nào bao gồm ít hơn {k} người",
        ),
        { purposes: ["smallGroups"], audience: "nobody" },
      ],
      ["occupying", "10", l("Checked-in bookings that held the room in working hours", "Số lượt đã nhận phòng sử dụng phòng trong giờ làm việc")],
      [
        "occupying_organizer_ids",
        "{12,4711}",
        l(
          "The smallest 100 organizer numbers of those, so no figure covers fewer than {k} people",
          "100 số hiệu người tổ chức nhỏ nhất của các lượt đó, để không số liệu nào bao gồm ít hơn {k} người",
        ),
        { purposes: ["smallGroups"], audience: "nobody" },
      ],
      ["checkin_data", "true", l("Whether the room reported a check-in or a no-show in the period", "Phòng có báo nhận phòng hoặc vắng mặt trong khoảng thời gian đó hay không")],
    ],
  ),
  defineTable(
    "checkin_basis",
    l("What the check-in figures were built with", "Cơ sở đã dùng để lập số liệu nhận phòng"),
    l(
      "Per room, the time zone and working hours its check-in periods were computed for; when they differ, figures are computed from the hourly figures and the bookings instead.",
      "Theo phòng, múi giờ và giờ làm việc đã dùng để tính các khoảng nhận phòng; khi có khác biệt, số liệu được tính từ các số liệu theo giờ và các lượt đặt.",
    ),
    { purposes: ["deskSpace"], source: "system", retention: "bookings", audience: "nobody", pseudonymisation: "notPersonal" },
    [
      ["room_id", "17", l("The room", "Phòng")],
      ["time_zone", "Europe/London", l("The room's time zone when computed", "Múi giờ của phòng khi tính")],
      ["working_time", "9f2c…e1a0", l("A fingerprint of the working hours and closure days used", "Dấu vân tay của giờ làm việc và ngày nghỉ đã dùng")],
    ],
  ),
  defineTable(
    "pressure_periods",
    l("Demand pressure by day", "Áp lực nhu cầu theo ngày"),
    l(
      "Per group of similar rooms (one size band in one building, or in all buildings) and day: the most rooms booked at once, how long at least 80 % of them were booked in working hours, how many bookings that covers, and up to 100 organizer numbers. Recomputed whenever bookings, working hours or the rooms of a group change.",
      "Theo nhóm phòng tương tự (một nhóm sức chứa trong một tòa nhà, hoặc trong mọi tòa nhà) và theo ngày: số phòng được đặt cùng lúc nhiều nhất, thời gian có ít nhất 80 % số phòng được đặt trong giờ làm việc, số lượt đặt liên quan, và tối đa 100 số hiệu người tổ chức. Được tính lại mỗi khi lượt đặt, giờ làm việc hoặc các phòng của một nhóm thay đổi.",
    ),
    { purposes: ["moreRooms"], source: "system", retention: "bookings", audience: "aggregates", pseudonymisation: "linked" },
    [
      ["band", "5-8", l("The size band of the group", "Nhóm sức chứa của nhóm phòng")],
      ["all_buildings", "false", l("Whether the group spans all buildings", "Nhóm có gồm mọi tòa nhà hay không")],
      ["building", "North", l("The group's building (empty for all buildings)", "Tòa nhà của nhóm (để trống khi gồm mọi tòa nhà)")],
      ["day", "2026-03-03", l("The day, in each room's own time zone", "Ngày, theo múi giờ của từng phòng")],
      ["peak", "4", l("The most rooms of the group booked at once", "Số phòng của nhóm được đặt cùng lúc nhiều nhất")],
      ["pressured_seconds", "5400", l("Seconds with at least 80 % of the group's rooms booked", "Số giây có ít nhất 80 % số phòng của nhóm được đặt")],
      ["bookings", "12", l("Bookings with time in working hours that day", "Số lượt đặt có thời gian trong giờ làm việc ngày đó")],
      [
        "organizer_ids",
        "{12,4711}",
        l(
          "The smallest 100 organizer numbers among them, so no figure covers fewer than {k} people",
          "100 số hiệu người tổ chức nhỏ nhất trong số đó, để không số liệu nào bao gồm ít hơn {k} người",
        ),
        { purposes: ["smallGroups"], audience: "nobody" },
      ],
    ],
  ),
  defineTable(
    "pressure_basis",
    l("What the demand-pressure figures were built with", "Cơ sở đã dùng để lập số liệu áp lực nhu cầu"),
    l(
      "Per group of similar rooms, its rooms and the working hours its pressure days were computed for; when any differs, figures are computed from the bookings instead.",
      "Theo nhóm phòng tương tự, các phòng của nhóm và giờ làm việc đã dùng để tính các ngày áp lực; khi có khác biệt, số liệu được tính trực tiếp từ các lượt đặt.",
    ),
    { purposes: ["moreRooms"], source: "system", retention: "bookings", audience: "nobody", pseudonymisation: "notPersonal" },
    [
      ["band", "5-8", l("The size band of the group", "Nhóm sức chứa của nhóm phòng")],
      ["all_buildings", "false", l("Whether the group spans all buildings", "Nhóm có gồm mọi tòa nhà hay không")],
      ["building", "North", l("The group's building (empty for all buildings)", "Tòa nhà của nhóm (để trống khi gồm mọi tòa nhà)")],
      ["group_key", "5d41…2a9c", l("A fingerprint of the group's rooms (and their time zones) when computed", "Dấu vân tay của các phòng trong nhóm (và múi giờ của chúng) khi tính")],
      ["working_time", "9f2c…e1a0", l("A fingerprint of the working hours and closure days used", "Dấu vân tay của giờ làm việc và ngày nghỉ đã dùng")],
    ],
  ),
  defineTable(
    "pressure_dirty",
    l("Demand-pressure days waiting to be recomputed", "Các ngày áp lực nhu cầu đang chờ tính lại"),
    l(
      "Per size band, the days whose pressure figures a large change (such as an exclusion) deleted; until they are recomputed, a few minutes later, figures for those days are computed from the bookings instead.",
      "Theo nhóm sức chứa, các ngày có số liệu áp lực bị xóa do một thay đổi lớn (chẳng hạn một lần loại trừ); cho đến khi được tính lại vài phút sau, số liệu của những ngày đó được tính trực tiếp từ các lượt đặt.",
    ),
    { purposes: ["moreRooms"], source: "system", retention: "bookings", audience: "nobody", pseudonymisation: "notPersonal" },
    [
      ["band", "5-8", l("The size band", "Nhóm sức chứa")],
      ["day", "2026-03-03", l("The day, in each room's own time zone", "Ngày, theo múi giờ của từng phòng")],
    ],
  ),
  defineTable(
    "heatmap_periods",
    l("Busy hours by day", "Giờ bận theo ngày"),
    l(
      "Per day and hour, over all rooms: how long rooms were booked in their working hours, and up to 100 organizer numbers. Summed from the hourly figures; recomputed whenever bookings, working hours or the rooms change.",
      "Theo ngày và giờ, trên mọi phòng: thời gian các phòng được đặt trong giờ làm việc của chúng, và tối đa 100 số hiệu người tổ chức. Cộng từ các số liệu theo giờ; được tính lại mỗi khi lượt đặt, giờ làm việc hoặc các phòng thay đổi.",
    ),
    { purposes: ["moreRooms"], source: "system", retention: "bookings", audience: "aggregates", pseudonymisation: "linked" },
    [
      ["day", "2026-03-03", l("The day, in each room's own time zone", "Ngày, theo múi giờ của từng phòng")],
      ["hour", "14", l("The hour of that day (14 = 14:00–15:00)", "Giờ trong ngày đó (14 = 14:00–15:00)")],
      ["booked_seconds", "86400", l("Seconds rooms were booked in that hour, added over rooms", "Tổng số giây các phòng được đặt trong giờ đó, cộng trên mọi phòng")],
      [
        "booked_own_seconds",
        "82800",
        l(
          "The same for bookings that started that day only (empty when the same), for a date range that starts on that day",
          "Như trên, chỉ tính các lượt đặt bắt đầu trong ngày đó (để trống khi bằng nhau), cho khoảng ngày bắt đầu từ ngày đó",
        ),
      ],
      [
        "booked_recent_seconds",
        "86400",
        l(
          "The same for bookings that started that day or the day before (empty when the same), for a date range that starts the day before",
          "Như trên, cho các lượt đặt bắt đầu trong ngày đó hoặc ngày trước đó (để trống khi bằng nhau), cho khoảng ngày bắt đầu từ ngày trước đó",
        ),
      ],
      ["bookings", "9", l("Bookings that started in that hour, over all rooms", "Số lượt đặt bắt đầu trong giờ đó, trên mọi phòng")],
      [
        "organizer_ids",
        "{12,4711}",
        l(
          "The smallest 100 organizer numbers among the bookings in that hour, so no figure covers fewer than {k} people",
          "100 số hiệu người tổ chức nhỏ nhất trong số các lượt đặt của giờ đó, để không số liệu nào bao gồm ít hơn {k} người",
        ),
        { purposes: ["smallGroups"], audience: "nobody" },
      ],
    ],
  ),
  defineTable(
    "heatmap_basis",
    l("What the busy-hours figures were built with", "Cơ sở đã dùng để lập số liệu giờ bận"),
    l(
      "The rooms (with their buildings and time zones) and the working hours the busy-hours days were computed for; when any differs, figures are computed from the hourly figures instead.",
      "Các phòng (cùng tòa nhà và múi giờ của chúng) và giờ làm việc đã dùng để tính các ngày giờ bận; khi có khác biệt, số liệu được tính từ các số liệu theo giờ.",
    ),
    { purposes: ["moreRooms"], source: "system", retention: "bookings", audience: "nobody", pseudonymisation: "notPersonal" },
    [
      ["single", "true", l("Always true: there is one row at most", "Luôn là true: có nhiều nhất một dòng")],
      ["rooms_key", "5d41…2a9c", l("A fingerprint of the rooms, their buildings and time zones when computed", "Dấu vân tay của các phòng, tòa nhà và múi giờ của chúng khi tính")],
      ["working_time", "9f2c…e1a0", l("A fingerprint of the working hours and closure days used", "Dấu vân tay của giờ làm việc và ngày nghỉ đã dùng")],
    ],
  ),
  defineTable(
    "heatmap_dirty",
    l("Busy-hours days waiting to be recomputed", "Các ngày giờ bận đang chờ tính lại"),
    l(
      "The days whose busy-hours figures a large change (such as an exclusion) deleted; until they are recomputed, a few minutes later, figures for those days are computed from the hourly figures instead.",
      "Các ngày có số liệu giờ bận bị xóa do một thay đổi lớn (chẳng hạn một lần loại trừ); cho đến khi được tính lại vài phút sau, số liệu của những ngày đó được tính từ các số liệu theo giờ.",
    ),
    { purposes: ["moreRooms"], source: "system", retention: "bookings", audience: "nobody", pseudonymisation: "notPersonal" },
    [["day", "2026-03-03", l("The day, in each room's own time zone", "Ngày, theo múi giờ của từng phòng")]],
  ),
  defineTable(
    "behaviour_periods",
    l("Booking habits by day", "Thói quen đặt phòng theo ngày"),
    l(
      "Per day, over all rooms: how many bookings fall in each bar of the lead-time, duration, recurring and cancellation charts, and up to 100 organizer numbers per bar. Counted from the bookings; recomputed whenever bookings, working hours or the rooms change.",
      "Theo ngày, trên mọi phòng: số lượt đặt thuộc mỗi cột của các biểu đồ thời gian đặt trước, thời lượng, định kỳ và hủy, và tối đa 100 số hiệu người tổ chức cho mỗi cột. Đếm từ các lượt đặt; được tính lại mỗi khi lượt đặt, giờ làm việc hoặc các phòng thay đổi.",
    ),
    { purposes: ["moreRooms", "deskSpace"], source: "system", retention: "bookings", audience: "aggregates", pseudonymisation: "linked" },
    [
      ["day", "2026-03-03", l("The day, in each room's own time zone", "Ngày, theo múi giờ của từng phòng")],
      ["family", "duration", l("The chart: lead time, duration, recurring, outcome, cancelled or lead known", "Biểu đồ: thời gian đặt trước, thời lượng, định kỳ, kết quả, đã hủy hoặc đã biết thời gian đặt trước")],
      ["bucket", "1", l("The bar of that chart", "Cột của biểu đồ đó")],
      ["bookings", "120", l("Bookings in that bar that day", "Số lượt đặt thuộc cột đó trong ngày")],
      [
        "organizer_ids",
        "{12,4711}",
        l(
          "The smallest 100 organizer numbers among them, so no figure covers fewer than {k} people",
          "100 số hiệu người tổ chức nhỏ nhất trong số đó, để không số liệu nào bao gồm ít hơn {k} người",
        ),
        { purposes: ["smallGroups"], audience: "nobody" },
      ],
    ],
  ),
  defineTable(
    "behaviour_leads",
    l("Lead times by day", "Thời gian đặt trước theo ngày"),
    l(
      "Per day, over all rooms: how long before its start each booking was made, in seconds, without saying which booking or who made it; for the median lead time.",
      "Theo ngày, trên mọi phòng: mỗi lượt đặt được tạo trước giờ bắt đầu bao lâu, tính bằng giây, không cho biết lượt đặt nào hay ai đã tạo; dùng cho thời gian đặt trước trung vị.",
    ),
    { purposes: ["moreRooms", "deskSpace"], source: "system", retention: "bookings", audience: "aggregates", pseudonymisation: "notPersonal" },
    [
      ["day", "2026-03-03", l("The day, in each room's own time zone", "Ngày, theo múi giờ của từng phòng")],
      ["lead_seconds", "{3600,86400}", l("The lead times of that day's bookings, sorted", "Thời gian đặt trước của các lượt đặt trong ngày, đã sắp xếp")],
    ],
  ),
];
