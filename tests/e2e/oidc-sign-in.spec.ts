import { expect, test } from "@playwright/test";

/** Full OpenID Connect round-trip against the provider on loopback. */
async function signInWithIdp(page: import("@playwright/test").Page, login: string, returnTo: string) {
  await page.goto(`/signin?callbackUrl=${encodeURIComponent(returnTo)}`);
  await page.getByRole("button", { name: "Sign in with Test IdP" }).click();
  // The provider's own development login and consent pages.
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill("any password");
  await page.getByRole("button", { name: "Sign-in" }).click();
  await page.getByRole("button", { name: "Continue" }).click();
  await page.waitForURL((url) => url.pathname === returnTo);
}

test("a person signs in through the organisation's OpenID Connect provider and lands as a member", async ({ page }) => {
  await signInWithIdp(page, "new.colleague", "/me");
  await expect(page.getByTestId("my-data")).toContainText("Test new.colleague");
  await expect(page.getByTestId("my-status")).toHaveText("Included");
  // Members never see the planners' aggregates.
  expect((await page.request.get("/", { maxRedirects: 0 })).status()).toBe(403);
});

test("someone on ROOMLENS_ADMIN_EMAILS is an admin from the first sign-in", async ({ page }) => {
  await signInWithIdp(page, "first.admin", "/admin");
  await expect(page.getByRole("heading", { name: "Admin", exact: true })).toBeVisible();
  await page.goto("/admin/users");
  await expect(page.getByTestId("users-table")).toContainText("first.admin@idp.example");
});
