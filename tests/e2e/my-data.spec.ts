import { expect, test } from "@playwright/test";
import { signInAs } from "./sign-in";

test("a member excludes themselves with one click and sees it at once; re-including says the past stays deleted", async ({ page }) => {
  await signInAs(page, "member", "/me");
  const status = page.getByTestId("my-status");
  // A re-run on the same data dir may find the person excluded from last time: start included.
  if ((await status.innerText()) === "Excluded") {
    await page.getByRole("button", { name: "Include me again" }).click();
    await expect(status).toHaveText("Included");
  }
  const held = Number(await page.getByTestId("my-bookings").innerText());
  await page.getByRole("button", { name: "Exclude me" }).click();
  // The click deletes the person's bookings and rewrites every figure they were in, in one transaction
  // (up to 60 band days of pressure among them, each a band's whole day: seconds on the embedded database).
  await expect(status).toHaveText("Excluded", { timeout: 15_000 });
  await expect(page.getByTestId("my-bookings")).toHaveText("0");
  await expect(page.getByTestId("my-notice")).toContainText("Your stored bookings were deleted");
  await expect(page.getByText(/do not come back|not come back/i).first()).toBeVisible();
  // The demo person organises meetings, so something was actually deleted.
  expect(held).toBeGreaterThan(0);

  await page.getByRole("button", { name: "Include me again" }).click();
  await expect(status).toHaveText("Included");
  await expect(page.getByTestId("my-bookings")).toHaveText("0");
  // After the click, the page says in words that the deleted past stays deleted.
  await expect(page.getByTestId("my-notice")).toContainText("do not come back");
});

test("admins see how many people opted out only once it reaches k", async ({ page }) => {
  await signInAs(page, "admin", "/admin");
  await expect(page.getByTestId("excluded-count")).toContainText(/fewer than \d+/);
});
