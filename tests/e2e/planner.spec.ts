import { readFile } from "node:fs/promises";
import { expect, test, type Page } from "@playwright/test";
import { parse } from "csv-parse/sync";
import { signInAs } from "./sign-in";

/** The page's table as the reader sees it: each cell's text, and whether it says "suppressed". */
async function readTable(page: Page, testId: string) {
  return page.getByTestId(testId).evaluate((table) =>
    [...table.querySelectorAll("tbody tr")].map((row) =>
      [...row.children].map((cell) => ({ text: (cell.textContent ?? "").trim(), suppressed: cell.querySelector('[data-suppressed="true"]') !== null })),
    ),
  );
}

test("a planner filters by building and band, reads a recommendation, opens every view, downloads a CSV and runs a what-if", async ({ page }) => {
  // Each view runs its metric families on the embedded demo database; give the whole walk room.
  test.setTimeout(300_000);
  // A view renders once its queries are done; navigation waits for that rather than the default 5 s.
  const slow = { timeout: 90_000 };
  await signInAs(page, "planner", "/");

  // The overview answers the three questions, each with its strongest recommendation in plain words.
  const questions = page.getByTestId("questions");
  await expect(questions.getByRole("heading", { name: "Do we need more rooms?" })).toBeVisible(slow);
  await expect(questions.getByRole("heading", { name: "Should some room space become desk space?" })).toBeVisible();
  await expect(questions.getByRole("heading", { name: "Which rooms do people prefer?" })).toBeVisible();
  const recommendation = questions.getByTestId("recommendation").first();
  await expect(recommendation).toBeVisible();
  // The numbers behind it, and the threshold that triggered it.
  await expect(recommendation.locator("dl dd").first()).toHaveText(/\d/);
  await expect(recommendation.getByTestId("recommendation-threshold")).toHaveText(/^Threshold: .*\d/);

  // Filter to one building and one capacity band with the keyboard-operable GET form.
  const form = page.getByTestId("date-filter");
  await form.getByLabel("Building").selectOption("Canal Works");
  await form.getByLabel("Capacity band").selectOption("5-8");
  await form.getByRole("button", { name: "Apply filters" }).press("Enter");
  await expect(page).toHaveURL(/building=Canal\+Works/, slow);
  await expect(page).toHaveURL(/band=5-8/);
  await expect(page.getByTestId("view-scope")).toContainText("Showing Canal Works, 5–8 seats.");
  // Filters pick rows, never a total of their own (lib/analytics/views/narrow.ts), and the page says so.
  await expect(page.getByTestId("filters-rows-only")).toContainText("Totals, trends, charts and histograms always cover every room");
  await expect(form.getByLabel("Building")).toHaveValue("Canal Works");

  // Every view keeps the filters in its URL (shareable), and shows its charts with a text summary.
  const views = [
    { link: "Demand", path: "/demand", heading: "Do we have enough rooms?", section: "section-pressure" },
    { link: "Right-sizing", path: "/right-sizing", heading: "Are rooms the right size?", section: "section-seat-fill-rooms" },
    { link: "Preference", path: "/preference", heading: "Which rooms do people prefer?", section: "section-preference-rooms" },
    { link: "Behaviour", path: "/behaviour", heading: "How are rooms booked and used?", section: "section-lead-time" },
  ];
  for (const view of views) {
    await page.getByTestId("view-nav").getByRole("link", { name: view.link, exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`${view.path}\\?.*building=Canal\\+Works.*band=5-8`), slow);
    await expect(page.getByRole("heading", { level: 1, name: view.heading })).toBeVisible();
    await expect(page.getByTestId("view-scope")).toContainText("Canal Works, 5–8 seats");
    await expect(page.getByTestId("filters-rows-only")).toBeVisible();
    const section = page.getByTestId(view.section);
    await expect(section.locator("svg.recharts-surface").first()).toBeVisible();
    await expect(section.locator("p").filter({ hasText: /\S/ }).first()).toBeVisible();
    // The same figures as a table, one keyboard-reachable disclosure away.
    await section.locator("details > summary").first().click();
    await expect(section.locator("table").first()).toBeVisible();
  }
  await expect(page.getByTestId("recommendations")).toBeVisible();

  // Download the right-sizing rooms table as CSV: a header row, and the word wherever the page says suppressed.
  await page.getByTestId("view-nav").getByRole("link", { name: "Right-sizing", exact: true }).click();
  await expect(page).toHaveURL(/\/right-sizing\?/, slow);
  const rooms = page.getByTestId("section-seat-fill-rooms");
  await rooms.locator("details > summary").click();
  const shown = await readTable(page, "table-rooms");
  expect(shown.length).toBeGreaterThan(0);
  expect(shown.flat().filter((cell) => cell.suppressed).length).toBeGreaterThan(0);

  const [download] = await Promise.all([page.waitForEvent("download"), rooms.getByRole("link", { name: /as CSV/ }).click()]);
  expect(download.suggestedFilename()).toMatch(/^roomlens-right-sizing-rooms-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = parse(await readFile(await download.path(), "utf8")) as string[][];
  const [header = [], ...rows] = csv;
  expect(header.slice(0, 5)).toEqual(["room", "building", "floor", "seats", "band"]);
  expect(rows).toHaveLength(shown.length);
  shown.forEach((cells, r) => {
    cells.forEach((cell, c) => {
      const value = rows[r]?.[c];
      if (cell.suppressed) {
        expect(value, `row ${r + 1}, ${header[c]}`).toBe("suppressed");
        expect(value).not.toBe("0");
      } else {
        expect(value, `row ${r + 1}, ${header[c]}`).not.toBe("suppressed");
      }
    });
  });
  // The rooms are the page's rooms, in the page's order.
  expect(rows.map((row) => row[0])).toEqual(shown.map((cells) => cells[0]?.text));

  // From the same views, the what-if: take the first room of the table away and replay the period.
  const firstRoom = shown[0]?.[0]?.text ?? "";
  await page.getByTestId("view-nav").getByRole("link", { name: "What-if", exact: true }).click();
  await expect(page).toHaveURL(/\/what-if\?/, slow);
  const whatIf = page.getByTestId("what-if-form");
  const option = whatIf.getByLabel("Rooms to remove or convert").locator("option", { hasText: firstRoom }).first();
  await whatIf.getByLabel("Rooms to remove or convert").selectOption((await option.getAttribute("value")) ?? "");
  await whatIf.getByRole("button", { name: "Replay the period" }).press("Enter");
  await expect(page).toHaveURL(/remove=\d+/, slow);
  await expect(page.getByTestId("what-if-result")).toBeVisible();
  await expect(page.getByTestId("what-if-pressure").locator("tbody tr")).not.toHaveCount(0);
});
