import { expect, test } from "@playwright/test";
import { can, type Viewer } from "@/lib/auth/permissions";
import { routePermissions, tokenRoutePermissions } from "@/lib/auth/routes";
import { signInAs } from "./sign-in";

// Handlers that only answer POST or belong to Auth.js itself are exercised by the sign-in flow.
const NOT_GET = new Set(["/api/auth/[...nextauth]", "/api/locale", "/api/ingest/[integration]", "/api/push/google/[integration]", "/api/push/microsoft/[integration]"]);

for (const viewer of ["anonymous", "member", "planner", "admin"] as const satisfies readonly Viewer[]) {
  test(`every page and route answers as expected for ${viewer}`, async ({ page }) => {
    if (viewer !== "anonymous") await signInAs(page, viewer, "/me");
    for (const [route, permission] of Object.entries(routePermissions)) {
      if (NOT_GET.has(route)) continue;
      const response = await page.request.get(route, { maxRedirects: 0 });
      const allowed = permission === "public" || can(viewer, permission);
      const expected = allowed ? 200 : viewer === "anonymous" ? 401 : 403;
      expect(response.status(), `${viewer} GET ${route}`).toBe(expected);
    }
    // The JSON API authenticates by bearer token only: a session, whatever its role, gets 401 without one.
    for (const route of Object.keys(tokenRoutePermissions)) {
      const response = await page.request.get(route, { maxRedirects: 0 });
      expect(response.status(), `${viewer} GET ${route} without a token`).toBe(401);
    }
  });
}
