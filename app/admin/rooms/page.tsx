import type { Metadata } from "next";
import Link from "next/link";
import { connection } from "next/server";
import { requirePermission } from "@/lib/auth/viewer";
import { defaultTimeZone } from "@/lib/context";
import type { Dictionary } from "@/lib/i18n/dictionary";
import { getI18n } from "@/lib/i18n/server";
import { listIntegrations } from "@/lib/integrations/manage";
import { listRoomDirectory } from "@/lib/rooms/directory";
import { listUnknownRooms } from "@/lib/rooms/unknown-rooms";
import { getDatabase } from "@/lib/server/database";
import { AdminNav } from "../_nav";
import { createRoom, mapRoom } from "./actions";
import { RoomEditForm } from "./room-edit-form";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: t.adminRooms.metaTitle };
}

type Params = { edit?: string; invalid?: string; saved?: string; room?: string; mapped?: string; resync?: string; error?: string };
type Props = { searchParams: Promise<Params> };
type Text = Dictionary["adminRooms"];

const isError = (code: string | undefined, t: Text): code is keyof Text["errors"] => code !== undefined && Object.hasOwn(t.errors, code);

export default async function RoomsPage({ searchParams }: Props) {
  await connection();
  await requirePermission("admin.read");
  const [{ db }, { locale, t: dictionary }] = await Promise.all([getDatabase(), getI18n()]);
  const t = dictionary.adminRooms;
  const params = await searchParams;
  const [rooms, unknown, integrations] = await Promise.all([listRoomDirectory(db), listUnknownRooms(db), listIntegrations(db)]);
  const editing = rooms.find((room) => room.id === Number(params.edit));
  const saved = Number(params.saved);
  const savedRoom = rooms.find((room) => room.id === Number(params.room));
  const mappedRoom = rooms.find((room) => room.id === Number(params.mapped));
  const resync = (params.resync ?? "").split(",").map(Number);
  const toResync = integrations.filter((integration) => resync.includes(integration.id));

  return (
    <main id="main" className="page">
      <h1>{t.title}</h1>
      <AdminNav current="/admin/rooms" />
      <p className="muted">{t.intro}</p>
      {Number.isInteger(saved) && savedRoom && (
        <p className="notice" role="status">
          {saved === 0 ? t.nothingChanged : t.saved(savedRoom.name, saved)}
        </p>
      )}
      {mappedRoom && (
        <div className="notice" role="status" data-testid="mapped-notice">
          <p>{t.unknown.mapped(mappedRoom.name)}</p>
          {toResync.length > 0 && (
            <p>
              {t.unknown.resync}{" "}
              {toResync.map((integration, i) => (
                <span key={integration.id}>
                  {i > 0 && ", "}
                  <Link href={`/admin/integrations/detail?id=${integration.id}`}>{integration.name}</Link>
                </span>
              ))}
            </p>
          )}
        </div>
      )}
      {isError(params.error, t) && (
        <p className="notice" role="alert">
          {t.errors[params.error]}
        </p>
      )}
      {editing && <RoomEditForm locale={locale} room={editing} invalid={(params.invalid ?? "").split(",").filter(Boolean)} />}

      <section className="card" aria-labelledby="unknown-heading" id="unknown">
        <h2 id="unknown-heading">{t.unknown.heading}</h2>
        <p className="muted">{t.unknown.intro}</p>
        {unknown.length === 0 ? (
          <p>{t.unknown.empty}</p>
        ) : (
          <div className="table-frame">
            <table className="data-table" data-testid="unknown-rooms">
              <thead>
                <tr>
                  <th scope="col">{t.unknown.label}</th>
                  <th scope="col">{t.unknown.seenIn}</th>
                  <th scope="col">{t.unknown.mapTo}</th>
                  <th scope="col">{t.unknown.create}</th>
                </tr>
              </thead>
              <tbody>
                {unknown.map((entry, i) => (
                  <tr key={entry.label}>
                    <th scope="row">{entry.label}</th>
                    <td>
                      {entry.integrations.map((integration) => integration.name).join(", ")} <span className="muted">({t.unknown.rejected(entry.rejected)})</span>
                    </td>
                    <td>
                      <form action={mapRoom} className="inline-form">
                        <input type="hidden" name="label" value={entry.label} />
                        <label className="visually-hidden" htmlFor={`map-${i}`}>
                          {t.unknown.mapLabel(entry.label)}
                        </label>
                        <select id={`map-${i}`} name="roomId" required defaultValue="">
                          <option value="" disabled>
                            {t.unknown.choose}
                          </option>
                          {rooms.map((room) => (
                            <option key={room.id} value={room.id}>
                              {room.name}
                              {room.building ? ` (${room.building})` : ""}
                            </option>
                          ))}
                        </select>
                        <button type="submit" className="button button--secondary">
                          {t.unknown.map}
                        </button>
                      </form>
                    </td>
                    <td>
                      <form action={createRoom} className="inline-form">
                        <input type="hidden" name="label" value={entry.label} />
                        <label className="visually-hidden" htmlFor={`zone-${i}`}>
                          {t.unknown.zoneLabel(entry.label)}
                        </label>
                        <input id={`zone-${i}`} name="timeZone" defaultValue={defaultTimeZone()} size={16} />
                        <button type="submit" className="button button--secondary" aria-label={t.unknown.createLabel(entry.label)}>
                          {t.unknown.create}
                        </button>
                      </form>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section className="card" aria-labelledby="rooms-heading">
        <h2 id="rooms-heading">{t.directory}</h2>
        <div className="table-frame">
          <table className="data-table" data-testid="rooms-table">
            <thead>
              <tr>
                <th scope="col">{t.fields.name}</th>
                <th scope="col">{t.fields.building}</th>
                <th scope="col">{t.fields.floor}</th>
                <th scope="col">{t.fields.capacity}</th>
                <th scope="col">{t.fields.amenities}</th>
                <th scope="col">{t.fields.timeZone}</th>
                <th scope="col">{t.fields.active}</th>
                <th scope="col">{t.fields.sensitive}</th>
                <th scope="col">{t.fields.sources}</th>
                <th scope="col">
                  <span className="visually-hidden">{t.edit}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rooms.map((room) => (
                <tr key={room.id}>
                  <th scope="row">{room.name}</th>
                  <td>{room.building || "—"}</td>
                  <td>{room.floor || "—"}</td>
                  <td>{room.capacity ?? "—"}</td>
                  <td>{room.amenities.join(", ") || "—"}</td>
                  <td>{room.timeZone}</td>
                  <td>{room.active ? t.yes : t.no}</td>
                  <td>{room.sensitive ? t.yes : t.no}</td>
                  <td>{room.sources.join(", ") || "—"}</td>
                  <td>
                    <Link href={`/admin/rooms?edit=${room.id}#edit`} aria-label={t.editLabel(room.name)}>
                      {t.edit}
                    </Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </main>
  );
}
