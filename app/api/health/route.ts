import { sql } from "drizzle-orm";
import { getDatabase } from "@/lib/server/database";

export const dynamic = "force-dynamic";

/** 200 once the server can reach its migrated database; 503 with the reason otherwise. */
export async function GET(): Promise<Response> {
  try {
    const database = await getDatabase();
    await database.db.execute(sql`SELECT 1`);
    return Response.json({ status: "ok", database: database.kind });
  } catch (error) {
    console.error("health check failed", error);
    return Response.json({ status: "unavailable", reason: "database not reachable" }, { status: 503 });
  }
}
