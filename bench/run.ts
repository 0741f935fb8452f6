// `npm run bench`: starts the production server on the embedded database, then on Postgres, and measures the
// orchestrate API through HTTP (closed loop). Not part of the tests. See bench/README.md.
// The servers run from a copy of .next so that a concurrent `next build` in the project cannot disturb them.
import { analyticsTable, runAnalyticsBench } from "./analytics";
import { measureSwitchToToast, toastLatencyLines } from "./toast-latency";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { runClosedLoop, postOnce } from "./load";
import {
  databaseTable,
  evaluateTargets,
  gatewayTable,
  gatewayTargets,
  machine,
  targetsTable,
  writeJson,
  type DatabaseResult,
  type ScenarioResult,
} from "./report";
import { runGatewayBench, startPortkey, startStandIn, switchboardAwsEnv, type GatewayResult } from "./gateway";
import { CpuMeter } from "./cpu";
import { privateBuild, ROOT, snapshotBuild, staleSources, startServer, type RunningServer } from "./server";
import { createPostgres, NOVA_LITE, NOVA_MICRO, scopeName, setupEmbedded } from "./setup-scopes";

const SERVICE_KEY = "bench-service-key-0123456789abcdef";
const DURATION_MS = Number(process.env.BENCH_DURATION_MS ?? 4000);
const WARMUP_MS = Number(process.env.BENCH_WARMUP_MS ?? 1000);
/** "embedded" | "postgres" | "gateway": run one section (default: all three). */
const ONLY = process.env.BENCH_ONLY;
/** Runs only the settings whose "action scope callers" contains this text, e.g. "switch distinct 16". */
const FILTER = process.env.BENCH_FILTER;
/** Another checkout of the app to measure (its own .next), e.g. for an A/B comparison; default this project. */
const APP_DIR = process.env.BENCH_APP_DIR ? path.resolve(process.env.BENCH_APP_DIR) : ROOT;
/** "fresh": build the current sources in a private copy first, instead of measuring the project's last build. */
const FRESH_BUILD = process.env.BENCH_BUILD === "fresh";
/** A folder for V8 CPU profiles of the servers (node --cpu-prof), written when each server stops. */
const PROFILE_DIR = process.env.BENCH_PROFILE ? path.resolve(process.env.BENCH_PROFILE) : undefined;
const ADMIN_URL = process.env.BENCH_DATABASE_URL || process.env.DATABASE_URL || "postgres://postgres@127.0.0.1:5432/postgres";
const RESULTS_FILE = path.join(ROOT, "bench", "results", "latest.json");
const API = "/api/orchestrate";
const HEADERS = { authorization: `Bearer ${SERVICE_KEY}` };

// ---- cleanup on every exit path --------------------------------------------------------------------------------
const cleanups: (() => Promise<void>)[] = [];
function onCleanup(fn: () => Promise<void>): () => Promise<void> {
  let done = false;
  const once = async () => {
    if (done) return;
    done = true;
    cleanups.splice(cleanups.indexOf(once), 1);
    await fn();
  };
  cleanups.push(once);
  return once;
}
async function cleanupAll(): Promise<void> {
  for (const fn of [...cleanups].reverse()) await fn().catch((err) => console.error("[bench] cleanup failed:", (err as Error).message));
}
let interrupted = false;
for (const sig of ["SIGINT", "SIGTERM"] as const) {
  process.on(sig, () => {
    if (interrupted) return;
    interrupted = true;
    console.error(`\n[bench] ${sig}: stopping the server and cleaning up`);
    void cleanupAll().finally(() => process.exit(130));
  });
}

// ---- scenarios -------------------------------------------------------------------------------------------------
type Scenario = {
  name: string;
  action: string;
  scope: ScenarioResult["scope"];
  concurrency: number;
  body: (caller: number, n: number) => string;
  headers?: Record<string, string>;
  expectStatus?: number;
};

const switchBody = (useCase: (caller: number) => string) => (caller: number, n: number) =>
  JSON.stringify({ action: "switch", useCase: useCase(caller), modelId: (n + caller) % 2 === 0 ? NOVA_MICRO : NOVA_LITE, reason: "bench" });

