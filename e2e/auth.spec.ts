import { expect, test } from "@playwright/test";
import { DEMO, signIn, signInAs } from "./support";

test("the sign-in page lists the demo accounts and a demo button fills the form", async ({ page }) => {
  await page.goto("/sign-in");
  for (const email of Object.values(DEMO)) await expect(page.getByRole("button", { name: `Use ${email}` })).toBeVisible();
  await page.getByRole("button", { name: `Use ${DEMO.analyst}` }).click();
  await expect(page.getByLabel("Email")).toHaveValue(DEMO.analyst);
  await expect(page.getByLabel("Password")).toHaveValue("switchboard");
});

test("an admin signs in to the dashboard, sees every page including Settings, the mode badge, and signs out", async ({ page }) => {
  await signInAs(page, DEMO.admin, /\/$/);
  const nav = page.getByRole("navigation", { name: "Main" });
  for (const link of ["Overview", "Models", "Use cases", "History", "Costs", "Adoption", "Settings"]) {
    await expect(nav.getByRole("link", { name: link })).toBeVisible();
  }
  await expect(page.getByTestId("role-badge")).toHaveText("Admin");
  await expect(page.getByTestId("mode-badge")).toHaveText(/Offline Bedrock · Embedded DB/);
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
  await page.goto("/models");
  await expect(page).toHaveURL(/\/sign-in$/);
});

test("an analyst signs in to the dashboard without Settings and is refused the admin page", async ({ page }) => {
  await signInAs(page, DEMO.analyst, /\/$/);
  await expect(page.getByTestId("role-badge")).toHaveText("Analyst");
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Settings" })).toHaveCount(0);
  await page.goto("/settings");
  await expect(page).toHaveURL(/denied=admin/);
  await expect(page.getByText("That page is for admins only.")).toBeVisible();
  await expect(page.getByRole("heading", { level: 1, name: "Settings" })).toHaveCount(0);
});

test("an end user lands on the chat page and never sees staff pages", async ({ page }) => {
  await signInAs(page, DEMO.user, /\/chat$/);
  for (const path of ["/", "/models", "/history", "/costs", "/adoption", "/use-cases", "/settings"]) {
    await page.goto(path);
    await expect(page).toHaveURL(/\/chat$/);
    await expect(page.getByRole("navigation", { name: "Main" })).toHaveCount(0);
    await expect(page.getByText("eu.amazon.nova-lite-v1:0")).toHaveCount(0);
  }
});

test("a wrong password gets one clear message that does not say which field was wrong", async ({ page }) => {
  await signIn(page, DEMO.admin, "not-the-password");
  const error = page.getByTestId("sign-in-error");
  await expect(error).toHaveText("That email and password do not match an account.");
  await signIn(page, "nobody@switchboard.local", "whatever");
  await expect(page.getByTestId("sign-in-error")).toHaveText("That email and password do not match an account.");
  await expect(page).toHaveURL(/\/sign-in$/);
});

test("empty fields are named under the fields", async ({ page }) => {
  await page.goto("/sign-in");
  // The form has noValidate: the browser's own bubbles never stop the submit, so what shows is the app's messages.
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  const email = page.getByLabel("Email");
  const password = page.getByLabel("Password");
  await expect(page.locator("#email-error")).toHaveText("Enter a valid email address");
  await expect(page.locator("#password-error")).toHaveText("Enter your password");
  // Each message is tied to its field, so a screen reader reads it with the field.
  await expect(email).toHaveAttribute("aria-invalid", "true");
  await expect(email).toHaveAccessibleDescription("Enter a valid email address");
  await expect(password).toHaveAttribute("aria-invalid", "true");
  await expect(password).toHaveAccessibleDescription("Enter your password");
  await expect(page.getByTestId("sign-in-error")).toHaveCount(0);
  await expect(page).toHaveURL(/\/sign-in$/);
});

test("repeated wrong passwords from one address are slowed, then refused with how long to wait", async ({ browser, page }) => {
  test.setTimeout(90_000);
  // An account of its own, so no other test meets its limit. Ten wrong attempts at once: each is counted before the
  // password check, so later ones are held longer and say so. Each names another address in X-Forwarded-For, which
  // the server ignores (SWITCHBOARD_TRUST_PROXY is off): they all count against the one real address.
  const email = "lockout-e2e@switchboard.local";
  const context = await browser.newContext();
  const pages = await Promise.all(
    Array.from({ length: 10 }, async (_, i) => {
      const p = await context.newPage();
      await p.setExtraHTTPHeaders({ "x-forwarded-for": `203.0.113.${i + 1}` });
      return p;
    }),
  );
  await Promise.all(pages.map((p) => signIn(p, email, "wrong-password")));
  const messages = await Promise.all(
    pages.map(async (p) => {
      const error = p.getByTestId("sign-in-error");
      await expect(error).toBeVisible({ timeout: 20_000 });
      return (await error.textContent()) ?? "";
    }),
  );
  expect(messages.every((m) => m.startsWith("That email and password do not match an account."))).toBe(true);
  expect(messages.some((m) => /each sign-in waits a little longer \(this one \d+(\.\d+)? s\)/.test(m))).toBe(true);
  await context.close();

  // The eleventh is refused from this address before any password check.
  await signIn(page, email, "another-guess");
  await expect(page.getByTestId("sign-in-error")).toHaveText(/^Too many attempts from this address; try again in 15 minutes\.$/, { timeout: 20_000 });
});
