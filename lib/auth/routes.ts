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
  "/admin/buildings": "admin.read",
  "/admin/audit": "admin.read",
  "/admin/integrations": "admin.read",
  "/admin/integrations/new": "admin.read",
  "/admin/integrations/detail": "admin.read",
  // JSON for the live progress of running syncs, polled by the integration page.
  "/admin/integrations/progress": "admin.read",
  "/admin/rooms": "admin.read",
  "/api/health": "public",
  "/api/auth/[...nextauth]": "public",
  "/api/locale": "public",
  // POST only; the HMAC signature under the integration's secret is its authentication.
  "/api/ingest/[integration]": "public",
  // POST only; the channel token (Google) and the clientState of every notification (Graph), both
  // derived per integration from the secrets key, are their authentication.
  "/api/push/google/[integration]": "public",
  "/api/push/microsoft/[integration]": "public",
  // Planner views beside `/`, and their CSV/JSON downloads (a plain GET without parameters answers 200).
  "/demand": "dashboard.read",
  "/right-sizing": "dashboard.read",
  "/preference": "dashboard.read",
  "/behaviour": "dashboard.read",
  "/api/export/overview": "dashboard.read",
  "/api/export/demand": "dashboard.read",
  "/api/export/right-sizing": "dashboard.read",
  "/api/export/preference": "dashboard.read",
  "/api/export/behaviour": "dashboard.read",
  "/what-if": "dashboard.read",
  "/me/api-tokens": "api.tokens.write",
  // Demo mode only (404 otherwise): GET describes it, POST re-imports the demo calendars.
  "/api/demo/reimport": "admin.settings.write",
} as const satisfies Record<string, Permission | "public">;

/**
 * Route handlers of the read-only JSON API: a second kind of check. They authenticate by API token
 * (`Authorization: Bearer …`, lib/auth/api-tokens.ts) and never by the session cookie, and check the
 * permission against the token owner's current role. Without a valid token every caller gets 401,
 * whatever session it carries. A route is listed here or in `routePermissions`, never in both.
 */
export const tokenRoutePermissions = {
  "/api/v1/metrics": "api.read",
  "/api/v1/planner": "api.read",
} as const satisfies Record<string, Permission>;

/** Every server action, by file and export, with the permission it checks. */
export const actionPermissions = {
  "app/me/actions.ts": { excludeMe: "me.exclude", includeMe: "me.exclude" },
  "app/admin/users/actions.ts": { setRole: "admin.users.write" },
  "app/admin/settings/actions.ts": { saveSettings: "admin.settings.write", saveThresholds: "admin.settings.write" },
  "app/admin/buildings/actions.ts": {
    saveBuildingTimeAction: "admin.settings.write",
    setBuildingTimeZoneAction: "admin.settings.write",
    addClosureDayAction: "admin.settings.write",
    removeClosureDayAction: "admin.settings.write",
  },
  "app/signin/actions.ts": { signInWithOidc: "public", signInAsDemoPerson: "public" },
  "app/_components/sign-out-action.ts": { signOutNow: "public" },
  "app/me/api-tokens/actions.ts": { createToken: "api.tokens.write", revokeToken: "api.tokens.write" },
  "app/admin/integrations/actions.ts": {
    addIntegration: "admin.integrations.write",
    saveIntegration: "admin.integrations.write",
    newWebhookSecret: "admin.integrations.write",
    setIntegrationEnabled: "admin.integrations.write",
    removeIntegrationNow: "admin.integrations.write",
    syncIntegrationNow: "admin.integrations.write",
    testIntegration: "admin.integrations.write",
    testDraftIntegration: "admin.integrations.write",
  },
  "app/admin/integrations/csv-actions.ts": { previewCsvDraft: "admin.integrations.write", importCsvUpload: "admin.integrations.write" },
  "app/admin/rooms/actions.ts": { saveRoom: "admin.rooms.write", mapRoom: "admin.rooms.write", createRoom: "admin.rooms.write" },
} as const satisfies Record<string, Record<string, Permission | "public">>;
