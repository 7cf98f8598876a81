import type { Page } from "@playwright/test";

/** Signs in through the demo sign-in form, as a person would with the keyboard. */
export async function signInAs(page: Page, role: "member" | "planner" | "admin", returnTo = "/"): Promise<void> {
  await page.goto(`/signin?callbackUrl=${encodeURIComponent(returnTo)}`);
  const form = page.getByTestId("demo-signin");
  await form.getByLabel("Role").selectOption(role);
  await form.getByRole("button", { name: "Sign in" }).press("Enter");
  await page.waitForURL((url) => url.pathname === returnTo);
}
