import type { Localised } from "@/lib/i18n/locales";
import { defineTable, idRow, l, type InventoryTable, type PurposeKey } from "./inventory-terms";
import { operationsInventory } from "./inventory-operations";
import { derivedInventory, placementRows } from "./inventory-rollups";

export type { InventoryColumn, InventoryTable } from "./inventory-terms";

/**
 * The data inventory (privacy invariant 7): every column Roomlens stores outside the sign-in tables,
 * with what it holds, an example, why, where from, for how long, who sees it and whether it is
 * pseudonymised. The privacy panel is rendered from this list, and
 * tests/integration/privacy/inventory.test.ts fails when it and the migrated database disagree — so a
 * new column cannot ship without its privacy statement. The booking and exclusion tables are here;
 * what Roomlens derives from bookings for the dashboards in inventory-rollups.ts; the room directory
 * and operations tables in inventory-operations.ts.
 */

const ROOM_PURPOSES: PurposeKey[] = ["moreRooms", "deskSpace", "preferredRooms"];

const peopleInventory: readonly InventoryTable[] = [
  defineTable(
    "bookings",
    l("Bookings", "Lượt đặt phòng"),
    l(
      "One row per booking of a room: when, how many people, and a pseudonym instead of the organizer.",
      "Mỗi lượt đặt phòng một dòng: khi nào, bao nhiêu người, và một bí danh thay cho người tổ chức.",
    ),
    { purposes: ROOM_PURPOSES, source: "calendar", retention: "bookings", audience: "aggregates", pseudonymisation: "linked" },
    [
      idRow("918273"),
      ["room_id", "17", l("The booked room", "Phòng được đặt")],
      [
        "integration_id",
        "2",
        l("The calendar connection it came from", "Kết nối lịch mà lượt đặt đến từ đó"),
        { purposes: ["importing"], audience: "nobody", source: "system" },
      ],
      [
        "external_key",
        "q3VnY0v2…",
        l(
          "SHA-256 of the calendar's own event key, to recognise the booking at the next import",
          "Mã băm SHA-256 của khóa sự kiện trong lịch, để nhận ra lượt đặt ở lần nhập sau",
        ),
        { purposes: ["importing"], source: "gate", audience: "nobody", pseudonymisation: "hashed" },
      ],
      ["starts_at", "2026-03-02 09:00 UTC", l("Start", "Giờ bắt đầu")],
      ["ends_at", "2026-03-02 10:00 UTC", l("End", "Giờ kết thúc")],
      [
        "booked_at",
        "2026-02-27 16:40 UTC",
        l("When the booking was made (lead time)", "Thời điểm đặt phòng (đặt trước bao lâu)"),
      ],
      [
        "organizer_pseudonym",
        "5f2c91…e81a",
        l(
          "The organizer's pseudonym: a keyed hash of their e-mail address; empty for private events",
          "Bí danh của người tổ chức: mã băm có khóa của địa chỉ email; để trống với sự kiện riêng tư",
        ),
        { purposes: ["smallGroups", "objection"], source: "gate", audience: "pseudonym", pseudonymisation: "keyedHash" },
      ],
      [
        "key_version",
        "1",
        l("Which key made the pseudonym", "Khóa nào đã tạo ra bí danh"),
        { purposes: ["keyRotation", "objection"], source: "gate", audience: "nobody" },
      ],
      [
        "attendee_count",
        "6",
        l(
          "How many attendees (a number, never who); empty for private events",
          "Số người tham dự (chỉ là con số, không bao giờ là ai); để trống với sự kiện riêng tư",
        ),
        { purposes: ["moreRooms", "deskSpace"], source: "gate" },
      ],
      ["status", "confirmed", l("Confirmed, cancelled or no-show", "Đã xác nhận, đã hủy hoặc không có mặt")],
      [
        "checked_in_at",
        "2026-03-02 09:03 UTC",
        l("Check-in time, where the booking system records one", "Giờ nhận phòng, nếu hệ thống đặt phòng có ghi lại"),
      ],
      ["recurring", "false", l("Part of a recurring series", "Thuộc một chuỗi lặp lại")],
      [
        "private",
        "false",
        l("Private or confidential event: kept as occupancy only", "Sự kiện riêng tư hoặc bảo mật: chỉ lưu việc phòng bận"),
      ],
      [
        "updated_at",
        "2026-03-02 06:00 UTC",
        l("When Roomlens last changed the row", "Lần cuối Roomlens thay đổi dòng này"),
        { purposes: ["importing"], source: "system", audience: "nobody" },
      ],
      [
        "source_digest",
        "Xw3rT0qM…",
        l(
          "CSV imports only: a keyed hash of the whole file row the booking came from (every cell, also those Roomlens never reads, such as a title), so that a re-import skips rows that did not change. It cannot be turned back into the row, its e-mail addresses or its title",
          "Chỉ với tệp CSV: mã băm có khóa của toàn bộ dòng trong tệp mà lượt đặt đến từ đó (mọi ô, kể cả những ô Roomlens không bao giờ đọc, như tiêu đề), để lần nhập lại bỏ qua các dòng không đổi. Không thể khôi phục lại dòng đó, các địa chỉ email hay tiêu đề trong đó",
        ),
        { purposes: ["importing"], source: "gate", audience: "nobody", pseudonymisation: "keyedHash" },
      ],
      ...placementRows,
    ],
  ),
  defineTable(
    "exclusions",
    l("Exclusions", "Danh sách loại trừ"),
    l(
      "People who opted out. Only keyed hashes: never an e-mail address, never linked to a sign-in account.",
      "Những người đã chọn loại trừ. Chỉ có mã băm có khóa: không bao giờ có email, không bao giờ gắn với tài khoản đăng nhập.",
    ),
    { purposes: ["objection"], source: "you", retention: "untilIncluded", audience: "exclusion", pseudonymisation: "linked" },
    [
      idRow("4"),
      [
        "person_hash",
        "5f2c91…e81a",
        l("Keyed hash of the excluded person's e-mail address", "Mã băm có khóa của email người đã loại trừ"),
        { pseudonymisation: "keyedHash" },
      ],
      ["key_version", "1", l("Which key made the hash", "Khóa nào đã tạo ra mã băm"), { purposes: ["objection", "keyRotation"] }],
      [
        "entry_id",
        "3f1c9a2e-…",
        l(
          "A random id shared by one person's hashes (one per key version), so exclusions are counted as people, not keys",
          "Mã ngẫu nhiên chung cho các mã băm của cùng một người (mỗi phiên bản khóa một mã), để đếm số người chứ không phải số khóa",
        ),
        { source: "system" },
      ],
      ["since", "2026-03-04 11:20 UTC", l("When the person excluded themselves", "Thời điểm người đó tự loại trừ")],
    ],
  ),
];

