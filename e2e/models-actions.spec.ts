import { expect, test, type APIRequestContext } from "@playwright/test";
import { DEMO, signInAs } from "./support";

// The Models page's detail panel: validate (staff) and "switch a use case to this model" (admins).

const SERVICE_KEY = "e2e-service-key-0123456789abcdef";
const SONNET_EU = "eu.anthropic.claude-sonnet-4-5-20250929-v1:0";
const NOVA_LITE = "eu.amazon.nova-lite-v1:0";
const NOVA_MICRO = "eu.amazon.nova-micro-v1:0";

async function orchestrate(request: APIRequestContext, body: Record<string, unknown>) {
  const res = await request.post("/api/orchestrate", { headers: { authorization: `Bearer ${SERVICE_KEY}` }, data: body });
  expect(res.status(), await res.text()).toBe(200);
  return (await res.json()) as { currentModelId?: string };
}

test.afterAll(async ({ request }) => {
  const now = await orchestrate(request, { action: "get-for-use-case", useCase: "health" });
  if (now.currentModelId !== NOVA_LITE) {
    await orchestrate(request, { action: "switch", useCase: "health", modelId: NOVA_LITE, reason: "e2e reset", showNotification: false });
  }
});

test("validate shows every check of a Claude profile against the clinical policy", async ({ page }) => {
  await signInAs(page, DEMO.analyst, /\/$/);
  await page.goto(`/models?model=${encodeURIComponent(SONNET_EU)}`);
  const panel = page.getByTestId("model-detail").getByTestId("validate-panel");
  await panel.getByLabel("Against the policy of").selectOption("clinical");
  await panel.getByRole("button", { name: "Validate" }).click();

  const result = panel.getByTestId("validation-result");
  await expect(result).toHaveAttribute("data-valid", "true");
  await expect(result.getByRole("status")).toContainText("Valid for clinical");
  for (const check of ["known", "enabled", "lifecycle", "region", "policy"]) {
    await expect(result.locator(`[data-check="${check}"]`)).toHaveAttribute("data-status", "pass");
  }
  await expect(result.locator('[data-check="policy"]')).toContainText(/clinical/);
  // Analysts validate but do not switch.
  await expect(page.getByTestId("model-detail").getByTestId("switch-panel")).toHaveCount(0);
});

test("validate explains why a bare Claude id cannot be called here, naming the profile to use", async ({ page }) => {
  await signInAs(page, DEMO.analyst, /\/$/);
  await page.goto(`/models?disabled=1&model=${encodeURIComponent("anthropic.claude-3-7-sonnet-20250219-v1:0")}`);
  const panel = page.getByTestId("model-detail").getByTestId("validate-panel");
  await panel.getByRole("button", { name: "Validate" }).click();
  const result = panel.getByTestId("validation-result");
  await expect(result).toHaveAttribute("data-valid", "false");
  await expect(result.locator('[data-check="region"]')).toHaveAttribute("data-status", "fail");
  await expect(result.locator('[data-check="region"]')).toContainText("eu.anthropic.claude-3-7-sonnet-20250219-v1:0");
});

test("an admin switches a use case to the model in the panel through the confirmation dialog", async ({ page }) => {
  await signInAs(page, DEMO.admin, /\/$/);
  await page.goto(`/models?model=${encodeURIComponent(NOVA_MICRO)}`);
  const panel = page.getByTestId("model-detail").getByTestId("switch-panel");
  await panel.getByLabel("Use case").selectOption("health");
  await panel.getByRole("button", { name: "Switch a use case to this model…" }).click();

  const confirm = page.getByRole("dialog", { name: "Switch health to Nova Micro (EU)?" });
  await expect(confirm.getByTestId("switch-from")).toContainText(NOVA_LITE);
  await expect(confirm.getByTestId("cost-impact")).toContainText(/\u2212\$[\d,.]+\/month/);
  await confirm.getByRole("button", { name: "Switch", exact: true }).click();
  await expect(confirm).toBeHidden();
  await expect(panel.getByRole("status")).toHaveText("health now uses Nova Micro (EU).");
  await expect(panel.getByText("health already uses this model.")).toBeVisible();
});

test("a model the use case's policy excludes is explained in the confirmation and cannot be confirmed", async ({ page }) => {
  await signInAs(page, DEMO.admin, /\/$/);
  await page.goto(`/models?model=${encodeURIComponent("eu.anthropic.claude-opus-4-5-20251101-v1:0")}`);
  const panel = page.getByTestId("model-detail").getByTestId("switch-panel");
  await panel.getByLabel("Use case").selectOption("health");
  await panel.getByRole("button", { name: "Switch a use case to this model…" }).click();
  const confirm = page.getByRole("dialog", { name: "Switch health to Claude Opus 4.5 (EU)?" });
  await expect(confirm.getByTestId("switch-ineligible")).toContainText("Input price $5.00/MTok exceeds the policy ceiling of $1.50/MTok");
  await expect(confirm.getByRole("button", { name: "Switch", exact: true })).toBeDisabled();
  await confirm.getByRole("button", { name: "Cancel" }).click();
  await expect(confirm).toBeHidden();
});
