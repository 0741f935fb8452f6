import { expect, type Page } from "@playwright/test";

export const DEMO = {
  admin: "admin@switchboard.local",
  analyst: "analyst@switchboard.local",
  user: "user@switchboard.local",
  user2: "user2@switchboard.local",
} as const;
export const PASSWORD = "switchboard";

export async function signIn(page: Page, email: string, password = PASSWORD): Promise<void> {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

export async function signInAs(page: Page, email: string, landing: RegExp): Promise<void> {
  await signIn(page, email);
  await expect(page).toHaveURL(landing);
}

/** Where the browser suite keeps its full-page screenshots for reviewers (an artifact of the run, out of git). */
export const SCREENSHOT_DIR = "test-results/screenshots";
