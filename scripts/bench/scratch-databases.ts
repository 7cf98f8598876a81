import postgres from "postgres";
import { progress } from "./report";

/**
 * Databases the suite creates on the server and always drops again, also on Ctrl-C. Every name starts
 * with roomlens_bench_ so a leftover from a killed run is easy to recognise.
 */
export class ScratchDatabases {
  private readonly admin: postgres.Sql;
  private readonly created = new Set<string>();

  constructor(private readonly serverUrl: string) {
    this.admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  }

  async serverVersion(): Promise<string> {
    const [row] = await this.admin<{ v: string }[]>`SELECT current_setting('server_version') AS v`;
    return row?.v ?? "unknown";
  }

  /** Creates a database and returns its URL; `params` become connection settings (e.g. statement_timeout). */
  async create(label: string): Promise<string> {
    const name = `roomlens_bench_${label}_${Date.now()}`;
    await this.admin.unsafe(`CREATE DATABASE ${name}`);
    this.created.add(name);
    return this.urlOf(name);
  }

  urlOf(name: string, params: Record<string, string> = {}): string {
    const url = new URL(this.serverUrl);
    url.pathname = `/${name}`;
    for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
    return url.toString();
  }

  /** Cancels whatever still runs in the database (queries of a view stopped at the cap). */
  async cancelQueries(url: string): Promise<void> {
    const name = new URL(url).pathname.slice(1);
    await this.admin`SELECT pg_cancel_backend(pid) FROM pg_stat_activity
      WHERE datname = ${name} AND pid <> pg_backend_pid() AND state = 'active'`;
  }

  async drop(url: string): Promise<void> {
    const name = new URL(url).pathname.slice(1);
    await this.admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    this.created.delete(name);
  }

  async dropAll(): Promise<void> {
    for (const name of [...this.created]) {
      progress(`dropping ${name}`);
      await this.admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => {});
      this.created.delete(name);
    }
    await this.admin.end();
  }
}