function scenarios(): Scenario[] {
  const list: Scenario[] = [];
  // The floor: Next's routing and the handler's JSON answer, no database (refused before any lookup).
  const noAuth = JSON.stringify({ action: "list-all" });
  for (const c of [1, 16])
    list.push({ name: "baseline: 401, no key", action: "baseline", scope: null, concurrency: c, body: () => noAuth, headers: {}, expectStatus: 401 });
  for (const c of [1, 16, 64]) list.push({ name: "switch, distinct scopes", action: "switch", scope: "distinct", concurrency: c, body: switchBody(scopeName) });
  for (const c of [1, 16, 64]) list.push({ name: "switch, shared scope", action: "switch", scope: "shared", concurrency: c, body: switchBody(() => "health") });
  const listAll = JSON.stringify({ action: "list-all" });
  for (const c of [1, 16]) list.push({ name: "list-all (cached)", action: "list-all", scope: null, concurrency: c, body: () => listAll });
  const validate = JSON.stringify({ action: "validate", modelId: NOVA_LITE, useCase: "health" });
  for (const c of [1, 16]) list.push({ name: "validate (with useCase)", action: "validate", scope: null, concurrency: c, body: () => validate });
  return FILTER ? list.filter((s) => `${s.action} ${s.scope ?? ""} ${s.concurrency}`.replace(/\s+/g, " ").includes(FILTER)) : list;
}

async function sanityCheck(server: RunningServer): Promise<void> {
  const list = await postOnce(server.url, API, HEADERS, JSON.stringify({ action: "list-all" }));
  const models = list.status === 200 ? (JSON.parse(list.body) as { models?: unknown[] }).models : undefined;
  if (!models?.length) throw new Error(`list-all did not answer with models: HTTP ${list.status} ${list.body.slice(0, 300)}`);
  const v = await postOnce(server.url, API, HEADERS, JSON.stringify({ action: "validate", modelId: NOVA_LITE, useCase: "health" }));
  if (v.status !== 200 || !(JSON.parse(v.body) as { valid?: boolean }).valid)
    throw new Error(`validate is not valid: HTTP ${v.status} ${v.body.slice(0, 500)}`);
  const s = await postOnce(server.url, API, HEADERS, JSON.stringify({ action: "switch", useCase: scopeName(0), modelId: NOVA_MICRO, reason: "bench sanity" }));
  if (s.status !== 200) throw new Error(`switch on ${scopeName(0)} failed: HTTP ${s.status} ${s.body.slice(0, 500)}`);
}

async function measure(
  server: RunningServer,
  database: DatabaseResult["database"],
  label: string,
  backendPids: () => Promise<number[]>,
): Promise<DatabaseResult> {
  await sanityCheck(server);
  const meter = new CpuMeter(server.pid, backendPids);
  const result: DatabaseResult = { database, label, serverStartMs: server.startMs, scenarios: [] };
  for (const s of scenarios()) {
    process.stdout.write(`[bench] ${database}: ${s.name}, ${s.concurrency} caller${s.concurrency === 1 ? "" : "s"} ... `);
    let before: ReturnType<CpuMeter["sample"]> | undefined;
    const stats = await runClosedLoop({
      url: server.url,
      path: API,
      headers: s.headers ?? HEADERS,
      expectStatus: s.expectStatus,
      concurrency: s.concurrency,
      warmupMs: WARMUP_MS,
      durationMs: DURATION_MS,
      body: s.body,
      onMeasureStart: () => {
        before = meter.sample();
      },
    });
    const cpu = before ? CpuMeter.use(await before, await meter.sample(), stats.count) : null;
    console.log(
      `${stats.count} requests, p50 ${stats.p50.toFixed(2)} ms, p99 ${stats.p99.toFixed(2)} ms, ${stats.rps.toFixed(0)}/s` +
        (cpu
          ? `, cpu/req server ${cpu.serverMsPerReq.toFixed(2)} ms pg ${cpu.databaseMsPerReq.toFixed(2)} ms, others ${cpu.otherCores.toFixed(2)} cores`
          : "") +
        (stats.errors ? `, ${stats.errors} ERRORS` : ""),
    );
    result.scenarios.push({ name: s.name, action: s.action, scope: s.scope, concurrency: s.concurrency, stats, cpu });
  }
  // After the load scenarios, so their switches do not interleave with the toasts being timed.
  if (process.env.BENCH_TOAST !== "0") {
    console.log(`[bench] ${database}: switch-to-toast, 50 switches (Chromium on an end user's chat page) ...`);
    result.toast = await measureSwitchToToast({ baseUrl: server.url, serviceKey: SERVICE_KEY, switches: 50 });
    console.log(toastLatencyLines(result.toast).join("\n"));
  }
  return result;
}

const baseEnv = (dataDir: string): Record<string, string> => ({
  SWITCHBOARD_DATA_DIR: dataDir,
  NEXT_DIST_DIR: "", // the servers run the .next of their app folder
  SWITCHBOARD_DEMO_DATA: "false",
  SWITCHBOARD_SERVICE_KEY: SERVICE_KEY,
  NEXT_TELEMETRY_DISABLED: "1",
  BEDROCK_MODE: "offline",
});

function tempDir(tag: string): { dir: string; remove: () => Promise<void> } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `sb-bench-${tag}-`));
  return { dir, remove: onCleanup(async () => fs.rmSync(dir, { recursive: true, force: true })) };
}

