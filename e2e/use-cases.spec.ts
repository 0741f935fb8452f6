import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { DEMO, signInAs } from "./support";

// The Use cases page: switching through the two dialogs, a stale switch, the policy editor's errors, the auto-switch
// preview and apply, the fallback chain, and what an analyst does not get. Every test starts from health on Nova Lite
// and the suite puts health back the way it found it, so other specs see the seeded state.

const SERVICE_KEY = "e2e-service-key-0123456789abcdef";
const NOVA_LITE = "eu.amazon.nova-lite-v1:0";
const NOVA_MICRO = "eu.amazon.nova-micro-v1:0";
const NOVA_PRO = "eu.amazon.nova-pro-v1:0";
const HAIKU = "eu.anthropic.claude-haiku-4-5-20251001-v1:0";

async function orchestrate(request: APIRequestContext, body: Record<string, unknown>) {
  const res = await request.post("/api/orchestrate", { headers: { authorization: `Bearer ${SERVICE_KEY}` }, data: body });
  expect(res.status(), await res.text()).toBe(200);
  return (await res.json()) as Record<string, unknown> & { currentModelId?: string };
}

/** Puts health back on Nova Lite through the API (the same door a backend uses). */
async function resetHealth(request: APIRequestContext) {
  const now = await orchestrate(request, { action: "get-for-use-case", useCase: "health" });
  if (now.currentModelId !== NOVA_LITE) {
    await orchestrate(request, { action: "switch", useCase: "health", modelId: NOVA_LITE, reason: "e2e reset", showNotification: false });
  }
}

const healthCard = (page: Page) => page.locator('[data-use-case="health"]');

test.beforeEach(async ({ request }) => {
  await resetHealth(request);
});

test.afterAll(async ({ request }) => {
  await resetHealth(request);
});

test("an admin changes health's model through the selection and confirmation dialogs", async ({ page }) => {
  await signInAs(page, DEMO.admin, /\/$/);
  await page.goto("/use-cases");
  const card = healthCard(page);
  await expect(card.getByTestId("current-model-id")).toHaveText(NOVA_LITE);

  await card.getByRole("button", { name: "Change model" }).click();
  const select = page.getByRole("dialog", { name: "Choose a model for health" });
  const search = select.getByRole("combobox", { name: "Search models" });
  await expect(search).toBeFocused();
  await expect(select.locator(`[role=option][data-model-id="${NOVA_LITE}"]`)).toContainText("Current");
  // Keyboard: the best model other than the current one starts active; End and Home move; Enter chooses.
  const active = select.locator("[role=option][aria-selected=true]");
  await expect(active).toHaveAttribute("data-model-id", NOVA_MICRO);
  await page.keyboard.press("End");
  await expect(active).not.toHaveAttribute("data-model-id", NOVA_MICRO);
  await page.keyboard.press("Home");
  await expect(active).toHaveAttribute("data-model-id", NOVA_MICRO);
  await expect(search).toHaveAttribute("aria-activedescendant", (await active.getAttribute("id"))!);
  // Each row shows provider, prices and use cases; models the policy excludes are listed apart with reasons.
  await expect(active).toContainText("Amazon");
  await expect(active).toContainText("$0.046 in · $0.184 out per MTok");
  await expect(select.getByTestId("ineligible-models")).toContainText("Not allowed for health");
  await page.keyboard.press("Enter");

  const confirm = page.getByRole("dialog", { name: "Switch health to Nova Micro (EU)?" });
  await expect(confirm.getByTestId("switch-from")).toContainText(NOVA_LITE);
  await expect(confirm.getByTestId("switch-to")).toContainText(NOVA_MICRO);
  // Nova Micro is cheaper than Nova Lite on both prices: a saving at health's monthly volume, on its basis.
  await expect(confirm.getByTestId("cost-impact")).toContainText(/Monthly cost impact: \u2212\$[\d,.]+\/month \(\u2212[\d.]+%\)/);
  await expect(confirm.getByTestId("cost-impact-basis")).toHaveText(/^(last 30 days of traffic|use case estimate)$/);
  await confirm.getByLabel(/Reason/).fill("e2e: cost review");
  await confirm.getByRole("button", { name: "Switch", exact: true }).click();
  await expect(confirm).toBeHidden();

  await expect(card.getByTestId("current-model-id")).toHaveText(NOVA_MICRO);
  await expect(card.getByRole("status")).toHaveText("Switched to Nova Micro (EU).");
  await page.reload();
  await expect(healthCard(page).getByTestId("current-model-name")).toHaveText("Nova Micro (EU)");
});

