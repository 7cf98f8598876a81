import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { permissions } from "@/lib/auth/permissions";
import { actionPermissions, routePermissions, tokenRoutePermissions } from "@/lib/auth/routes";

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? listFiles(full) : [full];
  });
}

const appFiles = listFiles("app");

/** app/admin/users/page.tsx → /admin/users; route groups "(x)" do not appear in the URL. */
function toRoute(file: string): string {
  const segments = path.dirname(path.relative("app", file)).split(path.sep).filter((s) => s !== "." && !/^\(.*\)$/.test(s));
  return `/${segments.join("/")}`;
}

describe("the authorization table", () => {
  it("lists every page and route handler, and nothing that does not exist", () => {
    const routes = appFiles.filter((f) => /\/(page\.tsx|route\.ts)$/.test(f)).map(toRoute);
    expect(new Set(routes)).toEqual(new Set([...Object.keys(routePermissions), ...Object.keys(tokenRoutePermissions)]));
  });

  it("lists a token route once, and only handlers that authenticate by token", () => {
    for (const route of Object.keys(tokenRoutePermissions)) {
      expect(Object.keys(routePermissions), route).not.toContain(route);
      const handler = readFileSync(path.join("app", route, "route.ts"), "utf8");
      // The shared entry point checks the bearer token and audit-logs the call; a handler without it checks neither.
      const checked = /answerApiRead\(request, "([\w.]+)"/.exec(handler)?.[1];
      expect(checked, route).toBe(tokenRoutePermissions[route as keyof typeof tokenRoutePermissions]);
    }
  });

  it("lists every exported server action", () => {
    const actionFiles = appFiles.filter((f) => /^\s*["']use server["']/.test(readFileSync(f, "utf8")));
    const found = Object.fromEntries(
      actionFiles.map((file) => [
        file,
        [...readFileSync(file, "utf8").matchAll(/export async function (\w+)/g)].map((m) => m[1]).sort(),
      ]),
    );
    const expected = Object.fromEntries(Object.entries(actionPermissions).map(([file, actions]) => [file, Object.keys(actions).sort()]));
    expect(found).toEqual(expected);
  });

  it("names only permissions that exist", () => {
    const used = [
      ...Object.values(routePermissions),
      ...Object.values(tokenRoutePermissions),
      ...Object.values(actionPermissions).flatMap((a) => Object.values(a)),
    ];
    for (const permission of used) expect(permission === "public" || permission in permissions).toBe(true);
  });
});
