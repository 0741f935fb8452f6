// Switch-to-toast latency: how long after a switch is requested the end user's open page shows its toast.
//
// What is measured, per switch (sequential, one at a time):
//   toast      request sent -> the toast is on screen in Chromium (first animation frame after the toast element is
//              inserted), in the end user's signed-in chat page. The number the target (p95 < 500 ms) is about:
//              it is what "a switch committed in one browser shows in another" means to a person.
//   response   the switch's HTTP response -> the same toast. Often NEGATIVE: the event is NOTIFYed at commit, before
//              the API has written its response, so the toast can beat the response.
//   event      request sent -> the SSE event reaching a second, plain stream opened from Node with the same user's
//              session cookie (the wire, without the browser's rendering).
// The switch is a use-case switch made with the service key through POST /api/orchestrate; the user has an
// override-free conversation in that use case, so the server's per-user filter lets it through.
//
// Chromium: CHROMIUM_PATH or /usr/bin/chromium (as the Playwright suite). All clocks are this machine's Date.now().
//
// Standalone: BASE_URL=http://127.0.0.1:3000 SERVICE_KEY=... [USER_EMAIL=user@switchboard.local PASSWORD=switchboard
// USE_CASE=health SWITCHES=50] npx tsx bench/toast-latency.ts   (against a server with demo data, or one prepared with
// prepareToastUser).
import { randomBytes, scrypt as scryptCb } from "node:crypto";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { chromium, type Page } from "@playwright/test";
import type { DatabaseHandle } from "../db/client";
import { accounts, conversations, useCases } from "../db/schema";

export const TOAST_USE_CASE = "bench_toast";
export const TOAST_USER_EMAIL = "bench-user@switchboard.local";
export const TOAST_USER_PASSWORD = "bench-password-1";
/** Two models any cost-objective use case without constraints accepts. */
const MODELS = ["eu.amazon.nova-lite-v1:0", "eu.amazon.nova-micro-v1:0"] as const;

export type LatencyStats = { count: number; p50: number; p95: number; max: number; mean: number };
export type ToastLatencyResult = {
  switches: number;
  useCase: string;
  /** Request sent -> toast on screen (the target's number). */
  toast: LatencyStats;
  /** Switch response received -> toast on screen (negative when the toast was first). */
  fromResponse: LatencyStats;
  /** Request sent -> SSE event received by a Node client. */
  event: LatencyStats;
  /** Request sent -> switch response (for reference). */
  switchRequest: LatencyStats;
  target: { p95BelowMs: number; pass: boolean };
};

/** Nearest-rank percentile. */
function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}
function stats(values: number[]): LatencyStats {
  const s = [...values].sort((a, b) => a - b);
  const round = (x: number) => Math.round(x * 10) / 10;
  return {
    count: s.length,
    p50: round(percentile(s, 50)),
    p95: round(percentile(s, 95)),
    max: round(s.at(-1) ?? NaN),
    mean: round(s.reduce((a, b) => a + b, 0) / (s.length || 1)),
  };
}

const scrypt = promisify(scryptCb) as (pw: string, salt: Buffer, keylen: number, opts: object) => Promise<Buffer>;

/**
 * Prepares a database (before the server starts on it; PGlite is one process per folder) with an end user who has
 * one conversation in a use case of their own, so that nothing else the benchmark switches reaches them.
 * The password hash uses the format of server/auth/password.ts (`scrypt$N$r$p$salt$hash`), which bench code cannot
 * import (server-only).
 */
export async function prepareToastUser(handle: DatabaseHandle): Promise<{ email: string; password: string; useCase: string }> {
  const salt = randomBytes(16);
  const N = 16384;
  const hash = await scrypt(TOAST_USER_PASSWORD.normalize("NFKC"), salt, 32, { N, r: 8, p: 1, maxmem: 64 * 1024 * 1024 });
  const passwordHash = ["scrypt", N, 8, 1, salt.toString("base64url"), hash.toString("base64url")].join("$");
  await handle.db
    .insert(useCases)
    .values({ name: TOAST_USE_CASE, description: "Benchmark: switch-to-toast latency", currentModelId: MODELS[0], objective: "cost", allowUserChoice: true })
    .onConflictDoNothing();
  const [account] = await handle.db
    .insert(accounts)
    .values({ email: TOAST_USER_EMAIL, name: "Bench User", role: "user", passwordHash })
    .onConflictDoUpdate({ target: accounts.email, set: { passwordHash } })
    .returning({ id: accounts.id });
  await handle.db.insert(conversations).values({ userId: account!.id, useCase: TOAST_USE_CASE, title: "Toast latency" });
  return { email: TOAST_USER_EMAIL, password: TOAST_USER_PASSWORD, useCase: TOAST_USE_CASE };
}

