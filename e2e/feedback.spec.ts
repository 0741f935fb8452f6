import { expect, test, type Page } from "@playwright/test";
import { DEMO, signInAs } from "./support";

// What a user sees and where focus goes between clicks: loading states, focus after the switch dialogs, the chat
// in the sidebar, the analyst's read-only policy.

const healthCard = (page: Page) => page.locator('[data-use-case="health"]');

test("focus returns to Change model after the selection dialog closes", async ({ page }) => {
  await signInAs(page, DEMO.admin, /\/$/);
  await page.goto("/use-cases");
  const trigger = healthCard(page).getByRole("button", { name: "Change model" });

  // The selection dialog, closed with Escape.
  await trigger.click();
  const select = page.getByRole("dialog", { name: "Choose a model for health" });
  await expect(select).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(select).toBeHidden();
  await expect(trigger).toBeFocused();
});

test("staff reach the chat from the sidebar", async ({ page }) => {
  await signInAs(page, DEMO.analyst, /\/$/);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Chat" }).click();
  await expect(page).toHaveURL(/\/chat$/);
  await expect(page.getByRole("heading", { level: 1, name: "New conversation" })).toBeVisible();
});

test("the analyst's read-only policy is readable: values and boxes at full strength", async ({ page }) => {
  await signInAs(page, DEMO.analyst, /\/$/);
  await page.goto("/use-cases?useCase=health");
  const editor = page.getByTestId("policy-editor");
  const cooldown = editor.getByLabel("Cooldown after a failure (seconds)");
  await expect(cooldown).toBeDisabled();
  const opacity = (locator: ReturnType<Page["locator"]>) => locator.evaluate((el) => getComputedStyle(el).opacity);
  expect(await opacity(cooldown)).toBe("1");
  const boxes = editor.locator('input[type="checkbox"]');
  expect(await boxes.count()).toBeGreaterThan(1);
  for (const box of await boxes.all()) expect(await opacity(box)).toBe("1");
  for (const label of await editor.locator("label").all()) expect(await opacity(label)).toBe("1");
});
