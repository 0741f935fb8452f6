import { expect, test, type APIRequestContext, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { DEMO, signInAs } from "./support";
import type { SwitchType } from "../lib/enums";

// Realtime toasts across browsers: an admin, an end user and a second end user, each in a browser context of their
// own, all signed in and connected at once. A switch the admin makes shows on the end user's open conversation (blue
// for manual, green for auto, amber for a fallback under an injected throttle) and on the admin's own page, and the
// second end user, whom none of it concerns, sees nothing.
//
// Every test starts from health on Nova Lite and puts it back. The fallback test throttles a model no other spec
// relies on (a global Claude Opus, so not even eligible for health) on a conversation of its own, so the cooldown it
// leaves behind cannot change what later specs see; a run soon after another takes the next such model that is not
// cooling down, so the throttle it injects is what moves the conversation, not a leftover cooldown.

const SERVICE_KEY = "e2e-service-key-0123456789abcdef";
const auth = { authorization: `Bearer ${SERVICE_KEY}` };
const NOVA_LITE = "eu.amazon.nova-lite-v1:0";
const NOVA_MICRO = "eu.amazon.nova-micro-v1:0";
// Models no other spec relies on, and (global) never eligible for health: the fallback test throttles one of them.
const SPARE_MODELS = [
  "global.anthropic.claude-opus-4-7",
  "global.anthropic.claude-opus-4-8",
  "global.anthropic.claude-opus-4-6-v1",
  "global.anthropic.claude-opus-5",
];

const TOAST = '[data-testid="switch-toast"]';
const toastOf = (page: Page, type: SwitchType) => page.locator(`${TOAST}[data-type="${type}"]`);
const badge = (page: Page) => page.getByTestId("current-model-badge");
const composer = (page: Page) => page.getByRole("textbox", { name: "Message" });
const answers = (page: Page) => page.locator('li[data-role="assistant"]');
const healthCard = (page: Page) => page.locator('[data-use-case="health"]');

type ToastSighting = { kind: "toast" | "summary"; switchId: string | null; type: string | null; shownAt: number; goneAt: number | null };
type Recorder = { sightings: ToastSighting[] };

/**
 * Installed in every page before its scripts run: notes, in the page's own clock (Date.now(), the same system clock as
 * the test's), when each switch toast (or burst summary) appeared and when it left the DOM. That gives the delivery
 * latency and the toast's lifetime without polling, and tells whether a page ever saw a toast, however briefly.
 */
function recordToasts() {
  const sightings: ToastSighting[] = [];
  (window as unknown as { __switchToasts: Recorder }).__switchToasts = { sightings };
  const open = new Map<string, ToastSighting>();
  const scan = () => {
    const now = Date.now();
    const present = new Set<string>();
    for (const el of document.querySelectorAll<HTMLElement>('[data-testid="switch-toast"], [data-testid="switch-toast-summary"]')) {
      const summary = el.dataset.testid === "switch-toast-summary";
      const key = summary ? "summary" : `switch-${el.dataset.switchId}`;
      present.add(key);
      if (!open.has(key)) {
        const s: ToastSighting = {
          kind: summary ? "summary" : "toast",
          switchId: summary ? null : (el.dataset.switchId ?? null),
          type: summary ? null : (el.dataset.type ?? null),
          shownAt: now,
          goneAt: null,
        };
        open.set(key, s);
        sightings.push(s);
      }
    }
    for (const [key, s] of open) {
      if (!present.has(key)) {
        s.goneAt = now;
        open.delete(key);
      }
    }
  };
  new MutationObserver(scan).observe(document, { childList: true, subtree: true });
}

async function sightings(page: Page): Promise<ToastSighting[]> {
  return page.evaluate(() => (window as unknown as { __switchToasts?: Recorder }).__switchToasts?.sightings ?? []);
}

async function orchestrate(request: APIRequestContext, body: Record<string, unknown>) {
  const res = await request.post("/api/orchestrate", { headers: auth, data: body });
  expect(res.status(), await res.text()).toBe(200);
  return (await res.json()) as Record<string, unknown> & { currentModelId?: string };
}

/** A spare model that the general use case allows and that is not cooling down from an earlier run. */
async function spareModel(request: APIRequestContext): Promise<{ modelId: string; name: string }> {
  const ranked = (await orchestrate(request, { action: "get-for-use-case", useCase: "general" })).models as {
    modelId: string;
    name: string;
    eligible: boolean;
    coolingDownUntil: string | null;
  }[];
  const spare = SPARE_MODELS.map((id) => ranked.find((m) => m.modelId === id)).find((m) => m?.eligible && !m.coolingDownUntil);
  expect(spare, "a spare model that is not cooling down").toBeDefined();
  return spare!;
}

/** Health back on Nova Lite, quietly (no toast), whatever it is on now. */
async function resetHealth(request: APIRequestContext) {
  const now = await orchestrate(request, { action: "get-for-use-case", useCase: "health" });
  if (now.currentModelId !== NOVA_LITE) {
    await orchestrate(request, { action: "switch", useCase: "health", modelId: NOVA_LITE, reason: "e2e reset", showNotification: false });
  }
}

async function clearFaults(request: APIRequestContext) {
  const res = await request.delete("/api/test/faults", { headers: auth });
  expect(res.ok(), await res.text()).toBe(true);
}

async function connected(page: Page) {
  await expect(page.getByTestId("realtime-status")).toHaveAttribute("data-state", "open");
}

async function openConversation(page: Page, title: string) {
  const list = page.getByRole("navigation", { name: "Conversations" });
  await list.getByRole("link", { name: new RegExp(title) }).click();
  await expect(page).toHaveURL(/\/chat\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
}

type Cast = { admin: Page; user: Page; user2: Page };

/** The contexts this test opened, closed after it (also when signing in failed half way). */
let contexts: BrowserContext[] = [];

/** Three people in three browser contexts: the admin on Use cases, the user and user2 on a conversation each. */
async function signInAll(browser: Browser, adminPath: string): Promise<Cast> {
  contexts = await Promise.all([browser.newContext(), browser.newContext(), browser.newContext()]);
  for (const context of contexts) await context.addInitScript(recordToasts);
  const [admin, user, user2] = await Promise.all(contexts.map((c) => c.newPage()));
  await Promise.all([
    (async () => {
      await signInAs(admin!, DEMO.admin, /\/$/);
      await admin!.goto(adminPath);
    })(),
    (async () => {
      await signInAs(user!, DEMO.user, /\/chat$/);
      await openConversation(user!, "Sleep and recovery plan");
    })(),
    (async () => {
      await signInAs(user2!, DEMO.user2, /\/chat$/);
      await openConversation(user2!, "Team offsite ideas");
    })(),
  ]);
  await Promise.all([connected(admin!), connected(user!), connected(user2!)]);
  return { admin: admin!, user: user!, user2: user2! };
}

/** The second end user never saw a switch toast, not even briefly, nor a burst summary. */
async function expectUntouched(user2: Page) {
  await expect(user2.locator(`${TOAST}, [data-testid="switch-toast-summary"]`)).toHaveCount(0);
  expect(await sightings(user2)).toEqual([]);
}

test.beforeEach(async ({ request }) => {
  await clearFaults(request);
  await resetHealth(request);
});

test.afterEach(async ({ request }) => {
  for (const context of contexts) await context.close();
  contexts = [];
  await clearFaults(request);
  await resetHealth(request);
});

test("an admin's manual switch reaches the end user's open conversation as a blue toast within a second", async ({ browser }) => {
  test.setTimeout(60_000);
  const { admin, user, user2 } = await signInAll(browser, "/use-cases");
  await expect(badge(user)).toHaveAttribute("data-model-id", NOVA_LITE);
  await expect(healthCard(admin).getByTestId("current-model-id")).toHaveText(NOVA_LITE);
  // A marker that a reload would wipe: the badge must change in place.
  await user.evaluate(() => ((window as unknown as { __noReload: boolean }).__noReload = true));

  await healthCard(admin).getByRole("button", { name: "Change model" }).click();
  const select = admin.getByRole("dialog", { name: "Choose a model for health" });
  await select.locator(`[role=option][data-model-id="${NOVA_MICRO}"]`).click();
  const confirm = admin.getByRole("dialog", { name: "Switch health to Nova Micro (EU)?" });
  await confirm.getByLabel(/Reason/).fill("e2e: realtime check");

  // The switch's response is the server action's POST carrying the target model.
  let respondedAt = 0;
  const responded = admin.waitForResponse((r) => {
    const req = r.request();
    const hit = req.method() === "POST" && req.headers()["next-action"] !== undefined && (req.postData() ?? "").includes(NOVA_MICRO);
    if (hit) respondedAt = Date.now();
    return hit;
  });
  const clickedAt = Date.now();
  await confirm.getByRole("button", { name: "Switch", exact: true }).click();
  expect((await responded).ok()).toBe(true);

  const toast = toastOf(user, "manual");
  await expect(toast).toBeVisible({ timeout: 1_000 });
  // The toast names the conversation it concerns.
  await expect(toast.locator('[data-slot="toast-model"]')).toHaveText(
    "Your health conversation “Sleep and recovery plan” now uses Nova Micro (EU) instead of Nova Lite (EU).",
  );
  await expect(toast.locator('[data-slot="toast-reason"]')).toContainText("e2e: realtime check");
  const [seen] = (await sightings(user)).filter((s) => s.type === "manual");
  expect(seen).toBeDefined();
  // The toast often shows before the admin's page has its answer (the event leaves at commit, the action's response
  // after the page data is revalidated), so this is negative then.
  const latency = seen!.shownAt - respondedAt;
  test
    .info()
    .annotations.push(
      { type: "toast shown after the switch response (ms)", description: String(latency) },
      { type: "toast shown after the click on Switch (ms)", description: String(seen!.shownAt - clickedAt) },
    );
  expect(latency).toBeLessThan(1_000);

  // The badge shows the new model without a reload.
  await expect(badge(user)).toHaveAttribute("data-model-id", NOVA_MICRO);
  await expect(badge(user)).toContainText("Nova Micro");
  expect(await user.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload)).toBe(true);

  // Staff see every switch: the admin's own page shows the same switch's toast.
  await expect(confirm).toBeHidden();
  const adminToast = admin.locator(`${TOAST}[data-switch-id="${seen!.switchId}"]`);
  await expect(adminToast).toBeVisible();
  await expect(adminToast).toHaveAttribute("data-type", "manual");
  await expect(adminToast.locator('[data-slot="toast-model"]')).toContainText("The health use case now uses Nova Micro");
  // Staff see others' switches, never the titles of others' conversations.
  await expect(adminToast).not.toContainText("Sleep and recovery plan");

  // About five seconds on screen (no pointer over it): still there at 4 s, gone by 7 s.
  // Playwright reads a timeout of 0 as "no deadline": a deadline already past still gets 1 ms, so it fails at once.
  const at = (ms: number) => Math.max(1, seen!.shownAt + ms - Date.now());
  await user.waitForTimeout(at(4_000));
  expect(await toast.isVisible()).toBe(true);
  await expect(toast).toBeHidden({ timeout: at(7_000) });
  const [gone] = (await sightings(user)).filter((s) => s.switchId === seen!.switchId);
  const lifetime = gone!.goneAt! - gone!.shownAt;
  test.info().annotations.push({ type: "toast lifetime (ms)", description: String(lifetime) });
  // The page's own record of when it left, so a slow test runner cannot stretch the deadline.
  expect(lifetime).toBeGreaterThanOrEqual(4_000);
  expect(lifetime).toBeLessThanOrEqual(7_000);

  await expectUntouched(user2);
});

test("an auto-switch applied on the Use cases page shows a green toast to the end user", async ({ browser }) => {
  test.setTimeout(60_000);
  const { admin, user, user2 } = await signInAll(browser, "/use-cases?useCase=health");
  await expect(badge(user)).toHaveAttribute("data-model-id", NOVA_LITE);

  const auto = admin.getByTestId("auto-switch");
  await auto.getByRole("button", { name: "Preview" }).click();
  await expect(auto.getByTestId("auto-switch-explanation")).toContainText(/Nova Micro \(EU\) scores .* ahead of the current Nova Lite \(EU\)/);
  // Apply asks first (the same confirmation as a manual switch); its Switch applies.
  await auto.getByRole("button", { name: "Apply" }).click();
  const confirm = admin.getByRole("dialog", { name: "Switch health to Nova Micro (EU)?" });
  const clickedAt = Date.now();
  await confirm.getByRole("button", { name: "Switch", exact: true }).click();
  await expect(auto.getByTestId("auto-switch-outcome")).toContainText("Switched health to Nova Micro (EU).");

  const toast = toastOf(user, "auto");
  await expect(toast).toBeVisible({ timeout: 1_000 });
  const [seen] = (await sightings(user)).filter((s) => s.type === "auto");
  test.info().annotations.push({ type: "toast shown after the click on Apply (ms)", description: String(seen!.shownAt - clickedAt) });
  await expect(toast.locator('[data-slot="toast-model"]')).toContainText("Nova Micro");
  await expect(user.locator(TOAST)).toHaveCount(1);
  await expect(badge(user)).toHaveAttribute("data-model-id", NOVA_MICRO);
  await expect(toastOf(admin, "auto")).toBeVisible();
  await expect(toastOf(admin, "auto").locator('[data-slot="toast-model"]')).toContainText("Nova Micro");

  await expectUntouched(user2);
});

test("a throttle injected during a chat message shows an amber toast and the answer still arrives", async ({ browser, request }) => {
  test.setTimeout(60_000);
  const { admin, user, user2 } = await signInAll(browser, "/use-cases");

  // A general conversation of the user's own, on a model of its own: the fallback then switches this conversation
  // only, while user2 (who also has a general conversation) is not concerned.
  await user.goto("/chat");
  await user.getByLabel("Use case").selectOption("general");
  await composer(user).fill("Suggest three names for our team newsletter.");
  await user.getByRole("button", { name: "Send" }).click();
  await expect(user).toHaveURL(/\/chat\/[0-9a-f-]{36}$/);
  await expect(answers(user).last()).toContainText("Offline simulation", { timeout: 15_000 });
  await connected(user);
  const conversationId = user.url().split("/").pop()!;
  const spare = await spareModel(request);
  await orchestrate(request, {
    action: "switch",
    conversationId,
    modelId: spare.modelId,
    reason: "e2e setup",
    showNotification: false,
  });
  await expect(badge(user)).toHaveAttribute("data-model-id", spare.modelId);
  await expect(user.locator(TOAST)).toHaveCount(0); // a switch without a notification shows none

  const res = await request.post("/api/test/faults", { headers: auth, data: { modelId: spare.modelId, kind: "throttle", remaining: 1 } });
  expect(res.ok(), await res.text()).toBe(true);
  await composer(user).fill("And three more, a bit more playful?");
  await composer(user).press("Enter");

  const toast = toastOf(user, "fallback");
  await expect(toast).toBeVisible({ timeout: 15_000 });
  await expect(toast.locator('[data-slot="toast-reason"]')).toContainText("ThrottlingException");
  await expect(answers(user)).toHaveCount(2, { timeout: 15_000 });
  await expect(user.locator('li[data-role="assistant"][aria-busy="true"]')).toHaveCount(0, { timeout: 15_000 });
  await expect(badge(user)).not.toHaveAttribute("data-model-id", spare.modelId);
  const servedBy = (await badge(user).getAttribute("data-model-id"))!;
  const servedName = (await badge(user).textContent())!;
  await expect(answers(user).last()).toContainText("Offline simulation");
  await expect(answers(user).last()).toContainText(servedBy);
  await expect(toast.locator('[data-slot="toast-model"]')).toContainText(servedName);

  // Staff see it too, on whatever page they are.
  await expect(toastOf(admin, "fallback")).toBeVisible();

  await expectUntouched(user2);
});

/** Two boxes share at least one pixel. */
function overlaps(a: { x: number; y: number; width: number; height: number }, b: { x: number; y: number; width: number; height: number }) {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

for (const viewport of [
  { name: "a 1440x900 desktop", width: 1440, height: 900 },
  { name: "a 390px phone", width: 390, height: 844 },
]) {
  test(`on ${viewport.name}, a switch toast covers neither the composer nor Send`, async ({ browser, request }) => {
    test.setTimeout(60_000);
    const context = await browser.newContext({ viewport: { width: viewport.width, height: viewport.height } });
    contexts = [context];
    const user = await context.newPage();
    await signInAs(user, DEMO.user, /\/chat$/);
    if (viewport.width < 768) {
      // On a phone the list is the chat's first screen; a conversation opens on its own screen.
      await user.getByRole("link", { name: /Sleep and recovery plan/ }).click();
      await expect(user.getByRole("heading", { level: 1, name: "Sleep and recovery plan" })).toBeVisible();
    } else {
      await openConversation(user, "Sleep and recovery plan");
    }
    await connected(user);
    await orchestrate(request, { action: "switch", useCase: "health", modelId: NOVA_MICRO, reason: "e2e: toast placement" });

    const toast = toastOf(user, "manual");
    await expect(toast).toBeVisible();
    await expect(toast.locator('[data-slot="toast-model"]')).toContainText("“Sleep and recovery plan”");
    // Measured where it settles: after sonner's entry transition.
    await toast.evaluate((el) => Promise.all((el.closest("[data-sonner-toast]") ?? el).getAnimations({ subtree: true }).map((a) => a.finished)));
    const box = (await toast.boundingBox())!;
    const form = (await user
      .locator("form")
      .filter({ has: composer(user) })
      .boundingBox())!;
    const send = (await user.getByRole("button", { name: "Send" }).boundingBox())!;
    expect(box.width).toBeGreaterThan(0);
    expect(overlaps(box, form), `toast ${JSON.stringify(box)} vs composer ${JSON.stringify(form)}`).toBe(false);
    expect(overlaps(box, send), `toast ${JSON.stringify(box)} vs Send ${JSON.stringify(send)}`).toBe(false);
    // Inside the screen, below the sticky header.
    expect(box.y).toBeGreaterThanOrEqual(56);
    expect(box.x + box.width).toBeLessThanOrEqual(viewport.width);
  });
}

test("an end user whose health conversation has a model of its own gets no toast when an admin switches health", async ({ browser, request }) => {
  test.setTimeout(60_000);
  const { admin, user, user2 } = await signInAll(browser, "/use-cases");
  // user2's "Marathon nutrition" (seeded) is on Nova Pro, picked for that conversation: it does not follow health.
  await openConversation(user2, "Marathon nutrition");
  await connected(user2);
  await expect(badge(user2)).toHaveAttribute("data-model-id", "eu.amazon.nova-pro-v1:0");

  const switched = await orchestrate(request, { action: "switch", useCase: "health", modelId: NOVA_MICRO, reason: "e2e: pinned conversation" });
  const switchId = String((switched.switch as { id: number }).id);
  // The user whose conversation follows health sees it, and so does the admin (staff see every switch) ...
  await expect(user.locator(`${TOAST}[data-switch-id="${switchId}"]`)).toContainText("“Sleep and recovery plan”");
  await expect(admin.locator(`${TOAST}[data-switch-id="${switchId}"]`)).toBeVisible();
  await expect(badge(user)).toHaveAttribute("data-model-id", NOVA_MICRO);
  // ... and user2 does not. A later switch of user2's own conversation is the sentinel: streams keep commit order, so
  // once its toast shows, the health switch has been judged for user2 too, and was not shown, not even briefly.
  const user2Conversation = user2.url().split("/").pop()!;
  try {
    const sentinel = await orchestrate(request, { action: "switch", conversationId: user2Conversation, modelId: NOVA_MICRO, reason: "e2e: sentinel" });
    const sentinelId = String((sentinel.switch as { id: number }).id);
    await expect(user2.locator(`${TOAST}[data-switch-id="${sentinelId}"]`)).toContainText("Your conversation “Marathon nutrition” now uses Nova Micro");
    expect((await sightings(user2)).map((s) => s.switchId)).toEqual([sentinelId]);
  } finally {
    // The seeded conversation goes back to its own model, quietly, for the specs after this one.
    await orchestrate(request, {
      action: "switch",
      conversationId: user2Conversation,
      modelId: "eu.amazon.nova-pro-v1:0",
      reason: "e2e reset",
      showNotification: false,
    });
  }
});