type SwitchAnswer = { ok: boolean; switch?: { id: number; newModelId: string }; error?: { message: string } };

async function orchestrate(baseUrl: string, serviceKey: string, body: Record<string, unknown>): Promise<SwitchAnswer> {
  const res = await fetch(new URL("/api/orchestrate", baseUrl), {
    method: "POST",
    headers: { authorization: `Bearer ${serviceKey}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  const json = (await res.json()) as SwitchAnswer;
  if (!res.ok || !json.ok) throw new Error(`switch failed: HTTP ${res.status} ${json.error?.message ?? ""}`);
  return json;
}

/** A Node SSE client on /api/realtime with the user's cookie: when each switch id arrived on the wire. */
function openNodeStream(baseUrl: string, cookie: string): { arrivals: Map<number, number>; close: () => void; ready: Promise<void> } {
  const arrivals = new Map<number, number>();
  const ac = new AbortController();
  const ready = (async () => {
    const res = await fetch(new URL("/api/realtime", baseUrl), { headers: { cookie, accept: "text/event-stream" }, signal: ac.signal });
    if (res.status !== 200 || !res.body) throw new Error(`/api/realtime answered HTTP ${res.status}`);
    const reader = res.body.getReader();
    const decoder = new TextDecoder();
    let buffer = "";
    void (async () => {
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) return;
          const now = Date.now();
          buffer += decoder.decode(value, { stream: true });
          for (let cut = buffer.indexOf("\n\n"); cut >= 0; cut = buffer.indexOf("\n\n")) {
            const block = buffer.slice(0, cut);
            buffer = buffer.slice(cut + 2);
            const id = /^id: (\d+)$/m.exec(block)?.[1];
            if (id && !arrivals.has(Number(id))) arrivals.set(Number(id), now);
          }
        }
      } catch {
        /* aborted */
      }
    })();
  })();
  return { arrivals, close: () => ac.abort(), ready };
}

// Page scripts are strings: tsx (esbuild) decorates functions with helpers that do not exist in the page.
/** Records, in the page, when each switch toast is first on screen (keyed by its switch id). */
const WATCH_TOASTS = `(() => {
  window.__toastShownAt = {};
  const record = () => {
    for (const el of document.querySelectorAll('[data-testid="switch-toast"]')) {
      const id = el.dataset.switchId;
      if (!id || id in window.__toastShownAt) continue;
      window.__toastShownAt[id] = -1; // in the DOM; the time is taken when the frame is painted
      requestAnimationFrame(() => { window.__toastShownAt[id] = Date.now(); });
    }
  };
  new MutationObserver(record).observe(document.body, { childList: true, subtree: true });
})()`;

async function watchToasts(page: Page): Promise<void> {
  await page.evaluate(WATCH_TOASTS);
}

async function waitForToast(page: Page, id: number, timeoutMs: number): Promise<number> {
  const handle = await page.waitForFunction(
    `(() => { const t = window.__toastShownAt[${JSON.stringify(String(id))}]; return t !== undefined && t > 0 ? t : null; })()`,
    undefined,
    {
      timeout: timeoutMs,
      polling: "raf",
    },
  );
  return (await handle.jsonValue()) as number;
}

export async function measureSwitchToToast({
  baseUrl,
  serviceKey,
  userEmail = TOAST_USER_EMAIL,
  password = TOAST_USER_PASSWORD,
  useCase = TOAST_USE_CASE,
  switches = 50,
  models = [...MODELS],
  pauseMs = 800,
  log = () => {},
}: {
  baseUrl: string;
  serviceKey: string;
  userEmail?: string;
  password?: string;
  /** A use case in which the user has a conversation without a model override. */
  useCase?: string;
  switches?: number;
  /** Two models the use case's policy accepts; the switches alternate between them. */
  models?: [string, string] | string[];
  /**
   * Quiet time between switches, so each is measured alone; also keeps the rate under the page's burst folding
   * (more than 4 toasts within 3 s become one summary toast, which carries no switch id).
   */
  pauseMs?: number;
  log?: (line: string) => void;
}): Promise<ToastLatencyResult> {
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium" });
  let stream: ReturnType<typeof openNodeStream> | undefined;
  try {
    const context = await browser.newContext({ baseURL: baseUrl, viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    // Sign in through the real sign-in page, as a person would.
    await page.goto("/sign-in");
    await page.getByLabel("Email").fill(userEmail);
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await page.waitForURL(/\/chat/, { timeout: 30_000 });
    await page.locator('[data-testid="realtime-status"][data-state="open"]').waitFor({ state: "attached", timeout: 15_000 });
    await watchToasts(page);

    const session = (await context.cookies()).find((c) => c.name === "sb_session");
    if (!session) throw new Error("signed in, but no sb_session cookie");
    stream = openNodeStream(baseUrl, `sb_session=${session.value}`);
    await stream.ready;

    // Start from a known model, and check once that the user is in this switch's audience.
    const current = (await orchestrate(baseUrl, serviceKey, { action: "get-for-use-case", useCase })) as unknown as { currentModelId: string };
    let next = models[0] === current.currentModelId ? 1 : 0;
    const warm = await orchestrate(baseUrl, serviceKey, { action: "switch", useCase, modelId: models[next], reason: "toast latency warm-up" });
    next = 1 - next;
    await waitForToast(page, warm.switch!.id, 10_000).catch(() => {
      throw new Error(`${userEmail} got no toast for a switch of ${useCase}: do they have a conversation there without a model override?`);
    });

    const toast: number[] = [];
    const fromResponse: number[] = [];
    const event: number[] = [];
    const request: number[] = [];
    for (let i = 0; i < switches; i++) {
      await new Promise((r) => setTimeout(r, pauseMs));
      const sent = Date.now();
      const answer = await orchestrate(baseUrl, serviceKey, { action: "switch", useCase, modelId: models[next], reason: `toast latency ${i + 1}/${switches}` });
      const answered = Date.now();
      next = 1 - next;
      const id = answer.switch!.id;
      const shown = await waitForToast(page, id, 10_000);
      toast.push(shown - sent);
      fromResponse.push(shown - answered);
      request.push(answered - sent);
      const arrived = stream.arrivals.get(id);
      if (arrived !== undefined) event.push(arrived - sent);
      if ((i + 1) % 10 === 0) log(`[bench] toast latency: ${i + 1}/${switches}`);
    }
    const toastStats = stats(toast);
    return {
      switches,
      useCase,
      toast: toastStats,
      fromResponse: stats(fromResponse),
      event: stats(event),
      switchRequest: stats(request),
      target: { p95BelowMs: 500, pass: toastStats.p95 < 500 },
    };
  } finally {
    stream?.close();
    await browser.close();
  }
}

export function toastLatencyLines(r: ToastLatencyResult): string[] {
  const f = (s: LatencyStats) => `p50 ${s.p50} ms, p95 ${s.p95} ms, max ${s.max} ms`;
  return [
    `switch-to-toast latency over ${r.switches} switches of ${r.useCase} (Chromium, end user's chat page):`,
    `  toast on screen after the request:  ${f(r.toast)}   target p95 < ${r.target.p95BelowMs} ms: ${r.target.pass ? "PASS" : "FAIL"}`,
    `  toast after the switch's response:  ${f(r.fromResponse)}`,
    `  SSE event (Node client) on the wire: ${f(r.event)}`,
    `  the switch request itself:          ${f(r.switchRequest)}`,
  ];
}

// Standalone run.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const baseUrl = process.env.BASE_URL ?? "http://127.0.0.1:3000";
  const serviceKey = process.env.SERVICE_KEY ?? process.env.SWITCHBOARD_SERVICE_KEY;
  if (!serviceKey) {
    console.error("Set SERVICE_KEY (the server's service key).");
    process.exit(2);
  }
  measureSwitchToToast({
    baseUrl,
    serviceKey,
    userEmail: process.env.USER_EMAIL ?? "user@switchboard.local",
    password: process.env.PASSWORD ?? "switchboard",
    useCase: process.env.USE_CASE ?? "health",
    switches: Number(process.env.SWITCHES ?? 50),
    log: console.log,
  })
    .then((r) => {
      console.log(toastLatencyLines(r).join("\n"));
      process.exit(r.target.pass ? 0 : 1);
    })
    .catch((err) => {
      console.error(err);
      process.exit(1);
    });
}
