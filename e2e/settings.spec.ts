import { expect, test } from "@playwright/test";
import { DEMO, signInAs } from "./support";

test("an admin generates the least-privilege IAM policy, syncs the catalog and sees the service key's presence, never the key", async ({ page }) => {
  await signInAs(page, DEMO.admin, /\/$/);
  await page.goto("/settings");
  await expect(page.getByTestId("service-key-status")).toContainText("Set");
  await expect(page.locator("body")).not.toContainText("e2e-service-key-0123456789abcdef");

  await page.getByLabel("AWS account id").fill("12345");
  await page.getByRole("button", { name: "Generate policy" }).click();
  await expect(page.getByText("An AWS account id is 12 digits.")).toBeVisible();

  await page.getByLabel("AWS account id").fill("123456789012");
  await page.getByRole("button", { name: "Generate policy" }).click();
  const policy = page.getByTestId("iam-policy");
  await expect(policy).toContainText("arn:aws:bedrock:eu-central-1:123456789012:inference-profile/eu.amazon.nova-lite-v1:0");
  await expect(policy).toContainText("bedrock:InferenceProfileArn");
  const doc = JSON.parse((await policy.textContent())!);
  const invokeResources = doc.Statement.filter((s: { Action: string[] | string }) => [s.Action].flat().includes("bedrock:InvokeModel")).flatMap(
    (s: { Resource: string | string[] }) => [s.Resource].flat(),
  );
  expect(invokeResources).not.toContain("*");

  await page.getByRole("button", { name: "Sync catalog" }).click();
  await expect(page.getByTestId("sync-result")).toContainText(/Synced from the offline catalog/);
});
