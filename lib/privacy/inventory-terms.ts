import type { Localised } from "@/lib/i18n/locales";

/**
 * The vocabulary and shape of the data inventory (inventory.ts): each stored column names one term
 * per question, so the same answer reads the same everywhere, in both languages. `{k}` and `{days}`
 * are filled with the live settings when the panel renders (fillLive).
 */

/** Text in both languages, written compactly: l("English", "Tiếng Việt"). */
export const l = (en: string, vi: string): Localised => ({ en, vi });

/** Why a field is kept. The first three are the workplace privacy notice's own purposes. */
export const purposes = {
  moreRooms: l("Providing more conference rooms", "Cung cấp thêm phòng hội nghị"),
  deskSpace: l("Reallocating conference space to desks", "Phân bổ không gian hội nghị cho bàn làm việc"),
  preferredRooms: l("Identifying preferred rooms", "Xác định phòng được ưu tiên"),
  smallGroups: l(
    "Counting distinct organizers, so no figure covers fewer than {k}",
    "Đếm số người tổ chức khác nhau, để không số liệu nào bao gồm ít hơn {k} người",
  ),
  objection: l("Honouring exclusions (right to object)", "Thực hiện việc loại trừ (quyền phản đối)"),
  keyRotation: l("Knowing which key made a hash, so keys can be rotated", "Biết mã băm do khóa nào tạo, để có thể đổi khóa"),
  retention: l("Deleting data on time", "Xóa dữ liệu đúng hạn"),
  importing: l("Importing each booking once and keeping it current", "Nhập mỗi lượt đặt phòng một lần và cập nhật khi thay đổi"),
  directory: l("Naming and grouping rooms on charts", "Đặt tên và phân nhóm phòng trên biểu đồ"),
  operations: l("Showing admins whether imports work", "Cho quản trị viên biết việc nhập dữ liệu có hoạt động không"),
  accountability: l("Accountability: who changed what, and when", "Truy vết trách nhiệm: ai đã thay đổi gì, vào lúc nào"),
  configuration: l(
    "The settings every figure and privacy rule reads",
    "Thiết lập mà mọi số liệu và quy tắc quyền riêng tư sử dụng",
  ),
  rowKey: l("Linking rows to each other inside the database", "Liên kết các dòng dữ liệu với nhau trong cơ sở dữ liệu"),
} as const satisfies Record<string, Localised>;

/** Where a value comes from. */
export const sources = {
  calendar: l("The booking in the room's calendar", "Lượt đặt trong lịch của phòng"),
  gate: l("Computed at import by the privacy gate", "Tính ra khi nhập dữ liệu, tại cổng bảo vệ quyền riêng tư"),
  directory: l(
    "Room directory (an admin's import, or the calendar's room list)",
    "Danh bạ phòng (quản trị viên nhập, hoặc danh sách phòng của lịch)",
  ),
  admin: l("An admin", "Quản trị viên"),
  importRun: l("The import run", "Lần nhập dữ liệu"),
  system: l("Roomlens itself", "Do Roomlens tạo ra"),
  you: l("You, when you exclude yourself", "Chính bạn, khi bạn tự loại trừ"),
} as const satisfies Record<string, Localised>;

/** How long a value is kept. */
export const retentions = {
  bookings: l("{days} days after the meeting, then purged", "{days} ngày sau cuộc họp, rồi bị xóa"),
  whileRoom: l("While the room is in the directory", "Khi phòng còn trong danh bạ"),
  whileIntegration: l("While the calendar connection exists", "Khi kết nối lịch còn tồn tại"),
  untilIncluded: l("Until you include yourself again", "Cho đến khi bạn tham gia lại"),
  setting: l("Until an admin changes it", "Cho đến khi quản trị viên thay đổi"),
  appendOnly: l("Permanently; only ever appended to", "Vĩnh viễn; chỉ được ghi thêm"),
} as const satisfies Record<string, Localised>;

/** Who can see a value, and in what form. */
export const audiences = {
  everyone: l("Everyone, on this page", "Mọi người, trên trang này"),
  plannersAdmins: l("Planners and admins", "Người quy hoạch và quản trị viên"),
  admins: l("Admins", "Quản trị viên"),
  aggregates: l(
    "No one row by row; planners see totals of at least {k} organizers",
    "Không ai xem từng dòng; người quy hoạch chỉ thấy số liệu tổng của ít nhất {k} người tổ chức",
  ),
  pseudonym: l(
    "No one; you see how many bookings carry yours, on My data",
    "Không ai; bạn thấy số lượt đặt mang bí danh của mình, ở trang Dữ liệu của tôi",
  ),
  exclusion: l(
    "No one; admins see only how many people, once at least {k}",
    "Không ai; quản trị viên chỉ thấy số người, khi đạt từ {k} trở lên",
  ),
  nobody: l("No one; used only inside Roomlens", "Không ai; chỉ dùng bên trong Roomlens"),
} as const satisfies Record<string, Localised>;

/** Whether a value is pseudonymised: the distinction a privacy officer asks about first. */
export const pseudonymisations = {
  keyedHash: l(
    "Yes: keyed hash (HMAC-SHA-256), key kept outside the database",
    "Có: mã băm có khóa (HMAC-SHA-256), khóa giữ ngoài cơ sở dữ liệu",
  ),
  hashed: l("Hashed (SHA-256); the original is not kept", "Đã băm (SHA-256); không giữ giá trị gốc"),
  linked: l("Stored only with a pseudonym, never with a name", "Chỉ lưu kèm bí danh, không bao giờ kèm tên"),
  accountRef: l(
    "No: names the sign-in account that acted, for accountability",
    "Không: ghi tài khoản đăng nhập đã thực hiện, để truy vết trách nhiệm",
  ),
  notPersonal: l("Not about a person", "Không phải dữ liệu cá nhân"),
} as const satisfies Record<string, Localised>;

export type PurposeKey = keyof typeof purposes;
export type SourceKey = keyof typeof sources;
export type RetentionKey = keyof typeof retentions;
export type AudienceKey = keyof typeof audiences;
export type PseudonymisationKey = keyof typeof pseudonymisations;

/** The live values a term may mention. */
export type LiveValues = { k: number; days: number };

export function fillLive(text: string, live: LiveValues): string {
  return text.replaceAll("{k}", String(live.k)).replaceAll("{days}", String(live.days));
}

/** One stored column's privacy statement. */
export type InventoryColumn = {
  column: string;
  about: Localised;
  /** Made up, but shaped exactly like the stored value; a string when no words need translating. */
  example: string | Localised;
  purposes: readonly PurposeKey[];
  source: SourceKey;
  retention: RetentionKey;
  audience: AudienceKey;
  pseudonymisation: PseudonymisationKey;
};

export type InventoryTable = { table: string; title: Localised; about: Localised; columns: readonly InventoryColumn[] };

export type Answers = Omit<InventoryColumn, "column" | "about" | "example">;
export type Row = [column: string, example: string | Localised, about: Localised, answers?: Partial<Answers>];

/** Most columns of a table answer alike; a row states only where it differs from its table. */
export function defineTable(name: string, title: Localised, about: Localised, defaults: Answers, rows: Row[]): InventoryTable {
  const columns = rows.map(([column, example, text, answers]) => ({ column, about: text, example, ...defaults, ...answers }));
  return { table: name, title, about, columns };
}

/** Row numbers: meaningless outside the database, but as personal as the row they number. */
export const idRow = (example: string): Row => [
  "id",
  example,
  l("Internal row number", "Số thứ tự nội bộ của dòng"),
  { source: "system", audience: "nobody", purposes: ["rowKey"] },
];
