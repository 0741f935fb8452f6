// `npm run generate:load`: writes a year of load-test history into the configured database (DATABASE_URL, else the
// embedded database in SWITCHBOARD_DATA_DIR or .data): 1,000,000 switches and 1,000,000 invocations by default.
//
//   npm run generate:load -- [--switches N] [--invocations N] [--days D] [--users N] [--force]
//
// Uses db/ only (server/ is server-only and refuses to load outside Next.js). What it writes is consistent:
// - every scope's switches form one unbroken previous → new chain that ends on the scope's model: a use case's
//   current model (its chain is placed before any history it already has, so existing rows and the current
//   assignment stay as they are), or a new conversation's override;
// - every invocation is served by the model its scope had at that moment, priced from the catalog;
// - the rollups stay right because the database's own triggers keep them (rows go in with multi-row inserts of
//   5,000 rows each, each scope's in time order, so each statement's trigger sees the scope's previous switch).
// Accounts it creates (load-*@load.switchboard.local) have no usable password.
import { performance } from "node:perf_hooks";
import { migrateDatabase, openEmbedded, openPostgres, type DatabaseHandle } from "../db/client";
import { seedCatalogAndUseCases } from "../db/seed";
import { bulkInsert } from "../db/bulk-insert";
import { bedrockModelSwitches, invocations } from "../db/schema";
import { tokenCostUsd } from "../lib/cost";
import { createRandom, type Random } from "../db/seed/random";
import type { SwitchScope, SwitchTrigger, SwitchType } from "../lib/enums";

type Options = { switches: number; invocations: number; days: number; users: number; force: boolean; seed: number };

const DAY = 86_400_000;
const BATCH = 5_000;
const MARKER = "load_generated";
const ADMINS = 3;
const CONVERSATIONS_PER_USER = 3;
/** Share of switches on conversation scopes (end users' own choices); the rest go to the use cases. */
const CONVERSATION_SHARE = 0.4;
/** Share of invocations made inside a conversation rather than by a backend for the use case. */
const CONVERSATION_TRAFFIC = 0.15;

const MANUAL_REASONS = [
  "Quality review: better answers on long documents",
  "Cost review: cheaper model is good enough",
  "Latency complaints from the support team",
  "Evaluation run finished: new model wins",
  "Budget alert for this month",
];
const AUTO_REASONS = [
  "Policy ranking: better score under the use-case objective",
  "Detected use case from message content",
  "Cheaper model within the policy's quality floor",
];
const FALLBACK_ERRORS = ["ThrottlingException", "ThrottlingException", "ServiceUnavailableException", "ModelTimeoutException"];
const USER_REASONS = ["Picked a model for this conversation", "Wanted faster answers", "Wanted more thorough answers"];
const TRAFFIC: Record<string, { weight: number; inMean: number; outMean: number }> = {
  clinical: { weight: 0.2, inMean: 1900, outMean: 520 },
  health: { weight: 0.35, inMean: 900, outMean: 340 },
  operations: { weight: 0.25, inMean: 1300, outMean: 420 },
  general: { weight: 0.2, inMean: 700, outMean: 300 },
};

function parseArgs(argv: string[]): Options {
  const opts: Options = { switches: 1_000_000, invocations: 1_000_000, days: 365, users: 200, force: false, seed: 7_301 };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--force") {
      opts.force = true;
      continue;
    }
    const key = arg.replace(/^--/, "") as keyof Options;
    const value = Number(argv[++i]);
    if (!["switches", "invocations", "days", "users", "seed"].includes(key) || !Number.isInteger(value) || value < 0) {
      throw new Error(`Unknown or bad option ${arg} ${argv[i] ?? ""}. Usage: generate-load [--switches N] [--invocations N] [--days D] [--users N] [--force]`);
    }
    (opts as Record<string, number | boolean>)[key] = value;
  }
  if (opts.days < 1 || opts.users < 1) throw new Error("--days and --users must be at least 1");
  return opts;
}

async function open(): Promise<DatabaseHandle> {
  const url = process.env.DATABASE_URL?.trim();
  if (url) return openPostgres(url, { max: 4 });
  // openEmbedded takes the folder's lock: a running server on the same folder makes this stop with a clear message.
  return openEmbedded(process.env.SWITCHBOARD_DATA_DIR?.trim() || ".data");
}

