import { expect, test } from "@playwright/test";

test("GET /api/health answers with the database and Bedrock mode", async ({ request }) => {
  const res = await request.get("/api/health");
  expect(res.status()).toBe(200);
  expect(await res.json()).toMatchObject({ ok: true, database: { kind: "embedded", ok: true }, bedrock: { mode: "offline", region: "eu-central-1" } });
});

test("the API refuses a request without a key and answers the contract's error shape", async ({ request }) => {
  const res = await request.post("/api/orchestrate", { data: { action: "list-all" } });
  expect(res.status()).toBe(401);
  expect(await res.json()).toMatchObject({ ok: false, error: { code: "unauthorized" } });
  const legacy = await request.post("/functions/v1/orchestrate-bedrock-models", {
    data: { action: "list-all" },
    headers: { Authorization: "Bearer e2e-service-key-0123456789abcdef" },
  });
  expect(legacy.status()).toBe(200);
  const body = await legacy.json();
  expect(body.ok).toBe(true);
  expect(body.models.length).toBeGreaterThanOrEqual(30);
});

test("every page and route sends the framing, sniffing and referrer headers", async ({ request }) => {
  for (const path of ["/sign-in", "/", "/chat", "/history", "/api/health", "/no-such-page", "/history/export"]) {
    const res = await request.get(path, { maxRedirects: 0 });
    const headers = res.headers();
    expect(headers["x-frame-options"], path).toBe("DENY");
    expect(headers["content-security-policy"], path).toContain("frame-ancestors 'none'");
    expect(headers["x-content-type-options"], path).toBe("nosniff");
    expect(headers["referrer-policy"], path).toBe("strict-origin-when-cross-origin");
  }
});

test("the favicon and the app icon are served (no 404 on every page load)", async ({ page, request }) => {
  const favicon = await request.get("/favicon.ico");
  expect(favicon.status()).toBe(200);
  expect(favicon.headers()["content-type"]).toMatch(/icon/);
  await page.goto("/sign-in");
  const icons = page.locator('head link[rel="icon"], head link[rel="apple-touch-icon"]');
  await expect(icons).not.toHaveCount(0);
  for (const href of await icons.evaluateAll((links) => links.map((l) => l.getAttribute("href")!))) {
    expect((await request.get(href)).status(), href).toBe(200);
  }
});
