import { expect, test, type Page, type Request } from "@playwright/test";
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

test("focus returns to Change model after the confirmation dialog that replaced the selection", async ({ page }) => {
  await signInAs(page, DEMO.admin, /\/$/);
  await page.goto("/use-cases");
  const trigger = healthCard(page).getByRole("button", { name: "Change model" });
  const select = page.getByRole("dialog", { name: "Choose a model for health" });
  const confirm = page.getByTestId("confirm-switch-dialog");

  // Chosen by keyboard, then Cancel in the confirmation: nothing switched, focus back on the trigger.
  await trigger.click();
  await expect(select.locator("[role=option][aria-selected=true]")).toBeVisible();
  await page.keyboard.press("Enter");
  await expect(confirm).toBeVisible();
  await expect(select).toBeHidden();
  await confirm.getByRole("button", { name: "Cancel" }).click();
  await expect(confirm).toBeHidden();
  await expect(trigger).toBeFocused();

  // Back to the selection and out with Escape: the same.
  await trigger.click();
  await expect(select.locator("[role=option][aria-selected=true]")).toBeVisible();
  await page.keyboard.press("Enter");
  await confirm.getByRole("button", { name: "Back" }).click();
  await expect(select).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(select).toBeHidden();
  await expect(trigger).toBeFocused();
});

test("a click in the sidebar shows the page's loading state at once, while the server still renders the page", async ({ page }) => {
  // The router shows a route's loading state from its prefetch. Once every prefetch of History has completed, the
  // navigation's own render is held until the skeleton has been seen, then let through.
  const prefetch = (headers: Record<string, string>) => Object.keys(headers).some((h) => h.includes("prefetch"));
  const isHistory = (url: string) => /\/history(\?|$)/.test(new URL(url).pathname + new URL(url).search);
  let started = 0;
  let settled = 0; // finished, or cancelled by the router
  page.on("request", (r) => {
    if (isHistory(r.url()) && prefetch(r.headers())) started++;
  });
  const settle = (r: Request) => {
    if (isHistory(r.url()) && prefetch(r.headers())) settled++;
  };
  page.on("requestfinished", settle);
  page.on("requestfailed", settle);
  let hold = false;
  let release = () => {};
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  await page.route(/\/history(\?|$)/, async (route) => {
    const headers = route.request().headers();
    if (hold && headers.rsc && !prefetch(headers)) await held;
    await route.continue();
  });
  await signInAs(page, DEMO.admin, /\/$/);
  const link = page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "History" });
  await link.hover();
  await expect.poll(() => started > 0 && settled === started).toBe(true);
  hold = true;
  await link.click();
  await expect(page.getByRole("status", { name: "Loading History" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 1, name: "History" })).toHaveCount(0);
  release();
  await expect(page.getByRole("heading", { level: 1, name: "History" })).toBeVisible();
  await expect(page.getByTestId("page-skeleton")).toHaveCount(0);
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

test("the policy form reports every problem in one round, with the server's rules, before sending anything", async ({ page }) => {
  await signInAs(page, DEMO.admin, /\/$/);
  await page.goto("/use-cases?useCase=health");
  const editor = page.getByTestId("policy-editor");
  const field = (label: string) => editor.getByLabel(label, { exact: true });
  const before = await field("Monthly input tokens").inputValue();

  await field("Maximum output price ($/MTok)").fill("1e40");
  await field("Monthly input tokens").fill("0");
  await field("Cooldown after a failure (seconds)").fill("ten");
  const posts: string[] = [];
  page.on("request", (r) => {
    if (r.method() === "POST") posts.push(r.url());
  });
  await editor.getByRole("button", { name: "Save policy" }).click();
  await expect(field("Maximum output price ($/MTok)")).toHaveAccessibleDescription(/looks too high/);
  await expect(field("Monthly input tokens")).toHaveAccessibleDescription(/must be more than 0/);
  await expect(field("Cooldown after a failure (seconds)")).toHaveAccessibleDescription(/must be a number/);
  await expect(editor.getByTestId("policy-error")).toBeVisible();
  expect(posts).toEqual([]); // judged in the browser: no round trip, so no second round of errors

  await page.reload();
  await expect(page.getByTestId("policy-editor").getByLabel("Monthly input tokens", { exact: true })).toHaveValue(before);
});

test("the policy form shows the objective's and the description's whole text, and its number inputs line up", async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await signInAs(page, DEMO.admin, /\/$/);
  await page.goto("/use-cases?useCase=health");
  const editor = page.getByTestId("policy-editor");

  // The chosen objective's label fits its select (measured in the select's own font, inside its padding).
  const objective = editor.getByLabel("Objective", { exact: true });
  for (const value of ["quality", "balanced", "cost"]) {
    await objective.selectOption(value);
    const fits = await objective.evaluate((el: HTMLSelectElement) => {
      const style = getComputedStyle(el);
      const ctx = document.createElement("canvas").getContext("2d")!;
      ctx.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
      const room = el.clientWidth - Number.parseFloat(style.paddingLeft) - Number.parseFloat(style.paddingRight);
      return ctx.measureText(el.selectedOptions[0]!.text).width <= room;
    });
    expect(fits, `the ${value} objective is cut off`).toBe(true);
  }

  // A long description is all in view: the box grows instead of scrolling.
  const description = editor.getByLabel("Description", { exact: true });
  await description.fill(
    "Health questions from members: sleep, training, nutrition and recovery, answered in plain words. Kept on EU models; a cheap model is fine for most questions, and a stronger one is a switch away when answers fall short.",
  );
  expect(await description.evaluate((el) => el.scrollHeight <= el.clientHeight + 1)).toBe(true);

  // Each row of number fields: the inputs share one top edge, whatever their labels wrap to.
  const rows = [
    ["Minimum context (tokens)", "Maximum input price ($/MTok)", "Maximum output price ($/MTok)"],
    ["Cooldown after a failure (seconds)", "Monthly input tokens", "Monthly output tokens"],
  ];
  for (const labels of rows) {
    const tops = await Promise.all(labels.map(async (l) => Math.round((await editor.getByLabel(l, { exact: true }).boundingBox())!.y)));
    expect(new Set(tops).size, `${labels.join(", ")} at ${tops.join(", ")}`).toBe(1);
  }
});