test("a switch made stale by someone else says so and shows the fresh model", async ({ page, request }) => {
  await signInAs(page, DEMO.admin, /\/$/);
  await page.goto("/use-cases");
  const card = healthCard(page);
  await card.getByRole("button", { name: "Change model" }).click();
  const select = page.getByRole("dialog", { name: "Choose a model for health" });
  await select.getByRole("combobox", { name: "Search models" }).fill("nova pro");
  await expect(select.getByRole("option")).toHaveCount(1);
  await select.getByRole("option", { name: /Nova Pro/ }).click();
  const confirm = page.getByRole("dialog", { name: "Switch health to Nova Pro (EU)?" });
  await expect(confirm.getByTestId("switch-from")).toContainText(NOVA_LITE);

  // Meanwhile a backend switches health through the API.
  await orchestrate(request, { action: "switch", useCase: "health", modelId: NOVA_MICRO, reason: "e2e: someone else" });

  await confirm.getByRole("button", { name: "Switch", exact: true }).click();
  const conflict = confirm.getByTestId("switch-conflict");
  await expect(conflict).toContainText("Someone else switched health to Nova Micro (EU) meanwhile.");
  await expect(conflict).toContainText(NOVA_MICRO);
  await expect(confirm.getByRole("button", { name: "Switch", exact: true })).toHaveCount(0);
  // The page behind the dialog already shows the fresh model; nothing of ours was switched.
  await expect(card.getByTestId("current-model-id")).toHaveText(NOVA_MICRO);

  await conflict.getByRole("button", { name: "Review again" }).click();
  const again = page.getByRole("dialog", { name: "Choose a model for health" });
  await expect(again.locator(`[role=option][data-model-id="${NOVA_MICRO}"]`)).toContainText("Current");
  await page.keyboard.press("Escape");
  await expect(again).toBeHidden();

  const now = await orchestrate(request, { action: "get-for-use-case", useCase: "health" });
  expect(now.currentModelId).toBe(NOVA_MICRO);
});

test("the policy editor shows a field error for a bad value and saves nothing", async ({ page }) => {
  await signInAs(page, DEMO.admin, /\/$/);
  await page.goto("/use-cases?useCase=health");
  const editor = page.getByTestId("policy-editor");
  const cooldown = editor.getByLabel("Cooldown after a failure (seconds)");
  const before = await cooldown.inputValue();

  await cooldown.fill("-5");
  await editor.getByRole("button", { name: "Save policy" }).click();
  await expect(cooldown).toHaveAttribute("aria-invalid", "true");
  await expect(cooldown).toHaveAccessibleDescription(/Cooldown must be between 0 and 86,400 seconds/);
  await expect(editor.getByTestId("policy-error")).toContainText("Nothing was saved");

  await page.reload();
  await expect(page.getByTestId("policy-editor").getByLabel("Cooldown after a failure (seconds)")).toHaveValue(before);
});

