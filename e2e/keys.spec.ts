import { expect, test } from "@playwright/test";
import { DEMO, signInAs } from "./support";

const SERVICE_KEY = "e2e-service-key-0123456789abcdef";
type KeyView = { id: string; name: string; tokenPrefix: string; useCases: string[]; lastUsedAt: string | null; revokedAt: string | null };

test("an admin creates an API key, sees its secrets once, then revokes it after confirming", async ({ page, context, request }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const listKeys = async () => {
    const r = await request.post("/api/orchestrate", { headers: { authorization: `Bearer ${SERVICE_KEY}` }, data: { action: "keys-list" } });
    expect(r.status()).toBe(200);
    return { text: await r.text(), keys: ((await r.json()) as { keys: KeyView[] }).keys };
  };
  const name = `e2e checkout ${Date.now()}`;

  await signInAs(page, DEMO.admin, /\/$/);
  await page.goto("/settings");
  const form = page.getByRole("form", { name: "Create an API key" });
  await form.getByRole("button", { name: "Create key" }).click();
  await expect(page.getByText("Give the key a name (who or what uses it).")).toBeVisible();

  await form.getByLabel("Name").fill(name);
  await form.getByLabel("health").check();
  await form.getByRole("button", { name: "Create key" }).click();

  const dialog = page.getByRole("dialog", { name: `API key ${name} created` });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole("alert")).toContainText("you will not see the token or the secret access key again");
  await expect(dialog).toContainText("Limited to health.");
  const token = (await dialog.getByTestId("new-key-token").textContent())!;
  const accessKeyId = (await dialog.getByTestId("new-key-access-key-id").textContent())!;
  const secret = (await dialog.getByTestId("new-key-secret").textContent())!;
  expect(token).toMatch(/^sb-[A-Za-z0-9_-]{43}$/);
  expect(accessKeyId).toMatch(/^SBK[A-Z0-9]{17}$/);
  expect(secret).toHaveLength(40);

  await dialog.getByRole("button", { name: "Copy the token" }).click();
  await expect(dialog.getByRole("button", { name: "Copy the token" })).toHaveText("Copied");
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(token);

  // The server has the key, without its secrets.
  const afterCreate = await listKeys();
  const stored = afterCreate.keys.find((k) => k.name === name);
  expect(stored).toMatchObject({ useCases: ["health"], revokedAt: null, lastUsedAt: null, tokenPrefix: token.slice(0, 9) });
  expect(afterCreate.text).not.toContain(token);
  expect(afterCreate.text).not.toContain(secret);

  await dialog.getByRole("button", { name: "I have copied them" }).click();
  await expect(dialog).toBeHidden();
  const row = page.getByTestId("api-key-row").filter({ hasText: name });
  await expect(row).toContainText(`${token.slice(0, 9)}…`);
  await expect(row).toContainText(accessKeyId);
  await expect(row).toContainText("never");

  // Shown once: after a reload the page holds neither the token nor the secret.
  await page.reload();
  await expect(row).toBeVisible();
  const html = await page.content();
  expect(html).not.toContain(token);
  expect(html).not.toContain(secret);

  // Revoke asks first; cancelling changes nothing.
  await row.getByRole("button", { name: `Revoke ${name}` }).click();
  const confirm = page.getByRole("dialog", { name: `Revoke ${name}?` });
  await expect(confirm).toContainText("get 401 from their next request, on every Switchboard instance");
  await confirm.getByRole("button", { name: "Cancel" }).click();
  await expect(confirm).toBeHidden();
  expect((await listKeys()).keys.find((k) => k.name === name)?.revokedAt).toBeNull();

  await row.getByRole("button", { name: `Revoke ${name}` }).click();
  await confirm.getByRole("button", { name: "Revoke key" }).click();
  await expect(confirm).toBeHidden();
  await expect(row.getByText("Revoked")).toBeVisible();
  await expect(row.getByRole("button", { name: `Revoke ${name}` })).toHaveCount(0);
  expect((await listKeys()).keys.find((k) => k.name === name)?.revokedAt).toEqual(expect.any(String));
});

test("an analyst cannot reach the keys", async ({ page }) => {
  await signInAs(page, DEMO.analyst, /\/$/);
  await page.goto("/settings");
  await expect(page).toHaveURL(/denied=admin/);
  await expect(page.getByRole("form", { name: "Create an API key" })).toHaveCount(0);
});