let appDir = ROOT;

async function withServer(
  env: Record<string, string>,
  database: DatabaseResult["database"],
  label: string,
  backendPids: () => Promise<number[]> = async () => [],
): Promise<DatabaseResult> {
  console.log(`[bench] starting next start (${label})`);
  const server = await startServer({ appDir, env, label, nodeArgs: PROFILE_DIR ? ["--cpu-prof", `--cpu-prof-dir=${PROFILE_DIR}`] : [] });
  const stop = onCleanup(() => server.stop());
  try {
    return await measure(server, database, label, backendPids);
  } catch (err) {
    console.error(`[bench] ${label}: last server output:\n${server.output()}`);
    throw err;
  } finally {
    await stop();
  }
}

async function benchEmbedded(): Promise<DatabaseResult> {
  const tmp = tempDir("embedded");
  try {
    const t0 = performance.now();
    await setupEmbedded(tmp.dir); // before the server: PGlite is one process per folder
    console.log(`[bench] embedded: database prepared in ${((performance.now() - t0) / 1000).toFixed(1)} s (${tmp.dir})`);
    return await withServer({ ...baseEnv(tmp.dir), DATABASE_URL: "" }, "embedded", "Embedded database (PGlite)");
  } finally {
    await tmp.remove();
  }
}

async function benchPostgres(): Promise<DatabaseResult> {
  const tmp = tempDir("postgres");
  try {
    const t0 = performance.now();
    const pg = await createPostgres(ADMIN_URL);
    const drop = onCleanup(pg.drop);
    try {
      console.log(`[bench] postgres: database ${pg.name} prepared in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
      return await withServer({ ...baseEnv(tmp.dir), DATABASE_URL: pg.url }, "postgres", `Postgres (${redact(pg.url)})`, pg.backendPids);
    } finally {
      await drop();
    }
  } finally {
    await tmp.remove();
  }
}

/**
 * Direct to the stand-in, through Portkey, and through Switchboard in the aws mode against the stand-in: as `npm start`
 * serves it (the lean front for /v1 and /bedrock) and as plain `next start`, each on a fresh embedded database.
 */
async function benchGateway(): Promise<GatewayResult> {
  const standIn = await startStandIn();
  const stopStandIn = onCleanup(() => standIn.stop());
  const portkey = await startPortkey();
  const stopPortkey = onCleanup(() => portkey.stop());
  const switchboard = (front: "lean" | "next") => async () => {
    const tmp = tempDir(`gateway-${front}`);
    await setupEmbedded(tmp.dir);
    const label = `Switchboard, ${front === "lean" ? "npm start (lean front)" : "next start"}, aws mode against the stand-in, embedded database`;
    console.log(`[bench] starting ${label}`);
    const env = { ...baseEnv(tmp.dir), DATABASE_URL: "", ...switchboardAwsEnv(standIn) };
    const server = await startServer({ appDir, env, label, front, nodeArgs: PROFILE_DIR ? ["--cpu-prof", `--cpu-prof-dir=${PROFILE_DIR}`] : [] });
    const stop = onCleanup(async () => {
      await server.stop();
      await tmp.remove();
    });
    return { ...server, stop };
  };
  try {
    return await runGatewayBench({
      label: `Gateways against the Bedrock stand-in (${standIn.url}); Switchboard's model health = Nova Lite, the others call Nova Lite`,
      standIn,
      portkey,
      switchboards: [
        { name: "switchboard", start: switchboard("lean") },
        { name: "switchboard-next", start: switchboard("next") },
      ],
      serviceKey: SERVICE_KEY,
      warmupMs: WARMUP_MS,
      durationMs: DURATION_MS,
    });
  } finally {
    await stopPortkey();
    await stopStandIn();
  }
}

function redact(url: string): string {
  const u = new URL(url);
  if (u.password) u.password = "***";
  return u.toString();
}

function buildId(): string | null {
  try {
    return fs.readFileSync(path.join(ROOT, ".next", "BUILD_ID"), "utf8").trim();
  } catch {
    return null;
  }
}