test("auto-switch previews ranked candidates with scores and why; Apply asks in the switch confirmation first", async ({ page, request }) => {
  await signInAs(page, DEMO.admin, /\/$/);
  await page.goto("/use-cases?useCase=health");
  const auto = page.getByTestId("auto-switch");
  await auto.getByRole("button", { name: "Preview" }).click();

  const rows = auto.getByTestId("auto-switch-candidates").locator("tbody tr");
  await expect(rows.first()).toBeVisible();
  expect(await rows.count()).toBeGreaterThanOrEqual(3);
  for (const score of await rows.locator("[data-score]").allTextContents()) expect(score).toMatch(/^\d{1,3}\.\d$/);
  await expect(rows.first()).toContainText("Best");
  await expect(rows.first()).toContainText(/Quality tier \d of 5/);
  await expect(auto.getByTestId("auto-switch-explanation")).toContainText(/Nova Micro \(EU\) scores \d+\.\d.*ahead of the current Nova Lite \(EU\)/);

  const explanation = (await auto.getByTestId("auto-switch-explanation").textContent())!.trim();

  // Apply opens the same confirmation as a manual switch: from, to, the reason, the monthly cost impact. Cancel
  // changes nothing.
  await auto.getByRole("button", { name: "Apply" }).click();
  const confirm = page.getByRole("dialog", { name: "Switch health to Nova Micro (EU)?" });
  await expect(confirm.getByTestId("switch-from")).toContainText(NOVA_LITE);
  await expect(confirm.getByTestId("switch-to")).toContainText(NOVA_MICRO);
  await expect(confirm.getByTestId("switch-reason")).toHaveText(explanation);
  await expect(confirm.getByTestId("cost-impact")).toContainText(/Monthly cost impact: \u2212\$[\d,.]+\/month/);
  await expect(confirm.getByTestId("cost-impact-current")).toHaveText((await healthCard(page).getByTestId("monthly-cost-usd").textContent())!);
  await confirm.getByRole("button", { name: "Cancel" }).click();
  await expect(confirm).toBeHidden();
  await expect(auto.getByTestId("auto-switch-outcome")).toHaveCount(0);
  await expect(healthCard(page).getByTestId("current-model-id")).toHaveText(NOVA_LITE);
  expect((await orchestrate(request, { action: "get-for-use-case", useCase: "health" })).currentModelId).toBe(NOVA_LITE);

  // Confirm switches to the previewed model.
  await auto.getByRole("button", { name: "Apply" }).click();
  await confirm.getByRole("button", { name: "Switch", exact: true }).click();
  await expect(confirm).toBeHidden();
  await expect(auto.getByTestId("auto-switch-outcome")).toContainText("Switched health to Nova Micro (EU).");
  await expect(healthCard(page).getByTestId("current-model-id")).toHaveText(NOVA_MICRO);
  expect((await orchestrate(request, { action: "get-for-use-case", useCase: "health" })).currentModelId).toBe(NOVA_MICRO);
});

test("one use case's monthly cost reads the same, with its basis, on Overview, its card, the confirmation and Costs", async ({ page }) => {
  await signInAs(page, DEMO.admin, /\/$/);
  const overviewRow = page.getByTestId("overview-use-cases").locator('tr[data-use-case="clinical"]');
  const usd = (await overviewRow.getByTestId("monthly-cost-usd").textContent())!.trim();
  const basis = (await overviewRow.getByTestId("monthly-cost-basis").textContent())!.trim();
  expect(usd).toMatch(/^\$[\d,]+(\.\d\d)?$/);
  // Clinical has weeks of demo traffic: it is priced at that, not at its own (much larger) estimate.
  expect(basis).toBe("last 30 days of traffic");

  await page.goto("/use-cases");
  const card = page.locator('[data-use-case="clinical"]');
  await expect(card.getByTestId("monthly-cost-usd")).toHaveText(usd);
  await expect(card.getByTestId("monthly-cost-basis")).toHaveText(basis);

  await card.getByRole("button", { name: "Change model" }).click();
  const select = page.getByRole("dialog", { name: "Choose a model for clinical" });
  await expect(select.locator("[role=option][aria-selected=true]")).toBeVisible();
  await select.getByRole("combobox", { name: "Search models" }).press("Enter");
  const confirm = page.getByRole("dialog", { name: /^Switch clinical to / });
  await expect(confirm.getByTestId("cost-impact-current")).toHaveText(usd);
  await expect(confirm.getByTestId("cost-impact-basis")).toHaveText(basis);
  await confirm.getByRole("button", { name: "Cancel" }).click();
  await expect(confirm).toBeHidden();

  await page.goto("/costs");
  const row = page.locator('tr[data-use-case="clinical"]');
  await expect(row.getByTestId("monthly-cost-usd")).toHaveText(usd);
  await expect(row.getByTestId("monthly-cost-basis")).toHaveText(basis);
  await expect(page.getByText("Monthly volume from")).toHaveCount(0);

  // The what-if prices from the same figure, and offers only models clinical's policy allows: no embedding model.
  const whatIf = page.getByLabel("What if Clinical used");
  const offered = await whatIf.locator("option").evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value).filter(Boolean));
  expect(offered.length).toBeGreaterThan(0);
  expect(offered.filter((id) => /embed/i.test(id))).toEqual([]);
  await whatIf.selectOption(offered[0]!);
  await expect(page.getByTestId("whatif-clinical").getByTestId("whatif-current")).toHaveText(usd);
  await expect(page.getByTestId("whatif-clinical")).toContainText(`from the ${basis}`);
});

