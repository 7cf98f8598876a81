import { defineTable, idRow, l, type InventoryTable, type Row } from "./inventory-terms";

/** The room directory and operations tables of the data inventory (see inventory.ts). */

const count = (column: string, example: string, en: string, vi: string): Row => [column, example, l(en, vi)];

export const operationsInventory: readonly InventoryTable[] = [
  defineTable(
    "rooms",
    l("Rooms", "Phòng"),
    l("The room directory.", "Danh bạ phòng."),
    {
      purposes: ["directory"],
      source: "directory",
      retention: "whileRoom",
      audience: "plannersAdmins",
      pseudonymisation: "notPersonal",
    },
    [
      idRow("17"),
      ["name", "Orion 4.12", l("Room name", "Tên phòng"), { purposes: ["directory", "preferredRooms"] }],
      ["building", "HQ North", l("Building", "Tòa nhà"), { purposes: ["directory", "moreRooms"] }],
      ["floor", "4", l("Floor", "Tầng")],
      ["capacity", "8", l("Seats", "Số chỗ ngồi"), { purposes: ["moreRooms", "deskSpace"] }],
      [
        "amenities",
        l("screen, whiteboard", "màn hình, bảng trắng"),
        l("Equipment in the room", "Trang thiết bị trong phòng"),
        { purposes: ["preferredRooms"] },
      ],
      ["time_zone", "Europe/London", l("Time zone of the room's working hours", "Múi giờ cho giờ làm việc của phòng")],
      ["active", "true", l("Whether the room counts in the figures", "Phòng có được tính trong số liệu không")],
      [
        "sensitive",
        "false",
        l(
          "Executive, HR or health room: shown only inside its floor's totals, never on its own",
          "Phòng lãnh đạo, nhân sự hoặc y tế: chỉ hiển thị trong tổng số của tầng, không bao giờ hiển thị riêng",
        ),
        { purposes: ["directory", "smallGroups"] },
      ],
      [
        "created_at",
        "2026-01-12 08:30 UTC",
        l("When the room was added", "Thời điểm thêm phòng"),
        { source: "system", audience: "admins" },
      ],
    ],
  ),
  defineTable(
    "room_sources",
    l("Room identifiers", "Mã định danh phòng"),
    l("How each calendar names a room.", "Cách mỗi lịch gọi tên một phòng."),
    { purposes: ["importing"], source: "directory", retention: "whileRoom", audience: "admins", pseudonymisation: "notPersonal" },
    [
      idRow("3"),
      ["room_id", "17", l("The room it names", "Phòng được gọi tên")],
      [
        "source_key",
        "orion-4.12@rooms.example.com",
        l(
          "The room's resource address or ID in a calendar (a room's, never a person's)",
          "Địa chỉ hoặc mã tài nguyên của phòng trong lịch (của phòng, không bao giờ của người)",
        ),
      ],
    ],
  ),
  defineTable(
    "settings",
    l("Settings", "Thiết lập"),
    l(
      "One row of settings; the ones that protect you are shown at the top of this page.",
      "Một dòng thiết lập; những thiết lập bảo vệ bạn được hiển thị ở đầu trang này.",
    ),
    { purposes: ["configuration"], source: "admin", retention: "setting", audience: "everyone", pseudonymisation: "notPersonal" },
    [
      ["id", "1", l("Always 1: there is a single row", "Luôn là 1: chỉ có một dòng"), { audience: "admins" }],
      [
        "min_group_size",
        "10",
        l("Smallest group a figure may cover (k)", "Nhóm nhỏ nhất mà một số liệu được phép bao gồm (k)"),
        { purposes: ["smallGroups"] },
      ],
      ["retention_days", "395", l("Days bookings are kept", "Số ngày lưu lượt đặt phòng"), { purposes: ["retention"] }],
      [
        "workday_start_minute",
        "480",
        l(
          "Start of working hours, in minutes after midnight (480 = 08:00)",
          "Giờ bắt đầu làm việc, tính bằng phút từ nửa đêm (480 = 08:00)",
        ),
        { audience: "plannersAdmins" },
      ],
      [
        "workday_end_minute",
        "1080",
        l("End of working hours (1080 = 18:00)", "Giờ kết thúc làm việc (1080 = 18:00)"),
        { audience: "plannersAdmins" },
      ],
      [
        "workdays",
        "{1,2,3,4,5}",
        l("Working days (1 = Monday)", "Các ngày làm việc (1 = thứ Hai)"),
        { audience: "plannersAdmins" },
      ],
      [
        "recommendation_thresholds",
        '{"highPressure":0.1}',
        l(
          "Thresholds that trigger a recommendation, where an admin changed them",
          "Các ngưỡng kích hoạt một khuyến nghị, khi quản trị viên đã thay đổi",
        ),
        { purposes: ["moreRooms", "deskSpace", "preferredRooms"], audience: "plannersAdmins" },
      ],
      [
        "last_purge_at",
        "2026-03-01 02:00 UTC",
        l("When old bookings were last purged", "Lần cuối xóa các lượt đặt phòng cũ"),
        { purposes: ["retention"], source: "system" },
      ],
    ],
  ),
  defineTable(
    "buildings",
    l("Building working time", "Giờ làm việc của tòa nhà"),
    l(
      "A building's own working hours and days, where they differ from the organisation's.",
      "Giờ và ngày làm việc riêng của một tòa nhà, khi khác với của tổ chức.",
    ),
    { purposes: ["moreRooms", "deskSpace"], source: "admin", retention: "setting", audience: "plannersAdmins", pseudonymisation: "notPersonal" },
    [
      ["name", "HQ North", l("Building", "Tòa nhà")],
      ["workday_start_minute", "420", l("Start of working hours here (420 = 07:00)", "Giờ bắt đầu làm việc tại đây (420 = 07:00)")],
      ["workday_end_minute", "1140", l("End of working hours here (1140 = 19:00)", "Giờ kết thúc làm việc tại đây (1140 = 19:00)")],
      ["workdays", "{1,2,3,4,5,6}", l("Working days here (1 = Monday)", "Các ngày làm việc tại đây (1 = thứ Hai)")],
    ],
  ),
  defineTable(
    "closure_days",
    l("Closure days", "Ngày đóng cửa"),
    l(
      "Holidays and shutdowns, left out of the time rooms could have been used.",
      "Ngày lễ và ngày nghỉ, không tính vào thời gian phòng có thể được sử dụng.",
    ),
    { purposes: ["moreRooms", "deskSpace"], source: "admin", retention: "setting", audience: "plannersAdmins", pseudonymisation: "notPersonal" },
    [
      ["building", "HQ North", l("Building closed (empty: every building)", "Tòa nhà đóng cửa (để trống: mọi tòa nhà)")],
      ["day", "2026-12-25", l("The day", "Ngày")],
      ["label", l("Christmas Day", "Lễ Giáng sinh"), l("What the day is", "Đó là ngày gì")],
    ],
  ),
  defineTable(
    "integrations",
    l("Calendar connections", "Kết nối lịch"),
    l(
      "Where bookings are imported from. A connection's secret is stored only encrypted, and never shown again.",
      "Nơi nhập các lượt đặt phòng. Bí mật của kết nối chỉ được lưu ở dạng mã hóa và không bao giờ hiển thị lại.",
    ),
    {
      purposes: ["importing"],
      source: "admin",
      retention: "whileIntegration",
      audience: "admins",
      pseudonymisation: "notPersonal",
    },
    [
      idRow("2"),
      [
        "kind",
        "ics",
        l("Kind of source: ics, csv, google, microsoft or webhook", "Loại nguồn: ics, csv, google, microsoft hoặc webhook"),
      ],
      ["name", "HQ room feeds", l("Name of the connection", "Tên kết nối")],
      [
        "config",
        '{"source":"https://…/orion.ics","timeZone":"Europe/London"}',
        l(
          "Where to read from, and defaults; for Google and Microsoft 365 also the ids and end times of its push channels",
          "Nơi đọc dữ liệu và các giá trị mặc định; với Google và Microsoft 365, còn có mã và thời điểm hết hạn của các kênh nhận thông báo thay đổi",
        ),
      ],
      [
        "secret_encrypted",
        "v1:Wm9p…:c2Vj…:q83x…",
        l(
          "The connection's secret (service-account key, client secret, webhook secret), encrypted with AES-256-GCM under a key kept outside the database; a system's credential, not data about a person",
          "Bí mật của kết nối (khóa tài khoản dịch vụ, mật khẩu ứng dụng, khóa webhook), mã hóa AES-256-GCM bằng khóa giữ ngoài cơ sở dữ liệu; là thông tin xác thực của hệ thống, không phải dữ liệu về một người",
        ),
        { audience: "nobody" },
      ],
      [
        "sync_interval_minutes",
        "60",
        l("How often it is synced, in minutes; empty: on demand only", "Tần suất đồng bộ, tính bằng phút; để trống: chỉ khi được yêu cầu"),
      ],
      ["enabled", "true", l("Whether it is imported", "Có được nhập hay không")],
      [
        "cursor",
        '{"lastImportAt":"2026-03-02T06:00:00Z"}',
        l("Where the next import resumes", "Điểm bắt đầu của lần nhập tiếp theo"),
        { source: "system" },
      ],
      [
        "last_status",
        "succeeded",
        l("Outcome of the last import", "Kết quả lần nhập gần nhất"),
        { source: "system", purposes: ["operations"] },
      ],
      [
        "last_sync_at",
        "2026-03-02 06:00 UTC",
        l("When it was last imported", "Thời điểm nhập gần nhất"),
        { source: "system", purposes: ["operations"] },
      ],
      ["created_at", "2026-01-12 08:30 UTC", l("When it was added", "Thời điểm thêm kết nối"), { source: "system" }],
    ],
  ),
  defineTable(
    "sync_runs",
    l("Import runs", "Các lần nhập dữ liệu"),
    l("One row per import, with counts only.", "Mỗi lần nhập một dòng, chỉ có các con số."),
    {
      purposes: ["operations"],
      source: "importRun",
      retention: "whileIntegration",
      audience: "admins",
      pseudonymisation: "notPersonal",
    },
    [
      idRow("41"),
      ["integration_id", "2", l("Which connection ran", "Kết nối nào đã chạy")],
      ["started_at", "2026-03-02 06:00 UTC", l("Start of the run", "Thời điểm bắt đầu")],
      ["finished_at", "2026-03-02 06:01 UTC", l("End of the run", "Thời điểm kết thúc")],
      ["status", "partial", l("Succeeded, partial or failed", "Thành công, một phần hoặc thất bại")],
      count("fetched", "1520", "Records read", "Số bản ghi đã đọc"),
      count("inserted", "12", "New bookings", "Lượt đặt mới"),
      count("updated", "3", "Changed bookings", "Lượt đặt đã thay đổi"),
      count("unchanged", "1498", "Unchanged bookings", "Lượt đặt không đổi"),
      count("cancelled", "4", "Bookings cancelled", "Lượt đặt đã hủy"),
      count(
        "excluded",
        "2",
        "Bookings dropped because their organizer opted out (a count only)",
        "Lượt đặt bị bỏ vì người tổ chức đã loại trừ (chỉ là con số)",
      ),
      count("all_day", "1", "All-day events skipped", "Sự kiện cả ngày bị bỏ qua"),
      count("rejected", "2", "Records rejected", "Bản ghi bị từ chối"),
      [
        "rejections",
        '[{"where":"line 42","reason":"no DTSTART"}]',
        l(
          "The first reasons for rejection, with line or row; never a title or an e-mail address",
          "Các lý do từ chối đầu tiên, kèm dòng hoặc hàng; không bao giờ có tiêu đề hay email",
        ),
      ],
      ["error", "could not fetch the feed (HTTP 404)", l("Why an import failed", "Lý do lần nhập thất bại")],
    ],
  ),
  defineTable(
    "audit_log",
    l("Audit log", "Nhật ký kiểm tra"),
    l(
      "What was done and when: settings, connections, keys, purges, exports, exclusions. Never who was excluded.",
      "Việc gì đã được làm và khi nào: thiết lập, kết nối, khóa, dọn dữ liệu, xuất dữ liệu, loại trừ. Không bao giờ ghi ai đã loại trừ.",
    ),
    {
      purposes: ["accountability"],
      source: "system",
      retention: "appendOnly",
      audience: "admins",
      pseudonymisation: "notPersonal",
    },
    [
      idRow("305"),
      ["at", "2026-03-04 11:20 UTC", l("When", "Khi nào")],
      [
        "actor",
        "user:12",
        l(
          "Who acted: “cli”, “system”, “member”, or the admin's account (user:12); never who opted out",
          "Ai thực hiện: “cli”, “system”, “member”, hoặc tài khoản quản trị viên (user:12); không bao giờ ghi ai đã loại trừ",
        ),
        { pseudonymisation: "accountRef" },
      ],
      ["action", "exclusion.added", l("What happened", "Việc gì đã xảy ra")],
      [
        "details",
        '{"setting":"minGroupSize","from":"10","to":"12"}',
        l(
          "Counts and settings involved, and the account whose role changed; never an e-mail address or who opted out",
          "Các con số, thiết lập liên quan, và tài khoản được đổi vai trò; không bao giờ có email hay ai đã loại trừ",
        ),
        { pseudonymisation: "accountRef" },
      ],
    ],
  ),
];