async function main(): Promise<number> {
  const started = new Date();
  const m = machine();
  console.log(`Switchboard benchmark, ${started.toISOString()}`);
  console.log(`machine: ${m.cores} cores (${m.cpu}), ${m.memoryGiB} GiB, node ${m.node}, ${m.platform}, load average ${m.loadAverage.join(" ")}`);
  console.log(`settings: closed loop, ${WARMUP_MS} ms warm-up then ${DURATION_MS} ms per setting, HTTP keep-alive, service key\n`);
  const snapshot = FRESH_BUILD ? privateBuild(APP_DIR) : await snapshotBuild({ root: APP_DIR });
  const stale = FRESH_BUILD ? [] : staleSources(APP_DIR);
  if (stale.length) {
    console.log(
      `[bench] NOTE: the build ${snapshot.buildId} is older than ${stale.length} source file(s) (${stale.slice(0, 4).join(", ")}${stale.length > 4 ? ", ..." : ""}); ` +
        "BENCH_BUILD=fresh measures the current sources (private build, about a minute more).",
    );
  }
  onCleanup(async () => snapshot.remove());
  appDir = snapshot.dir;
  const build = snapshot.buildId;

  const results: DatabaseResult[] = [];
  const failures: string[] = [];
  const runs: [DatabaseResult["database"], () => Promise<DatabaseResult>][] = [
    ["embedded", benchEmbedded],
    ["postgres", benchPostgres],
  ];
  let gateway: GatewayResult | undefined;
  for (const [name, run] of runs) {
    if (ONLY && ONLY !== name) continue;
    try {
      results.push(await run());
    } catch (err) {
      failures.push(`${name}: ${(err as Error).message}`);
      console.error(`[bench] ${name} failed: ${(err as Error).message}`);
    }
    if (interrupted) return 130;
  }

  if (!ONLY || ONLY === "gateway") {
    try {
      gateway = await benchGateway();
    } catch (err) {
      failures.push(`gateway: ${(err as Error).message}`);
      console.error(`[bench] gateway failed: ${(err as Error).message}`);
    }
  }
  if (interrupted) return 130;

  console.log("");
  for (const r of results) console.log(`${databaseTable(r)}\n`);
  if (gateway) console.log(`${gatewayTable(gateway)}\n`);
  const targets = [...evaluateTargets(results), ...(gateway ? gatewayTargets(gateway) : [])];
  console.log(`Targets\n${targetsTable(targets)}\n`);
  // Analytics at scale: every query behind the pages, timed against a database holding the generated million rows
  // (`npm run generate:load` into it first). Skipped unless BENCH_ANALYTICS_URL names that database.
  const analyticsUrl = process.env.BENCH_ANALYTICS_URL;
  if (analyticsUrl) {
    const analytics = await runAnalyticsBench({ databaseUrl: analyticsUrl });
    console.log(`Analytics queries (target p95 < 100 ms)\n${analyticsTable(analytics)}\n`);
    if (!analytics.passed) failures.push("analytics: a query missed its target");
  } else {
    console.log("[bench] analytics: set BENCH_ANALYTICS_URL to a database filled by `npm run generate:load` to time the analytics queries\n");
  }
  const errored = [
    ...results.flatMap((r) =>
      r.scenarios.filter((s) => s.stats.errors > 0).map((s) => ({ where: `${r.database} / ${s.name} / ${s.concurrency} callers`, stats: s.stats })),
    ),
    ...(gateway?.settings ?? [])
      .filter((s) => s.stats.errors > 0)
      .map((s) => ({ where: `gateway / ${s.leg} / ${s.stream ? "stream" : "json"} / ${s.concurrency} callers`, stats: s.stats })),
  ];
  for (const { where, stats } of errored) console.log(`ERRORS in ${where}: ${stats.errors}\n  ${stats.firstErrors.join("\n  ")}`);
  for (const f of failures) console.log(`FAILED ${f}`);
  if (!FRESH_BUILD && APP_DIR === ROOT && build !== buildId())
    console.log(`note: .next in the project was rebuilt during the run; the benchmark ran on a copy of build ${build}.`);
  console.log(`machine: ${m.cores} cores, node ${m.node}; date ${started.toISOString()}; took ${((Date.now() - started.getTime()) / 1000).toFixed(0)} s`);

  const report = {
    date: started.toISOString(),
    machine: { ...m, loadAverageAtEnd: machine().loadAverage },
    settings: {
      warmupMs: WARMUP_MS,
      durationMs: DURATION_MS,
      mode: "closed loop, HTTP keep-alive",
      buildId: build,
      freshBuild: FRESH_BUILD,
      appDir: APP_DIR,
      staleSources: stale.length,
    },
    results,
    gateway,
    targets,
    failures,
  };
  writeJson(RESULTS_FILE, report);
  if (gateway) writeJson(path.join(path.dirname(RESULTS_FILE), `gateway-${started.toISOString().replace(/[:.]/g, "-")}.json`), report);
  console.log(`results: ${path.relative(process.cwd(), RESULTS_FILE)}`);
  return failures.length || errored.length ? 1 : 0;
}

main()
  .then(async (code) => {
    await cleanupAll();
    process.exit(code);
  })
  .catch(async (err) => {
    console.error("[bench] failed:", err);
    await cleanupAll();
    process.exit(1);
  });
