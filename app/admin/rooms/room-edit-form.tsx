import Link from "next/link";
import { getDictionary } from "@/lib/i18n/dictionary";
import type { Locale } from "@/lib/i18n/locales";
import type { DirectoryRoom } from "@/lib/rooms/directory";
import { saveRoom } from "./actions";

/** One room's editable fields; the refused ones (`invalid`) are named above the form. */
export function RoomEditForm({ locale, room, invalid }: { locale: Locale; room: DirectoryRoom; invalid: string[] }) {
  const t = getDictionary(locale).adminRooms;
  const refused = invalid.filter((field): field is keyof typeof t.invalid => Object.hasOwn(t.invalid, field));
  return (
    <section className="card" id="edit" aria-labelledby="edit-heading">
      <h2 id="edit-heading">{t.editHeading(room.name)}</h2>
      {refused.length > 0 && (
        <p className="notice" role="alert">
          {t.notSaved} {refused.map((field) => t.invalid[field]).join(" ")}
        </p>
      )}
      <form action={saveRoom} data-testid="room-edit-form">
        <input type="hidden" name="roomId" value={room.id} />
        <div className="form-row">
          <label htmlFor="room-capacity">{t.fields.capacity}</label>
          <input id="room-capacity" name="capacity" type="number" min={1} max={1000} defaultValue={room.capacity ?? ""} />
          <span className="hint">{t.capacityHint}</span>
        </div>
        <div className="form-row">
          <label htmlFor="room-building">{t.fields.building}</label>
          <input id="room-building" name="building" maxLength={100} defaultValue={room.building} />
        </div>
        <div className="form-row">
          <label htmlFor="room-floor">{t.fields.floor}</label>
          <input id="room-floor" name="floor" maxLength={40} defaultValue={room.floor} />
        </div>
        <div className="form-row">
          <label htmlFor="room-amenities">{t.fields.amenities}</label>
          <input id="room-amenities" name="amenities" maxLength={500} defaultValue={room.amenities.join(", ")} aria-describedby="room-amenities-hint" />
          <span className="hint" id="room-amenities-hint">
            {t.amenitiesHint}
          </span>
        </div>
        <div className="form-row">
          <label htmlFor="room-zone">{t.fields.timeZone}</label>
          <input id="room-zone" name="timeZone" required defaultValue={room.timeZone} aria-describedby="room-zone-hint" />
          <span className="hint" id="room-zone-hint">
            {t.timeZoneHint}
          </span>
        </div>
        {/* Not a .form-row: its input styles are for text fields and would stretch the box. */}
        <div style={{ margin: "0.75rem 0" }}>
          <label>
            <input type="checkbox" name="active" defaultChecked={room.active} /> {t.fields.active}
          </label>
          <div className="muted">{t.activeHint}</div>
        </div>
        {/* Not a .form-row: its input styles are for text fields and would stretch the box. */}
        <div style={{ margin: "0.75rem 0" }}>
          <label>
            <input type="checkbox" name="sensitive" defaultChecked={room.sensitive} /> {t.fields.sensitive}
          </label>
          <div className="muted">{t.sensitiveHint}</div>
        </div>
        <div className="inline-form">
          <button type="submit" className="button button--primary">
            {t.save}
          </button>
          <Link href="/admin/rooms">{t.cancel}</Link>
        </div>
      </form>
    </section>
  );
}
