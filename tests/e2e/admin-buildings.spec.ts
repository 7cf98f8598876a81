import { expect, test } from "@playwright/test";
import { signInAs } from "./sign-in";

test("an admin sets a building's hours and closure days with clear errors, from the keyboard", async ({ page }) => {
  await signInAs(page, "admin", "/admin");
  await page.getByRole("navigation", { name: "Admin sections" }).getByRole("link", { name: "Buildings and closure days" }).click();
  await expect(page).toHaveURL(/\/admin\/buildings/);

  const harbour = page.getByRole("region", { name: /Harbour House/ });
  // End before start: refused, with the reason beside the building.
  await harbour.getByLabel("Own hours").check();
  await harbour.getByLabel("Starts").fill("17:00");
  await harbour.getByLabel("Ends").fill("09:00");
  await harbour.getByRole("button", { name: "Save working time" }).press("Enter");
  await expect(page.getByRole("region", { name: /Harbour House/ }).getByRole("alert")).toContainText("later than its start");

  const again = page.getByRole("region", { name: /Harbour House/ });
  await again.getByLabel("Own hours").check();
  await again.getByLabel("Starts").fill("09:00");
  await again.getByLabel("Ends").fill("17:00");
  await again.getByRole("button", { name: "Save working time" }).press("Enter");
  await expect(page.getByRole("region", { name: /Harbour House/ }).getByRole("status")).toContainText("Working time saved");
  await expect(page.getByRole("region", { name: /Harbour House/ })).toContainText("09:00–17:00");

  // An unknown time zone is refused by name.
  const zone = page.getByRole("region", { name: /Harbour House/ });
  await zone.getByLabel("Time zone").fill("Mars/Olympus_Mons");
  await zone.getByRole("button", { name: "Save time zone" }).press("Enter");
  await expect(page.getByRole("region", { name: /Harbour House/ }).getByRole("alert")).toContainText("Unknown time zone");

  // A closure day for every building, then removed again.
  const everyone = page.getByRole("region", { name: "Every building" });
  await everyone.getByLabel("Day").fill("2026-12-25");
  await everyone.getByLabel("Description (optional)").fill("Christmas Day");
  await everyone.getByRole("button", { name: "Add closure day" }).press("Enter");
  await expect(page.getByRole("region", { name: "Every building" }).getByRole("status")).toContainText("Closure day added");
  await expect(page.getByRole("region", { name: "Every building" })).toContainText("Christmas Day");
  await page.getByRole("button", { name: /Remove the closure day .* of Every building/ }).press("Enter");
  await expect(page.getByRole("region", { name: "Every building" }).getByRole("status")).toContainText("Closure day removed");
  await expect(page.getByRole("region", { name: "Every building" })).not.toContainText("Christmas Day");

  // Every change is in the audit log.
  await page.goto("/admin/audit");
  await expect(page.getByTestId("audit-table")).toContainText("Building working time changed");
  await expect(page.getByTestId("audit-table")).toContainText("Closure day removed");
});

test("an admin changes a recommendation threshold; out-of-range values are refused", async ({ page }) => {
  await signInAs(page, "admin", "/admin/settings");
  const form = page.getByTestId("thresholds-form");
  const pressure = form.getByLabel("Add rooms when pressure reaches (% of working time)");
  await pressure.fill("95");
  // The browser's own range check would stop the form; the server's is the one under test.
  await form.evaluate((element) => element.setAttribute("novalidate", ""));
  await form.getByRole("button", { name: "Save thresholds" }).press("Enter");
  // Scoped to the section: Next's route announcer is an alert too.
  await expect(page.getByRole("region", { name: "Recommendation thresholds" }).getByRole("alert")).toContainText("from 1% to 90%");

  await page.getByTestId("thresholds-form").getByLabel("Add rooms when pressure reaches (% of working time)").fill("15");
  await page.getByTestId("thresholds-form").getByRole("button", { name: "Save thresholds" }).press("Enter");
  await expect(page.getByRole("region", { name: "Recommendation thresholds" }).getByRole("status")).toContainText("Saved 1 threshold change");
  await expect(page.getByTestId("thresholds-form").getByLabel("Add rooms when pressure reaches (% of working time)")).toHaveValue("15");
  // Back to the default, so a re-run starts from the same place.
  await page.getByTestId("thresholds-form").getByLabel("Add rooms when pressure reaches (% of working time)").fill("10");
  await page.getByTestId("thresholds-form").getByRole("button", { name: "Save thresholds" }).press("Enter");
  await expect(page.getByRole("region", { name: "Recommendation thresholds" }).getByRole("status")).toContainText("Saved 1 threshold change");
});