// ---- scopes and their chains -----------------------------------------------------------------------------------

type Scope = {
  useCase: string;
  conversationId: string | null;
  ownerId: string | null;
  endModel: string;
  pool: string[];
  fallbackChain: string[];
  /** [start, end) of the generated switches. */
  start: number;
  end: number;
  count: number;
};

/** One scope's generated chain in compact form: times ascending and the model after each switch. */
type Timeline = { times: Float64Array; models: string[]; before: string };

type SwitchRow = {
  user_id: string | null;
  actor: string;
  scope: SwitchScope;
  use_case: string;
  conversation_id: string | null;
  previous_model_id: string;
  new_model_id: string;
  reason: string;
  switch_type: SwitchType;
  trigger: SwitchTrigger;
  error_code: string | null;
  notification_shown: boolean;
  timestamp: string;
};

/** Models after each switch, walked backwards so that the chain ends exactly on the scope's model. */
function chainModels(scope: Scope, rnd: Random): string[] {
  const models = new Array<string>(scope.count + 1);
  models[scope.count] = scope.endModel;
  for (let i = scope.count - 1; i >= 0; i--) {
    const others = scope.pool.filter((m) => m !== models[i + 1]);
    models[i] = rnd.pick(others.length ? others : scope.pool);
  }
  return models;
}

function sortedTimes(scope: Scope, rnd: Random): Float64Array {
  const times = new Float64Array(scope.count);
  for (let i = 0; i < scope.count; i++) times[i] = scope.start + rnd.next() * (scope.end - scope.start);
  return times.sort();
}

/**
 * The switch rows of one scope, in time order, with types that read like real operations. Made one at a time as the
 * writer takes them, so a million rows never sit in memory at once.
 */
function* scopeRows(scope: Scope, times: Float64Array, models: string[], adminIds: string[], rnd: Random): Generator<SwitchRow> {
  let prev: SwitchRow | undefined;
  for (let i = 0; i < scope.count; i++) {
    const previous = models[i]!;
    const next = models[i + 1]!;
    const base = {
      scope: scope.conversationId ? ("conversation" as const) : ("use_case" as const),
      use_case: scope.useCase,
      conversation_id: scope.conversationId,
      previous_model_id: previous,
      new_model_id: next,
      notification_shown: rnd.chance(0.9),
      timestamp: new Date(times[i]!).toISOString(),
      error_code: null,
    };
    if (scope.conversationId) {
      const auto = rnd.chance(0.2);
      prev = {
        ...base,
        user_id: scope.ownerId,
        actor: auto ? "policy" : "user",
        switch_type: auto ? "auto" : "manual",
        trigger: auto ? "detection" : "user",
        reason: auto ? AUTO_REASONS[1]! : rnd.pick(USER_REASONS),
      };
      yield prev;
      continue;
    }
    const isRevert = prev?.switch_type === "auto" && prev.previous_model_id === next;
    const inChain = scope.fallbackChain.includes(next);
    const roll = rnd.next();
    if (!isRevert && inChain && roll < 0.35) {
      const code = rnd.pick(FALLBACK_ERRORS);
      prev = {
        ...base,
        user_id: null,
        actor: "invoke-path",
        switch_type: "fallback",
        trigger: "bedrock_error",
        error_code: code,
        reason: `Fallback after ${code} from ${previous}`,
      };
      yield prev;
    } else if (isRevert || roll < (inChain ? 0.6 : 0.4)) {
      const byService = rnd.chance(0.2);
      prev = {
        ...base,
        user_id: byService ? null : rnd.pick(adminIds),
        actor: byService ? "service" : "admin",
        switch_type: "manual",
        trigger: byService ? "service" : "admin",
        reason: isRevert ? "Reverted auto-switch: quality regression reported" : rnd.pick(MANUAL_REASONS),
      };
      yield prev;
    } else {
      const detected = rnd.chance(0.3);
      prev = { ...base, user_id: null, actor: "policy", switch_type: "auto", trigger: detected ? "detection" : "policy", reason: rnd.pick(AUTO_REASONS) };
      yield prev;
    }
  }
}

/** The model a timeline had at time t. */
function modelAt(tl: Timeline, t: number): string {
  let lo = 0;
  let hi = tl.times.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (tl.times[mid]! <= t) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found === -1 ? tl.before : tl.models[found]!;
}

