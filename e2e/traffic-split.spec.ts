import { expect, test, type Page } from "@playwright/test";
import { DEMO, signInAs } from "./support";

// Load balancing in the browser: an admin sends 10% of health's traffic to Nova Micro on the Use cases page (a 90/10
// canary), the card and an analyst see the split, and Adoption shows it beside each model's share of the calls
// served. The last test clears the split so other specs see the seeded state.

const NOVA_LITE = "eu.amazon.nova-lite-v1:0";
const NOVA_MICRO = "eu.amazon.nova-micro-v1:0";

const splitSection = (page: Page) => page.locator('[data-use-case-panel="health"]').getByTestId("traffic-split");

test.describe.configure({ mode: "serial" });

test("an admin sends 10% of health to Nova Micro; the current model's share and the card follow", async ({ page }) => {
  await signInAs(page, DEMO.admin, /\/$/);
  await page.goto("/use-cases?useCase=health");
  const split = splitSection(page);
  await expect(split.getByTestId("split-current")).toContainText("100%");

  // A share the current model cannot survive is refused before anything is saved.
  await split.getByLabel("Send (%)").fill("100");
  await split.getByLabel("to a model the policy allows").selectOption(NOVA_MICRO);
  await expect(split.getByRole("button", { name: "Add to split" })).toBeDisabled();

  await split.getByLabel("Send (%)").fill("10");
  // The picker offers only models health's policy allows: not the current model, not one over its price ceiling.
  const options = split.getByLabel("to a model the policy allows").locator("option");
  await expect(options.filter({ hasText: NOVA_LITE })).toHaveCount(0);
  await expect(options.filter({ hasText: "eu.mistral.pixtral-large-2502-v1:0" })).toHaveCount(0);
  await split.getByLabel("to a model the policy allows").selectOption(NOVA_MICRO);
  await split.getByRole("button", { name: "Add to split" }).click();
  await expect(split.getByTestId("split-current")).toContainText("90%");
  await expect(split.getByLabel(/Share for Nova Micro/)).toHaveValue("10");
  await split.getByLabel(/Reason/).fill("canary before switching");
  await split.getByRole("button", { name: "Save split" }).click();
  await expect(split.getByTestId("split-message")).toContainText("Split saved: 90% to Nova Lite");
  await expect(split.getByTestId("split-message")).toContainText("10% to Nova Micro");
  await expect(page.locator('[data-use-case="health"]').getByTestId("card-split")).toContainText(/90% Nova Lite.*10% Nova Micro/);

  // A reload shows what was stored.
  await page.reload();
  await expect(splitSection(page).getByTestId("split-current")).toContainText("90%");
  await expect(splitSection(page).getByLabel(/Share for Nova Micro/)).toHaveValue("10");
});

test("an analyst sees the split but cannot change it", async ({ page }) => {
  await signInAs(page, DEMO.analyst, /\/$/);
  await page.goto("/use-cases?useCase=health");
  const split = splitSection(page);
  await expect(split.locator(`[data-model-id="${NOVA_MICRO}"]`).getByTestId("split-share")).toHaveText("10%");
  await expect(split.getByTestId("split-current")).toContainText("90%");
  await expect(split.getByRole("button", { name: "Save split" })).toHaveCount(0);
  await expect(split.getByRole("button", { name: "Add to split" })).toHaveCount(0);
  await expect(split.getByRole("spinbutton")).toHaveCount(0);
});

test("Adoption shows health's split beside each model's share of the calls served", async ({ page }) => {
  await signInAs(page, DEMO.analyst, /\/$/);
  await page.goto("/adoption");
  const health = page.getByTestId("split-share").locator('table[data-use-case="health"]');
  await expect(health.locator(`[data-model-id="${NOVA_LITE}"] [data-cell="configured"]`)).toHaveText("90%");
  await expect(health.locator(`[data-model-id="${NOVA_MICRO}"] [data-cell="configured"]`)).toHaveText("10%");
  // The demo history's calls: Nova Lite served health, so it has an observed share.
  await expect(health.locator(`[data-model-id="${NOVA_LITE}"] [data-cell="observed"]`)).toHaveText(/^\d+\.\d%$/);
});

test("the admin clears the split and all traffic goes back to the current model", async ({ page }) => {
  await signInAs(page, DEMO.admin, /\/$/);
  await page.goto("/use-cases?useCase=health");
  const split = splitSection(page);
  await split.getByRole("button", { name: /Remove Nova Micro/ }).click();
  await expect(split.getByTestId("split-current")).toContainText("100%");
  await split.getByRole("button", { name: "Save split" }).click();
  await expect(split.getByTestId("split-message")).toContainText("Split cleared");
  await expect(page.locator('[data-use-case="health"]').getByTestId("card-split")).toHaveCount(0);
});
