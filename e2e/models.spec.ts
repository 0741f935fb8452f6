import { expect, test } from "@playwright/test";
import { DEMO, signInAs } from "./support";

test.beforeEach(async ({ page }) => {
  await signInAs(page, DEMO.analyst, /\/$/);
  await page.goto("/models");
  await expect(page.getByRole("heading", { level: 1, name: "Models" })).toBeVisible();
});

const count = (page: import("@playwright/test").Page) => page.getByTestId("results-count");
const rows = (page: import("@playwright/test").Page) => page.locator("tr[data-model-id]");

test("the catalog lists enabled models with prices per million tokens", async ({ page }) => {
  await expect(count(page)).toHaveText(/^\d+ of \d+ models$/);
  const text = (await count(page).textContent())!;
  const [shown, total] = text.match(/\d+/g)!.map(Number);
  expect(total).toBeGreaterThanOrEqual(30);
  expect(shown).toBeLessThan(total!);
  await expect(rows(page)).toHaveCount(shown!);
  const lite = page.locator('tr[data-model-id="eu.amazon.nova-lite-v1:0"]');
  await expect(lite).toContainText("$0.078");
  await expect(lite).toContainText("$0.312");
});

test("search, provider, geo scope and lifecycle filters narrow the table and survive a reload", async ({ page }) => {
  await page.getByLabel("Search models").fill("nova");
  await expect(page).toHaveURL(/q=nova/);
  const novaCount = await rows(page).count();
  expect(novaCount).toBeGreaterThan(2);
  for (const id of await rows(page).evaluateAll((els) => els.map((e) => e.getAttribute("data-model-id")))) expect(id).toMatch(/nova/);

  await page.getByLabel("Search models").fill("");
  await page.getByLabel("Provider").selectOption("Anthropic");
  await page.getByLabel("Geo scope").selectOption("global");
  await expect(page).toHaveURL(/scope=global/);
  const ids = await rows(page).evaluateAll((els) => els.map((e) => e.getAttribute("data-model-id")));
  expect(ids.length).toBeGreaterThan(0);
  for (const id of ids) expect(id).toMatch(/^global\.anthropic\./);

  await page.reload();
  await expect(page.getByLabel("Provider")).toHaveValue("Anthropic");
  await expect(rows(page)).toHaveCount(ids.length);
});

test("lifecycle filter shows legacy and end-of-life entries with their flags", async ({ page }) => {
  await page.getByLabel("Show disabled").check();
  await page.getByLabel("Lifecycle").selectOption("past-eol");
  await expect(rows(page).first()).toBeVisible();
  const badges = page.locator("tr[data-model-id] [data-lifecycle]");
  for (const b of await badges.all()) await expect(b).toHaveText(/EOL passed/);
  await page.getByLabel("Lifecycle").selectOption("active");
  await expect(page.locator("tr[data-model-id] [data-lifecycle]").first()).toHaveText("Active");
});

test("use-case filter and sort by price order the table", async ({ page }) => {
  await page.getByLabel("Use case", { exact: true }).selectOption("health");
  await page.getByLabel("Sort by").selectOption("input-asc");
  await expect(page).toHaveURL(/sort=input-asc/);
  const prices = await page
    .locator("tr[data-model-id]")
    .evaluateAll((els) => els.map((e) => Number((e.querySelectorAll("td")[3]?.textContent ?? "").replace(/[^0-9.]/g, ""))));
  expect(prices.length).toBeGreaterThan(1);
  expect([...prices].sort((a, b) => a - b)).toEqual(prices);
  await page.getByLabel("Sort by").selectOption("context-desc");
  await expect(page).toHaveURL(/sort=context-desc/);
});

test("an impossible filter shows the empty state, and Clear filters brings the list back", async ({ page }) => {
  await page.getByLabel("Search models").fill("zzzz-no-such-model");
  await expect(page.getByRole("button", { name: "Clear filters" })).toBeVisible();
  await expect(rows(page)).toHaveCount(0);
  await page.getByRole("button", { name: "Clear filters" }).click();
  await expect(rows(page).first()).toBeVisible();
});

test("the detail panel shows every fact with its source and date", async ({ page }) => {
  await page.locator('tr[data-model-id="eu.amazon.nova-lite-v1:0"]').getByRole("button").first().click();
  const panel = page.getByTestId("model-detail");
  await expect(panel).toBeVisible();
  await expect(page.getByRole("dialog", { name: /Nova Lite/ })).toBeVisible();
  for (const fact of [
    "modelId",
    "baseModelId",
    "provider",
    "geoScope",
    "inputPricePerMTok",
    "outputPricePerMTok",
    "contextWindow",
    "maxOutputTokens",
    "lifecycleStatus",
    "destinationRegions",
  ]) {
    await expect(panel.locator(`[data-fact="${fact}"]`).first()).toBeVisible();
  }
  await expect(panel).toContainText("eu.amazon.nova-lite-v1:0");
  await expect(panel).toContainText(/snapshot · LL [^·]+ · 2026-07-24/);
  await expect(panel).toContainText(/2026-08-22/);
  await page.keyboard.press("Escape");
  await expect(panel).toHaveCount(0);
});

test("rows open the detail panel from the keyboard", async ({ page }) => {
  const button = page.locator('tr[data-model-id="eu.amazon.nova-pro-v1:0"]').getByRole("button").first();
  await button.focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("dialog", { name: /Nova Pro/ })).toBeVisible();
});
