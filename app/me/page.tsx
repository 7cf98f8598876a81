import type { Metadata } from "next";
import Link from "next/link";
import { connection } from "next/server";
import { requirePermission } from "@/lib/auth/viewer";
import { getMyDataStatus } from "@/lib/privacy/my-data";
import { getDatabase } from "@/lib/server/database";
import { getServerKeys } from "@/lib/server/keys";
import { excludeMe, includeMe } from "./actions";

export const metadata: Metadata = { title: "My data" };

const formatDate = (date: Date) => new Intl.DateTimeFormat("en-GB", { dateStyle: "long", timeStyle: "short" }).format(date);

export default async function MyDataPage() {
  await connection();
  const { user } = await requirePermission("me.read");
  if (!user) return null;
  const { db } = await getDatabase();
  const status = await getMyDataStatus(db, getServerKeys(), user.email);

  return (
    <main id="main" className="page page--narrow" data-testid="my-data">
      <h1>My data</h1>
      <p className="lead">
        Signed in as {user.name ?? user.email}. Roomlens never stores your e-mail with your bookings: it finds them by
        computing your pseudonym now, from the address you signed in with.
      </p>

      <section className="card" aria-labelledby="status-heading">
        <h2 id="status-heading">Your status</h2>
        {status.excluded ? (
          <p>
            <span className="status status--excluded" data-testid="my-status">
              Excluded
            </span>{" "}
            since {status.excludedSince ? formatDate(status.excludedSince) : "—"}. Every import skips bookings you
            organise, and you are not counted as an attendee.
          </p>
        ) : (
          <p>
            <span className="status status--included" data-testid="my-status">
              Included
            </span>{" "}
            Your room bookings count towards the totals planners see — never shown on their own.
          </p>
        )}
        <p>
          Bookings held under your pseudonym right now: <strong data-testid="my-bookings">{status.bookings}</strong>
        </p>
      </section>

      {status.excluded ? (
        <section className="card" aria-labelledby="include-heading">
          <h2 id="include-heading">Include me again</h2>
          <p>
            From the next import on, your bookings count again. Bookings deleted while you were excluded do{" "}
            <strong>not</strong> come back.
          </p>
          <form action={includeMe}>
            <button type="submit" className="button button--secondary">
              Include me again
            </button>
          </form>
        </section>
      ) : (
        <section className="card" aria-labelledby="exclude-heading">
          <h2 id="exclude-heading">Exclude me</h2>
          <ul>
            <li>The {status.bookings} bookings held under your pseudonym are deleted now, and every figure built from them is recalculated.</li>
            <li>Every later import drops bookings you organise and does not count you as an attendee.</li>
            <li>Admins only ever see how many people opted out, never who — and only once at least ten have.</li>
          </ul>
          <form action={excludeMe}>
            <button type="submit" className="button button--primary">
              Exclude me
            </button>
          </form>
        </section>
      )}
      <p>
        <Link href="/privacy">What Roomlens stores, why, and for how long</Link>
      </p>
    </main>
  );
}
