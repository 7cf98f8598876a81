import type { Permission } from "./permissions";

/**
 * Every page and route handler, with the permission it checks itself ("public" = no check).
 * The authorization tests walk this table as every role, and fail when a page or route exists
 * without an entry — so a new route cannot ship unchecked.
 */
export const routePermissions = {
  "/": "dashboard.read",
  "/privacy": "privacy.read",
  "/me": "me.read",
  "/signin": "public",
  "/admin": "admin.read",
  "/admin/users": "admin.read",
  "/admin/settings": "admin.read",
  "/admin/audit": "admin.read",
  "/api/health": "public",
  "/api/auth/[...nextauth]": "public",
  "/api/locale": "public",
} as const satisfies Record<string, Permission | "public">;

/** Every server action, by file and export, with the permission it checks. */
export const actionPermissions = {
  "app/me/actions.ts": { excludeMe: "me.exclude", includeMe: "me.exclude" },
  "app/admin/users/actions.ts": { setRole: "admin.users.write" },
  "app/admin/settings/actions.ts": { saveSettings: "admin.settings.write" },
  "app/signin/actions.ts": { signInWithOidc: "public", signInAsDemoPerson: "public" },
  "app/_components/sign-out-action.ts": { signOutNow: "public" },
} as const satisfies Record<string, Record<string, Permission | "public">>;
