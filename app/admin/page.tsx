import type { Metadata } from "next";
import { count } from "drizzle-orm";
import { connection } from "next/server";
import { authUsers, integrations, rooms } from "@/db/schema";
import { requirePermission } from "@/lib/auth/viewer";
import { countExcludedPeople } from "@/lib/privacy/exclusion";
import { getDatabase } from "@/lib/server/database";
import { getSettings } from "@/lib/settings";
import { AdminNav } from "./_nav";

export const metadata: Metadata = { title: "Admin" };

export default async function AdminPage() {
  await connection();
  await requirePermission("admin.read");
  const { db } = await getDatabase();
  const [settings, excluded, [users], [roomCount], [integrationCount]] = await Promise.all([
    getSettings(db),
    countExcludedPeople(db),
    db.select({ n: count() }).from(authUsers),
    db.select({ n: count() }).from(rooms),
    db.select({ n: count() }).from(integrations),
  ]);
  const k = settings.minGroupSize;

  return (
    <main id="main" className="page">
      <h1>Admin</h1>
      <AdminNav current="/admin" />
      <dl className="kpi-grid">
        <div className="kpi">
          <dt className="kpi__label">Signed-in accounts</dt>
          <dd className="kpi__value">{users?.n ?? 0}</dd>
        </div>
        <div className="kpi">
          <dt className="kpi__label">Rooms</dt>
          <dd className="kpi__value">{roomCount?.n ?? 0}</dd>
        </div>
        <div className="kpi">
          <dt className="kpi__label">Integrations</dt>
          <dd className="kpi__value">{integrationCount?.n ?? 0}</dd>
        </div>
        <div className="kpi" data-testid="excluded-count">
          <dt className="kpi__label">People who opted out</dt>
          {/* Below k the number itself could point at someone: show only that it is small. */}
          <dd className="kpi__value">{excluded >= k ? excluded : `fewer than ${k}`}</dd>
        </div>
      </dl>
      <p className="muted">
        Who opted out is never shown to anyone: the exclusion list holds keyed hashes only, and the number appears once
        it reaches the small-group threshold k = {k}.
      </p>
    </main>
  );
}
