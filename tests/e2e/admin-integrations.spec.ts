import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test, type Locator } from "@playwright/test";
import { signInAs } from "./sign-in";

// Bookings tomorrow, inside every sync window (the retention period back, 90 days ahead).
const tomorrow = new Date(Date.now() + 24 * 3_600_000).toISOString().slice(0, 10);
const icsTime = (hour: string) => `${tomorrow.replaceAll("-", "")}T${hour}0000Z`;

const FEED = [
  "BEGIN:VCALENDAR",
  "VERSION:2.0",
  "PRODID:-//roomlens e2e//EN",
  ...["08", "14"].flatMap((hour) => [
    "BEGIN:VEVENT",
    `UID:e2e-${hour}@loopback.test`,
    `DTSTAMP:${icsTime("07")}`,
    `DTSTART:${icsTime(hour)}`,
    `DTEND:${icsTime(String(Number(hour) + 1).padStart(2, "0"))}`,
    "ORGANIZER:mailto:dana@example.test",
    "SUMMARY:Never stored",
    "END:VEVENT",
  ]),
  "END:VCALENDAR",
  "",
].join("\r\n");

// A Teem reservations export: one row for a room the ICS feed creates, two for rooms nobody knows.
const TEEM_EXPORT = [
  `"Room Name","Start Time","End Time","Organizer","Attendees","Status","Checked In","Meeting Title"`,
  `"Annex Nine","${tomorrow} 09:00","${tomorrow} 10:00","alice@example.test","3","Booked","Yes","Salary review for Bob"`,
  `"Annex Ten","${tomorrow} 11:00","${tomorrow} 11:30","bob@example.test","2","Booked","No","Interview"`,
  `"Loopback Room","${tomorrow} 16:00","${tomorrow} 17:00","carol@example.test","4","Booked","","Planning"`,
  "",
].join("\n");

let server: Server;
let feedUrl = "";

