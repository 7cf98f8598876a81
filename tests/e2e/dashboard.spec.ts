import { expect, test } from "@playwright/test";
import { signInAs } from "./sign-in";

test("the demo dashboard renders its charts and the date filter changes them", async ({ page }) => {
  await signInAs(page, "planner", "/");
  await expect(page.getByTestId("kpi-utilisation")).toBeVisible();
  // recharts draws the room chart as SVG bars once it has measured its container.
  await expect(page.getByTestId("room-chart").locator("svg .recharts-bar-rectangle").first()).toBeVisible();
  await expect(page.getByTestId("room-table").locator("tbody tr")).not.toHaveCount(0);
  const cells = page.getByTestId("heatmap-cell");
  await expect(cells.first()).toBeVisible();
  // The demo has a rarely used room; the small-group rule must show it as suppressed, not as zero.
  await expect(page.getByTestId("room-table")).toContainText(/suppressed/i);

  const bookingsBefore = await page.getByTestId("kpi-bookings").innerText();
  const utilisationBefore = await page.getByTestId("kpi-utilisation").innerText();

  // Narrow the range to two weeks, using the keyboard-accessible form.
  const today = new Date();
  const from = new Date(today.getTime() - 21 * 86_400_000).toISOString().slice(0, 10);
  const to = new Date(today.getTime() - 7 * 86_400_000).toISOString().slice(0, 10);
  const form = page.getByTestId("date-filter");
  await form.getByLabel(/from/i).fill(from);
  await form.getByLabel(/to/i).fill(to);
  await form.getByRole("button").click();

  await expect(page).toHaveURL(new RegExp(`from=${from}.*to=${to}`));
  await expect(page.getByTestId("kpi-bookings")).not.toHaveText(bookingsBefore);
  expect(await page.getByTestId("kpi-utilisation").innerText()).not.toBe("");
  await expect(page.getByTestId("room-chart").locator("svg .recharts-bar-rectangle").first()).toBeVisible();
  // The URL alone reproduces the view (shareable): reload and the same numbers come back.
  const bookingsAfter = await page.getByTestId("kpi-bookings").innerText();
  await page.reload();
  await expect(page.getByTestId("kpi-bookings")).toBeVisible();
  expect(await page.getByTestId("kpi-bookings").innerText()).toBe(bookingsAfter);
  expect(utilisationBefore).not.toBe("");
});

test("health check answers with JSON once the server is ready", async ({ request }) => {
  const response = await request.get("/api/health");
  expect(response.status()).toBe(200);
  expect(await response.json()).toMatchObject({ status: "ok", database: "pglite" });
});