/** Splits `total` into parts proportional to `weights`, exactly. */
function apportion(total: number, weights: number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0) || 1;
  const raw = weights.map((w) => (total * w) / sum);
  const parts = raw.map(Math.floor);
  let rest = total - parts.reduce((a, b) => a + b, 0);
  const order = raw.map((r, i) => [r - Math.floor(r), i] as const).sort((a, b) => b[0] - a[0]);
  for (let k = 0; rest > 0; k = (k + 1) % order.length, rest--) parts[order[k]![1]]! += 1;
  return parts;
}

// ---- inserts ---------------------------------------------------------------------------------------------------

const TTY = process.stdout.isTTY === true;
/** One line rewritten in place on a terminal; every 100,000 rows (and the last) in a log file. */
function progress(label: string, done: number, total: number, started: number): void {
  const secs = (performance.now() - started) / 1000;
  const line = `[generate-load] ${label}: ${done.toLocaleString("en-US")} / ${total.toLocaleString("en-US")} (${secs.toFixed(1)} s)`;
  if (TTY) process.stdout.write(`\r${line}   ${done === total ? "\n" : ""}`);
  else if (done === total || done % 100_000 < BATCH) console.log(line);
}

// ---- main ------------------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const opts = parseArgs(process.argv.slice(2));
  const handle = await open();
  const t0 = performance.now();
  try {
    console.log(`[generate-load] ${handle.kind === "postgres" ? "Postgres (DATABASE_URL)" : "embedded database"}: migrating`);
    await migrateDatabase(handle);
    await seedCatalogAndUseCases(handle.db);
    const [marker] = await handle.rows<{ value: unknown }>("select value from app_state where key = $1", [MARKER]);
    if (marker && !opts.force) {
      console.log(`[generate-load] this database already holds generated load (${JSON.stringify(marker.value)}); pass --force to add more.`);
      return;
    }
    await generate(handle, opts);
    await handle.rows(
      `insert into app_state (key, value) values ($1, $2::jsonb)
       on conflict (key) do update set value = excluded.value, updated_at = now()`,
      [MARKER, JSON.stringify({ at: new Date().toISOString(), switches: opts.switches, invocations: opts.invocations, days: opts.days })],
    );
    console.log(`[generate-load] done in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  } finally {
    await handle.close();
  }
}

async function generate(handle: DatabaseHandle, opts: Options): Promise<void> {
  const rnd = createRandom(opts.seed);
  const now = Date.now();

  // Accounts: a few admins who switch use cases, and end users who pick models for their conversations.
  const emails = [
    ...Array.from({ length: ADMINS }, (_, i) => ({ email: `load-admin-${i + 1}@load.switchboard.local`, name: `Load Admin ${i + 1}`, role: "admin" })),
    ...Array.from({ length: opts.users }, (_, i) => {
      const n = String(i + 1).padStart(4, "0");
      return { email: `load-user-${n}@load.switchboard.local`, name: `Load User ${n}`, role: "user" };
    }),
  ];
  await handle.rows(
    `insert into accounts (email, name, role, password_hash)
     select email, name, role::account_role, '!' from jsonb_to_recordset($1::jsonb) as x(email text, name text, role text)
     on conflict (email) do nothing`,
    [JSON.stringify(emails)],
  );
  const people = await handle.rows<{ id: string; email: string; role: string }>(
    "select id, email, role::text as role from accounts where email like 'load-%@load.switchboard.local' order by email",
  );
  const adminIds = people.filter((p) => p.role === "admin").map((p) => p.id);
  const userIds = people
    .filter((p) => p.role === "user")
    .map((p) => p.id)
    .slice(0, opts.users);

  const models = await handle.rows<{
    model_id: string;
    input: string | number;
    output: string | number;
    tier: number;
    use_cases: string[];
    geo_scope: string;
    enabled: boolean;
  }>(
    `select model_id, input_price_per_mtok as input, output_price_per_mtok as output, quality_tier as tier, use_cases,
       geo_scope::text as geo_scope, enabled from bedrock_models`,
  );
  const prices = new Map(models.map((m) => [m.model_id, { input: Number(m.input), output: Number(m.output), tier: m.tier }]));
  const cases = await handle.rows<{ name: string; current_model_id: string }>("select name, current_model_id from use_cases order by name");
  const chains = await handle.rows<{ use_case: string; model_id: string }>("select use_case, model_id from use_case_fallbacks order by use_case, position");
  const poolFor = (name: string, current: string) =>
    [
      ...new Set([
        current,
        ...chains.filter((c) => c.use_case === name).map((c) => c.model_id),
        ...models.filter((m) => m.enabled && m.use_cases.includes(name) && (m.geo_scope === "eu" || m.geo_scope === "in-region")).map((m) => m.model_id),
      ]),
    ].slice(0, 7);

  // Use-case scopes: the generated chain ends a day before the scope's first existing switch (on that switch's
  // previous model), so the history already there and the current assignment stay exactly as they are.
  const firsts = await handle.rows<{ use_case: string; first_at: Date | string; previous_model_id: string | null }>(
    `select distinct on (use_case) use_case, "timestamp" as first_at, previous_model_id
     from bedrock_model_switches where conversation_id is null order by use_case, "timestamp", id`,
  );
  const useCaseCount = Math.round(opts.switches * (cases.length ? 1 - CONVERSATION_SHARE : 0));
  const perCase = apportion(
    useCaseCount,
    cases.map((c) => TRAFFIC[c.name]?.weight ?? 0.1),
  );
  const scopes: Scope[] = cases.map((c, i) => {
    const first = firsts.find((f) => f.use_case === c.name);
    const end = first ? new Date(first.first_at).getTime() - DAY : now;
    return {
      useCase: c.name,
      conversationId: null,
      ownerId: null,
      endModel: first?.previous_model_id ?? c.current_model_id,
      pool: poolFor(c.name, c.current_model_id),
      fallbackChain: chains.filter((f) => f.use_case === c.name).map((f) => f.model_id),
      start: end - opts.days * DAY,
      end,
      count: perCase[i]!,
    };
  });

  // Conversation scopes: new conversations of the generated users, each ending on its own override.
  const convSpecs = userIds.flatMap((userId, u) =>
    Array.from({ length: CONVERSATIONS_PER_USER }, (_, k) => {
      const useCase = cases[(u + k) % Math.max(1, cases.length)]!;
      const pool = poolFor(useCase.name, useCase.current_model_id).slice(0, 4);
      return { user_id: userId, use_case: useCase.name, title: `Load test conversation ${u + 1}.${k + 1}`, model_override_id: rnd.pick(pool), pool };
    }),
  );
  const convRows: { id: string; user_id: string; use_case: string; model_override_id: string }[] = [];
  for (let i = 0; i < convSpecs.length; i += BATCH) {
    const slice = convSpecs.slice(i, i + BATCH);
    convRows.push(
      ...(await handle.rows<{ id: string; user_id: string; use_case: string; model_override_id: string }>(
        `insert into conversations (user_id, use_case, title, model_override_id, created_at, updated_at)
         select user_id, use_case, title, model_override_id, $2::timestamptz, now()
         from jsonb_to_recordset($1::jsonb) as x(user_id uuid, use_case text, title text, model_override_id text)
         returning id, user_id, use_case, model_override_id`,
        [JSON.stringify(slice.map(({ pool: _pool, ...rest }) => rest)), new Date(now - opts.days * DAY - DAY).toISOString()],
      )),
    );
  }
  const perConv = apportion(
    opts.switches - useCaseCount,
    convRows.map(() => 1),
  );
  convRows.forEach((c, i) => {
    scopes.push({
      useCase: c.use_case,
      conversationId: c.id,
      ownerId: c.user_id,
      endModel: c.model_override_id,
      pool: convSpecs[i]!.pool,
      fallbackChain: [],
      start: now - opts.days * DAY,
      end: now,
      count: perConv[i]!,
    });
  });

  // Generate every scope's chain, then write all switches in global time order.
  const timelines = new Map<string, Timeline>();
  const streams: { rows: Generator<SwitchRow>; count: number }[] = [];
  for (const scope of scopes) {
    const times = sortedTimes(scope, rnd);
    const chain = chainModels(scope, rnd);
    streams.push({ rows: scopeRows(scope, times, chain, adminIds, rnd), count: scope.count });
    timelines.set(scope.conversationId ?? `uc:${scope.useCase}`, { times, models: chain.slice(1), before: chain[0]! });
  }
  // Two writers, each a k-way merge by time over its own half of the scopes (no million-element sorted copy). A
  // scope lives in one writer only, so its rows still commit in time order (the rollup trigger looks up each
  // scope's previous switch); the shared rollup rows are upserted in key order by both, so they never deadlock.
  const started = performance.now();
  let written = 0;
  const total = streams.reduce((n, st) => n + st.count, 0);
  const groups: number[][] = [[], []];
  const load = [0, 0];
  [...streams.keys()]
    .sort((a, b) => streams[b]!.count - streams[a]!.count)
    .forEach((i) => {
      const g = load[0]! <= load[1]! ? 0 : 1;
      groups[g]!.push(i);
      load[g]! += streams[i]!.count;
    });
  const writer = async (scopeIndexes: number[]) => {
    const current = new Map<number, SwitchRow>();
    const advance = (i: number) => {
      const next = streams[i]!.rows.next();
      if (next.done) current.delete(i);
      else current.set(i, next.value);
      return !next.done;
    };
    const heap = new MinHeap<number>((a, b) => current.get(a)!.timestamp < current.get(b)!.timestamp);
    for (const i of scopeIndexes) if (advance(i)) heap.push(i);
    let batch: SwitchRow[] = [];
    // One insert in flight while the next batch is built: the database and this process work at the same time.
    let inFlight: Promise<void> = Promise.resolve();
    const flush = async () => {
      if (!batch.length) return;
      const insert = bulkInsert(bedrockModelSwitches, batch);
      const size = batch.length;
      batch = [];
      await inFlight;
      inFlight = (async () => {
        await handle.db.execute(insert);
        const before = written;
        written += size;
        progress("switches", written, total, started);
        // Keep the planner's statistics current while the table grows from nothing: the trigger's lookup of a
        // scope's previous switch is an index probe only once the planner knows the table is large.
        if (before === 0 || Math.floor(written / 100_000) > Math.floor(before / 100_000)) await handle.rows("analyze bedrock_model_switches");
      })();
    };
    while (heap.size) {
      const i = heap.pop()!;
      batch.push(current.get(i)!);
      if (advance(i)) heap.push(i);
      if (batch.length === BATCH) await flush();
    }
    await flush();
    await inFlight;
  };
  await Promise.all(groups.map(writer));

  // The use cases' existing history (if any) joins their timelines, so invocations in that period use its models.
  for (const c of cases) {
    const existing = await handle.rows<{ at: Date | string; new_model_id: string }>(
      `select "timestamp" as at, new_model_id from bedrock_model_switches
       where use_case = $1 and conversation_id is null and "timestamp" > $2::timestamptz order by "timestamp", id`,
      [c.name, new Date(scopes.find((s) => s.useCase === c.name && !s.conversationId)!.end).toISOString()],
    );
    if (!existing.length) continue;
    const tl = timelines.get(`uc:${c.name}`)!;
    const times = new Float64Array(tl.times.length + existing.length);
    times.set(tl.times);
    for (const [k, e] of existing.entries()) times[tl.times.length + k] = new Date(e.at).getTime();
    timelines.set(`uc:${c.name}`, { times, models: [...tl.models, ...existing.map((e) => e.new_model_id)], before: tl.before });
  }

  // Invocations: day by day (weekends quieter), in time order, each on the model its scope had at that moment.
  const dayWeights = Array.from({ length: opts.days }, (_, d) => {
    const weekday = new Date(now - (opts.days - d) * DAY).getUTCDay();
    return (weekday === 0 || weekday === 6 ? 0.55 : 1) * (0.8 + rnd.next() * 0.4);
  });
  const perDay = apportion(opts.invocations, dayWeights);
  const caseWeights = cases.map((c) => TRAFFIC[c.name]?.weight ?? 0.1);
  const caseTotal = caseWeights.reduce((a, b) => a + b, 0);
  const convsByCase = new Map<string, typeof convRows>();
  for (const c of convRows) convsByCase.set(c.use_case, [...(convsByCase.get(c.use_case) ?? []), c]);
  const invStarted = performance.now();
  let invWritten = 0;
  let invBatch: Record<string, unknown>[] = [];
  // Invocations have no order to keep: two inserts run at once (two connections) while the next batch is built.
  const running = new Set<Promise<void>>();
  const invFlush = async () => {
    if (!invBatch.length) return;
    const insert = bulkInsert(invocations, invBatch);
    const size = invBatch.length;
    invBatch = [];
    while (running.size >= 2) await Promise.race(running);
    const p: Promise<void> = handle.db.execute(insert).then(() => {
      running.delete(p);
      invWritten += size;
      progress("invocations", invWritten, opts.invocations, invStarted);
    });
    running.add(p);
  };
  for (let d = 0; d < opts.days && cases.length; d++) {
    const dayStart = now - (opts.days - d) * DAY;
    const times = new Float64Array(perDay[d]!);
    for (let i = 0; i < times.length; i++) times[i] = dayStart + rnd.next() * DAY;
    times.sort();
    for (const t of times) {
      let roll = rnd.next() * caseTotal;
      let ci = 0;
      while (ci < cases.length - 1 && roll >= caseWeights[ci]!) roll -= caseWeights[ci++]!;
      const useCase = cases[ci]!.name;
      const convs = convsByCase.get(useCase);
      const conv = convs?.length && rnd.chance(CONVERSATION_TRAFFIC) ? rnd.pick(convs) : null;
      const modelId = modelAt(timelines.get(conv ? conv.id : `uc:${useCase}`)!, t);
      const price = prices.get(modelId) ?? { input: 0, output: 0, tier: 3 };
      const profile = TRAFFIC[useCase] ?? { weight: 0.1, inMean: 800, outMean: 300 };
      const failed = rnd.chance(0.03);
      const inputTokens = failed ? 0 : Math.round(rnd.normal(profile.inMean, profile.inMean * 0.35, 20));
      const outputTokens = failed ? 0 : Math.round(rnd.normal(profile.outMean, profile.outMean * 0.4, 5));
      invBatch.push({
        model_id: modelId,
        use_case: useCase,
        conversation_id: conv?.id ?? null,
        user_id: conv?.user_id ?? null,
        input_tokens: inputTokens,
        output_tokens: outputTokens,
        latency_ms: Math.round(failed ? rnd.normal(900, 400, 30) : rnd.normal(250 + price.tier * 180 + outputTokens * 2, 120, 80)),
        outcome: failed ? "throttled" : "success",
        error_code: failed ? "ThrottlingException" : null,
        input_price_per_mtok: price.input,
        output_price_per_mtok: price.output,
        cost_usd: tokenCostUsd({ inputTokens, outputTokens }, { inputPricePerMTok: price.input, outputPricePerMTok: price.output }),
        created_at: new Date(Math.min(t, now)).toISOString(),
      });
      if (invBatch.length === BATCH) await invFlush();
    }
  }
  await invFlush();
  await Promise.all(running);

  // Fresh statistics and visibility maps: the planner then knows the tables' sizes and index-only scans work.
  console.log("[generate-load] vacuum analyze");
  await Promise.all(["bedrock_model_switches", "invocations"].map((table) => handle.rows(`vacuum analyze ${table}`)));
  for (const table of ["switch_daily_counts", "invocation_daily_counts", "user_model_switch_counts", "conversations", "accounts"]) {
    await handle.rows(`analyze ${table}`);
  }
}

/** A small binary heap: the merge of the scopes' time-ordered rows. */
class MinHeap<T> {
  private items: T[] = [];
  constructor(private readonly less: (a: T, b: T) => boolean) {}
  get size(): number {
    return this.items.length;
  }
  push(item: T): void {
    const a = this.items;
    a.push(item);
    let i = a.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.less(a[i]!, a[parent]!)) break;
      [a[i], a[parent]] = [a[parent]!, a[i]!];
      i = parent;
    }
  }
  pop(): T | undefined {
    const a = this.items;
    const top = a[0];
    const last = a.pop();
    if (a.length && last !== undefined) {
      a[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && this.less(a[l]!, a[m]!)) m = l;
        if (r < a.length && this.less(a[r]!, a[m]!)) m = r;
        if (m === i) break;
        [a[i], a[m]] = [a[m]!, a[i]!];
        i = m;
      }
    }
    return top;
  }
}

main().catch((err: unknown) => {
  console.error(`\n[generate-load] failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
