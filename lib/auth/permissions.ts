import type { Role } from "@/db/schema";

/** Who is asking: a signed-in role, or nobody. */
export type Viewer = Role | "anonymous";

const everyone = ["anonymous", "member", "planner", "admin"] as const;
const signedIn = ["member", "planner", "admin"] as const;
const planners = ["planner", "admin"] as const;
const admins = ["admin"] as const;

/**
 * Who may do what — the one table every page, server action and route handler checks itself.
 * Planners see aggregates only; members see their own status; admins run the installation.
 */
export const permissions = {
  "privacy.read": everyone,
  "me.read": signedIn,
  "me.exclude": signedIn,
  "dashboard.read": planners,
  "admin.read": admins,
  "admin.users.write": admins,
  "admin.settings.write": admins,
  /** Add, edit, pause, sync and remove integrations (/admin/integrations). */
  "admin.integrations.write": admins,
  /** Edit the room directory and map unknown rooms (/admin/rooms). */
  "admin.rooms.write": admins,
  /** Create and revoke one's own API tokens (/me/api-tokens). */
  "api.tokens.write": planners,
  /**
   * Read the JSON API under /api/v1. Checked against the role of a bearer token's owner, never a
   * session (lib/auth/api-tokens.ts): demoting the owner disables their tokens at once.
   */
  "api.read": planners,
} as const satisfies Record<string, readonly Viewer[]>;

export type Permission = keyof typeof permissions;

export function can(viewer: Viewer, permission: Permission): boolean {
  return (permissions[permission] as readonly Viewer[]).includes(viewer);
}