export const inventory: readonly InventoryTable[] = [...peopleInventory, ...derivedInventory, ...operationsInventory];

/** A table holds personal data if any of its columns is (or sits beside) a pseudonym or an account. */
export function holdsPersonalData(table: InventoryTable): boolean {
  return table.columns.some((column) => column.pseudonymisation !== "notPersonal");
}

/** What Roomlens never stores, in any table, log or export (privacy invariant 1). */
export const neverCollected: readonly { what: Localised; why: Localised }[] = [
  {
    what: l("Meeting titles and subjects", "Tiêu đề và chủ đề cuộc họp"),
    why: l(
      "Never even read: room mailboxes often put the organizer's name into the subject.",
      "Thậm chí không được đọc: hộp thư của phòng thường ghi tên người tổ chức vào tiêu đề.",
    ),
  },
  {
    what: l("Descriptions, bodies, notes and attachments", "Mô tả, nội dung, ghi chú và tệp đính kèm"),
    why: l("Never read.", "Không bao giờ được đọc."),
  },
  {
    what: l("The organizer's name and e-mail address", "Tên và địa chỉ email của người tổ chức"),
    why: l("Replaced by a keyed hash before anything is stored.", "Được thay bằng mã băm có khóa trước khi lưu bất cứ thứ gì."),
  },
  {
    what: l(
      "Attendees' names and e-mail addresses, and who accepted or declined",
      "Tên, email của người tham dự, và ai đã nhận lời hay từ chối",
    ),
    why: l("Only the number of attendees is kept.", "Chỉ giữ lại số người tham dự."),
  },
  {
    what: l("Free-text locations", "Địa điểm ghi dạng văn bản tự do"),
    why: l("Used in memory only, to recognise the room.", "Chỉ dùng trong bộ nhớ để nhận ra phòng."),
  },
  {
    what: l(
      "Phone numbers, dial-in details and video-call links",
      "Số điện thoại, thông tin gọi vào và đường dẫn họp trực tuyến",
    ),
    why: l("Never read.", "Không bao giờ được đọc."),
  },
  {
    what: l(
      "Who organised a private or confidential event, and how many came",
      "Ai tổ chức một sự kiện riêng tư hoặc bảo mật, và bao nhiêu người tham dự",
    ),
    why: l("Such events are kept as “room busy” only.", "Các sự kiện này chỉ được lưu là “phòng đang bận”."),
  },
  {
    what: l(
      "Where you are: device, Wi-Fi, Bluetooth or badge location",
      "Vị trí của bạn: qua thiết bị, Wi-Fi, Bluetooth hay thẻ ra vào",
    ),
    why: l(
      "Roomlens uses no sensors and no mobile location analytics.",
      "Roomlens không dùng cảm biến hay phân tích vị trí thiết bị di động.",
    ),
  },
];