test("a fallback chain edit persists after a reload", async ({ page }) => {
  await signInAs(page, DEMO.admin, /\/$/);
  await page.goto("/use-cases?useCase=health");
  const chain = page.getByTestId("fallback-chain");
  const ids = () => chain.locator("li[data-model-id]").evaluateAll((els) => els.map((e) => e.getAttribute("data-model-id")));
  expect(await ids()).toEqual([NOVA_MICRO, NOVA_PRO]);

  await chain.getByRole("button", { name: "Move Nova Pro up" }).click();
  await chain.getByLabel("Add a model").selectOption(HAIKU);
  await chain.getByRole("button", { name: "Add", exact: true }).click();
  expect(await ids()).toEqual([NOVA_PRO, NOVA_MICRO, HAIKU]);
  await chain.getByRole("button", { name: "Save chain" }).click();
  await expect(chain.getByTestId("chain-message")).toHaveText("Fallback chain saved.");

  await page.reload();
  await expect(page.getByTestId("fallback-chain").locator("li[data-model-id]")).toHaveCount(3);
  expect(await ids()).toEqual([NOVA_PRO, NOVA_MICRO, HAIKU]);

  // Put it back as seeded.
  await chain.getByRole("button", { name: "Remove Claude Haiku 4.5" }).click();
  await chain.getByRole("button", { name: "Move Nova Micro up" }).click();
  await chain.getByRole("button", { name: "Save chain" }).click();
  await expect(chain.getByTestId("chain-message")).toHaveText("Fallback chain saved.");
  await page.reload();
  expect(await ids()).toEqual([NOVA_MICRO, NOVA_PRO]);
});

test("an analyst reads everything but gets no switch, apply or save", async ({ page }) => {
  await signInAs(page, DEMO.analyst, /\/$/);
  await page.goto("/use-cases?useCase=health");
  await expect(healthCard(page).getByTestId("current-model-id")).toHaveText(NOVA_LITE);
  await expect(page.getByRole("button", { name: "Change model" })).toHaveCount(0);
  const editor = page.getByTestId("policy-editor");
  await expect(editor.getByLabel("Cooldown after a failure (seconds)")).toBeDisabled();
  await expect(editor.getByRole("button", { name: "Save policy" })).toHaveCount(0);
  await expect(page.getByTestId("fallback-chain").getByRole("button")).toHaveCount(0);

  const auto = page.getByTestId("auto-switch");
  await auto.getByRole("button", { name: "Preview" }).click();
  await expect(auto.getByTestId("auto-switch-candidates")).toBeVisible();
  await expect(auto.getByRole("button", { name: "Apply" })).toHaveCount(0);
});
