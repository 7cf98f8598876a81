import { expect, test } from "@playwright/test";
import { signInAs } from "./sign-in";

test("a planner replays the period without some rooms and reads the result", async ({ page }) => {
  await signInAs(page, "planner", "/what-if");
  const form = page.getByTestId("what-if-form");
  // The demo's largest room and two small ones, chosen with the keyboard-accessible multi-select.
  const rooms = form.getByLabel("Rooms to remove or convert");
  const values = await rooms.locator("option").evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value));
  await rooms.selectOption(values.slice(0, 3));
  await form.getByLabel("How many").first().fill("1");
  await form.getByRole("button", { name: "Replay the period" }).click();

  await expect(page).toHaveURL(/remove=.*&remove=/);
  const result = page.getByTestId("what-if-result");
  await expect(result).toBeVisible();
  await expect(page.getByTestId("what-if-summary")).toContainText(/bookings were held in the removed rooms|is suppressed/);
  await expect(page.getByTestId("what-if-pressure").locator("tbody tr")).not.toHaveCount(0);
  await expect(page.getByTestId("what-if-outcomes")).toContainText(/Would not have fitted/);
  // The URL alone reproduces the scenario.
  const summary = await page.getByTestId("what-if-summary").innerText();
  await page.reload();
  expect(await page.getByTestId("what-if-summary").innerText()).toBe(summary);
});

test("a planner creates an API token, reads the API with it, and revokes it", async ({ page, request }) => {
  await signInAs(page, "planner", "/me/api-tokens");
  await page.getByLabel("Name").fill("e2e script");
  await page.getByRole("button", { name: "Create token" }).click();
  const token = await page.getByTestId("new-token-value").innerText();
  expect(token).toMatch(/^rl_/);

  // A fresh request context: no session cookie, the bearer token alone.
  const authorised = await request.get("/api/v1/metrics", { headers: { authorization: `Bearer ${token}` } });
  expect(authorised.status()).toBe(200);
  expect(await authorised.json()).toMatchObject({ minGroupSize: expect.any(Number), byRoom: expect.any(Array) });

  // Shown once: a reload no longer has it.
  await page.reload();
  await expect(page.getByTestId("new-token-value")).toHaveCount(0);
  await page.getByRole("button", { name: "Revoke the token “e2e script”" }).first().click();
  await expect(page.getByTestId("token-table")).toContainText(/revoked/);
  expect((await request.get("/api/v1/metrics", { headers: { authorization: `Bearer ${token}` } })).status()).toBe(401);
});