test.beforeAll(async () => {
  server = createServer((request, response) => {
    if (request.url !== "/calendars/loopback.ics") {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { "content-type": "text/calendar" }).end(FEED);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  feedUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/calendars/loopback.ics`;
});

test.afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

/** The cells of the newest sync run: started, outcome, fetched, new, updated, cancelled, excluded, rejected, reasons. */
function newestRun(page: import("@playwright/test").Page): Locator {
  return page.getByTestId("sync-runs").locator("tbody tr").first().locator("td");
}

test("an admin connects an ICS subscription and a CSV export, watches both syncs, and maps the unknown rooms", async ({ page }) => {
  test.setTimeout(120_000);
  await signInAs(page, "admin", "/admin/integrations");

  // 1. An ICS subscription on loopback (allowed by ROOMLENS_FETCH_ALLOWLIST), tested before saving.
  await page.getByRole("link", { name: "ICS subscription" }).first().click();
  const add = page.getByTestId("add-integration-form");
  await add.getByLabel("Name").fill("Loopback feed");
  await add.getByLabel("Address").fill(feedUrl);
  await add.getByLabel("Room of the feed").fill("Loopback Room");
  await add.getByRole("button", { name: "Test connection" }).click();
  await expect(page.getByTestId("test-result")).toContainText("Connection works: reached http://127.0.0.1");
  await expect(page.getByTestId("test-result")).toContainText("2 bookings in the sync window");
  await add.getByRole("button", { name: "Add integration" }).press("Enter");
  await page.waitForURL(/\/admin\/integrations\/detail\?id=\d+&added=1/);
  await expect(page.getByTestId("integration-status")).toHaveText("Never synced");

  await page.getByRole("button", { name: "Sync now" }).click();
  // Two events in the feed: 2 fetched, 2 new, 0 updated, 0 cancelled, 0 excluded, 0 rejected.
  await expect(newestRun(page).nth(1)).toHaveText("Synced", { timeout: 30_000 });
  await expect(newestRun(page).nth(2)).toHaveText("2");
  await expect(newestRun(page).nth(3)).toHaveText("2");
  await expect(newestRun(page).nth(7)).toHaveText("0");
  await expect(page.getByTestId("integration-status")).toHaveText("Synced");
  // The feed address is a secret: the page shows it without its path.
  await expect(page.getByTestId("integration-summary")).not.toContainText("/calendars/loopback.ics");

  // 2. A CSV export uploaded from the computer, with the Teem preset and a masked preview.
  await page.goto("/admin/integrations/new?kind=upload");
  const upload = page.getByTestId("add-integration-form");
  await upload.getByLabel("Name").fill("Teem upload");
  await upload.getByLabel("Columns").selectOption({ label: "Teem reservations" });
  await upload.getByLabel("CSV file").setInputFiles({ name: "teem.csv", mimeType: "text/csv", buffer: Buffer.from(TEEM_EXPORT) });
  await upload.getByRole("button", { name: "Preview first rows" }).click();
  const preview = page.getByTestId("csv-preview");
  await expect(preview).toContainText("•••@example.test");
  await expect(preview).not.toContainText("alice@");
  await expect(preview).not.toContainText("Salary review");
  await expect(preview).toContainText("Never read: Meeting Title.");
  await expect(preview.locator("tbody tr")).toHaveCount(3);
  await upload.getByRole("button", { name: "Import file" }).click();
  await page.waitForURL(/\/admin\/integrations\/detail\?id=\d+$/);
  // Three rows: 3 fetched, 1 new (Loopback Room), 2 rejected (Annex Nine, Annex Ten are unknown).
  await expect(newestRun(page).nth(1)).toHaveText("Synced with rejections");
  await expect(newestRun(page).nth(2)).toHaveText("3");
  await expect(newestRun(page).nth(3)).toHaveText("1");
  await expect(newestRun(page).nth(7)).toHaveText("2");
  await expect(newestRun(page).nth(8)).toContainText("unknown room 'Annex Nine'");

  // Both are listed with their kind and status.
  await page.goto("/admin/integrations");
  const table = page.getByTestId("integrations-table");
  await expect(table.locator("tr", { hasText: "Loopback feed" })).toContainText("ICS subscription");
  await expect(table.locator("tr", { hasText: "Teem upload" })).toContainText("Synced with rejections");

  // 3. The unknown rooms: create one, map the other to it, then edit the new room.
  await page.getByRole("link", { name: "Rooms", exact: true }).click();
  const unknown = page.getByTestId("unknown-rooms");
  await expect(unknown).toContainText("Annex Nine");
  await expect(unknown).toContainText("Annex Ten");
  await page.getByRole("button", { name: "Create the room “Annex Nine”" }).click();
  await expect(page.getByTestId("mapped-notice")).toContainText("Annex Nine");
  await page.getByLabel("Room for “Annex Ten”").selectOption({ label: "Annex Nine" });
  await unknown.locator("tr", { hasText: "Annex Ten" }).getByRole("button", { name: "Map" }).press("Enter");
  await expect(page.getByTestId("mapped-notice")).toContainText("Teem upload");
  await expect(page.getByText("None: every room named in the latest syncs is in the directory.")).toBeVisible();
  const annex = page.getByTestId("rooms-table").locator("tr", { hasText: "Annex Nine" });
  await expect(annex).toContainText("annex ten");

  await page.getByRole("link", { name: "Edit Annex Nine" }).click();
  const edit = page.getByTestId("room-edit-form");
  await edit.getByLabel("Seats").fill("7");
  await edit.getByLabel("Sensitive").check();
  await edit.getByRole("button", { name: "Save room" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Annex Nine: saved 2 changes" })).toBeVisible();
  // Columns: building, floor, seats, amenities, zone, active, sensitive, sources.
  await expect(annex.locator("td").nth(2)).toHaveText("7");
  await expect(annex.locator("td").nth(6)).toHaveText("yes");
});
