// The analytics queries behind the History, Costs, Adoption and Overview pages, timed against a database that holds
// the generated million rows (`npm run generate:load` with DATABASE_URL pointing at it). Each query runs ~20 times
// after two warm-up runs; p50 and p95 are reported, and each page's queries are timed together as the page runs
// them (in parallel). The target: every query under 100 ms at p95 on Postgres.
//
//   tsx bench/analytics.ts [postgres://…]        (default: $BENCH_ANALYTICS_URL, $DATABASE_URL)
//   import { runAnalyticsBench } from "./analytics"; await runAnalyticsBench({ databaseUrl })
//
// The queries live in server/analytics (server-only); a module hook stands in for the "server-only" package, which
// throws outside Next.js' react-server condition, so that the very functions the pages call are the ones timed.
import { register } from "node:module";
import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";

register(
  `data:text/javascript,${encodeURIComponent(
    `export async function resolve(specifier, context, next) {
       if (specifier === "server-only") return { url: "data:text/javascript,", shortCircuit: true };
       return next(specifier, context);
     }`,
  )}`,
);

export type QueryTiming = { name: string; page: string; runs: number; p50: number; p95: number; min: number; max: number; rows: number };
export type AnalyticsBenchResult = {
  database: { kind: "postgres"; switches: number; invocations: number; rollupRows: number };
  queries: QueryTiming[];
  /** Every query under the target at p95. */
  passed: boolean;
  targetMs: number;
};

const TARGET_MS = 100;

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return 0;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

async function time(fn: () => Promise<unknown>, runs: number): Promise<{ samples: number[]; rows: number }> {
  let rows = 0;
  for (let i = 0; i < 2; i++) await fn(); // warm-up: plans cached, pages in memory
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const out = await fn();
    samples.push(performance.now() - t0);
    rows = Array.isArray(out) ? out.length : typeof out === "number" ? 1 : out && typeof out === "object" ? Object.keys(out).length : 0;
  }
  return { samples: samples.sort((a, b) => a - b), rows };
}

export async function runAnalyticsBench({
  databaseUrl,
  runs = 20,
  log = (line: string) => console.log(line),
}: {
  databaseUrl: string;
  runs?: number;
  log?: (line: string) => void;
}): Promise<AnalyticsBenchResult> {
  const { openPostgres } = await import("../db/client");
  const history = await import("../server/analytics/history");
  const adoption = await import("../server/analytics/adoption");
  const costs = await import("../server/costs/monthly-cost");
  const overview = await import("../server/analytics/overview");
  const exporter = await import("../server/analytics/export");
  const range = await import("../lib/date-range");

  const handle = await openPostgres(databaseUrl, { max: 10 });
  try {
    const db = handle.db;
    const [counts] = await handle.rows<{ switches: string; invocations: string; rollup: string }>(
      `select (select count(*) from bedrock_model_switches) as switches, (select count(*) from invocations) as invocations,
              (select count(*) from switch_daily_counts) + (select count(*) from invocation_daily_counts) as rollup`,
    );
    const database = {
      kind: "postgres" as const,
      switches: Number(counts?.switches ?? 0),
      invocations: Number(counts?.invocations ?? 0),
      rollupRows: Number(counts?.rollup ?? 0),
    };
    log(
      `[analytics-bench] ${database.switches.toLocaleString("en-US")} switches, ${database.invocations.toLocaleString("en-US")} invocations, ${database.rollupRows.toLocaleString("en-US")} rollup rows`,
    );
    if (database.switches < 900_000 || database.invocations < 900_000) {
      log("[analytics-bench] warning: fewer than a million rows; run `npm run generate:load` against this database first.");
    }

    const now = new Date();
    const today = range.dayOf(now);
    const last30 = range.lastDays(today, 30);
    const last90 = range.lastDays(today, 90);
    const last365 = range.lastDays(today, 365);
    // The busiest switching account (an admin), the busiest model, and a row in the middle of the log: realistic
    // worst cases for the user filter, the model filter and a deep page.
    const [busyUser] = await handle.rows<{ user_id: string }>(
      "select user_id from user_model_preferences group by user_id order by sum(switch_count) desc limit 1",
    );
    const [busyModel] = await handle.rows<{ new_model_id: string }>(
      "select new_model_id from switch_daily_counts group by 1 order by sum(switches) desc limit 1",
    );
    const [middle] = await handle.rows<{ id: string }>(
      `select id from bedrock_model_switches where "timestamp" >= $1 order by "timestamp" desc, id desc offset 40000 limit 1`,
      [range.rangeInstants(last365).start.toISOString()],
    );
    const userFilter = { ...last30, user: busyUser?.user_id };
    const modelTypeFilter = { ...last365, model: busyModel?.new_model_id, type: "auto" as const };
    const total30 = await history.countSwitches({ db, filter: last30 });

    const cases: { page: string; name: string; fn: () => Promise<unknown> }[] = [
      { page: "History", name: "count, last 30 days", fn: () => history.countSwitches({ db, filter: last30 }) },
      { page: "History", name: "count, last 365 days", fn: () => history.countSwitches({ db, filter: last365 }) },
      { page: "History", name: "count, 365 days, model + type", fn: () => history.countSwitches({ db, filter: modelTypeFilter }) },
      { page: "History", name: "count, 30 days, busiest user", fn: () => history.countSwitches({ db, filter: userFilter }) },
      { page: "History", name: "first page, last 30 days", fn: () => history.switchPage({ db, filter: last30, position: { kind: "first" }, total: total30 }) },
      {
        page: "History",
        name: "first page, 365 days, model + type",
        fn: () => history.switchPage({ db, filter: modelTypeFilter, position: { kind: "first" }, total: 0 }),
      },
      {
        page: "History",
        name: "first page, 30 days, busiest user",
        fn: () => history.switchPage({ db, filter: userFilter, position: { kind: "first" }, total: 0 }),
      },
      {
        page: "History",
        name: "deep page (row 40,000 of 365 days)",
        fn: () => history.switchPage({ db, filter: last365, position: { kind: "older", id: Number(middle?.id ?? 1) }, total: 0 }),
      },
      {
        page: "History",
        name: "newer page (row 40,000)",
        fn: () => history.switchPage({ db, filter: last365, position: { kind: "newer", id: Number(middle?.id ?? 1) }, total: 0 }),
      },
      { page: "History", name: "oldest page, last 30 days", fn: () => history.switchPage({ db, filter: last30, position: { kind: "last" }, total: total30 }) },
      { page: "History", name: "charts, last 30 days (daily)", fn: () => history.switchChartPoints({ db, filter: last30, bucket: "day" }) },
      { page: "History", name: "charts, last 365 days (weekly)", fn: () => history.switchChartPoints({ db, filter: last365, bucket: "week" }) },
      {
        page: "History",
        name: "charts, 90 days, busiest user",
        fn: () => history.switchChartPoints({ db, filter: { ...last90, user: busyUser?.user_id }, bucket: "day" }),
      },
      { page: "History", name: "filter options", fn: () => history.historyFilterOptions({ db }) },
      {
        page: "History",
        name: "CSV export, one 2,000-row batch",
        fn: async () => {
          const it = exporter.switchCsvChunks({ db, filter: last30 });
          await it.next(); // header
          const batch = await it.next();
          await it.return(undefined);
          return batch.value;
        },
      },
      // The query is what is timed: pricing the figures (an empty catalog here) is arithmetic.
      { page: "Costs", name: "use-case monthly costs (30-day traffic)", fn: () => costs.monthlyCostFigures({ db, now, catalog: [] }) },
      { page: "Adoption", name: "adoption per model, all time", fn: () => adoption.adoptionByModel({ db, range: null }) },
      { page: "Adoption", name: "adoption per model, 30 days", fn: () => adoption.adoptionByModel({ db, range: last30 }) },
      { page: "Adoption", name: "auto kept/reverted, all time", fn: () => adoption.autoSwitchOutcomes({ db, range: null, now }) },
      { page: "Adoption", name: "user preferences page (view)", fn: () => adoption.userPreferencesPage({ db, page: 1 }) },
      { page: "Adoption", name: "user preferences last page (view)", fn: () => adoption.userPreferencesPage({ db, page: 11 }) },
      { page: "Adoption", name: "traffic share, 365 days (weekly)", fn: () => adoption.trafficPoints({ db, range: last365, bucket: "week" }) },
      { page: "Adoption", name: "first activity day", fn: () => adoption.firstActivityDay({ db }) },
      { page: "Overview", name: "switch KPIs, last 7 days", fn: () => overview.recentSwitchKpis({ db, now }) },
      { page: "Overview", name: "last switch per use case", fn: () => overview.lastSwitchPerUseCase({ db }) },
      { page: "Overview", name: "conversation override models", fn: () => overview.conversationOverrideModels({ db }) },
      { page: "Overview", name: "trend, last 30 days", fn: () => history.switchChartPoints({ db, filter: last30, bucket: "day" }) },
      // Whole pages, their queries in parallel as the loaders run them.
      {
        page: "Page",
        name: "History (default view)",
        fn: () =>
          Promise.all([
            history.countSwitches({ db, filter: last30 }),
            history.switchChartPoints({ db, filter: last30, bucket: "day" }),
            history.historyFilterOptions({ db }),
            history.switchPage({ db, filter: last30, position: { kind: "first" }, total: total30 }),
          ]),
      },
      {
        page: "Page",
        name: "Adoption (all time)",
        fn: () =>
          Promise.all([
            adoption.adoptionByModel({ db, range: null }),
            adoption.autoSwitchOutcomes({ db, range: null, now }),
            adoption.trafficPoints({ db, range: last365, bucket: "week" }),
            adoption.userPreferencesPage({ db, page: 1 }),
          ]),
      },
      {
        page: "Page",
        name: "Overview",
        fn: () =>
          Promise.all([
            overview.recentSwitchKpis({ db, now }),
            costs.monthlyCostFigures({ db, now, catalog: [] }),
            overview.lastSwitchPerUseCase({ db }),
            overview.conversationOverrideModels({ db }),
            history.switchChartPoints({ db, filter: last30, bucket: "day" }),
          ]),
      },
    ];

    const queries: QueryTiming[] = [];
    for (const c of cases) {
      const { samples, rows } = await time(c.fn, runs);
      const t: QueryTiming = {
        name: c.name,
        page: c.page,
        runs,
        p50: percentile(samples, 50),
        p95: percentile(samples, 95),
        min: samples[0] ?? 0,
        max: samples[samples.length - 1] ?? 0,
        rows,
      };
      queries.push(t);
      log(
        `[analytics-bench] ${c.page.padEnd(8)} ${c.name.padEnd(40)} p50 ${t.p50.toFixed(1).padStart(6)} ms  p95 ${t.p95.toFixed(1).padStart(6)} ms` +
          (t.p95 > TARGET_MS && c.page !== "Page" ? "  OVER TARGET" : ""),
      );
    }
    const passed = queries.filter((q) => q.page !== "Page").every((q) => q.p95 < TARGET_MS);
    return { database, queries, passed, targetMs: TARGET_MS };
  } finally {
    await handle.close();
  }
}

/** A Markdown table of the timings, for the bench report. */
export function analyticsTable(result: AnalyticsBenchResult): string {
  const lines = ["| page | query | p50 ms | p95 ms |", "| --- | --- | ---: | ---: |"];
  for (const q of result.queries) lines.push(`| ${q.page} | ${q.name} | ${q.p50.toFixed(1)} | ${q.p95.toFixed(1)} |`);
  return lines.join("\n");
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const url = process.argv[2] || process.env.BENCH_ANALYTICS_URL || process.env.DATABASE_URL;
  if (!url) {
    console.error("Usage: tsx bench/analytics.ts postgres://… (a database holding the generated load)");
    process.exit(2);
  }
  runAnalyticsBench({ databaseUrl: url })
    .then((r) => {
      console.log(`\n${analyticsTable(r)}\n`);
      console.log(r.passed ? `[analytics-bench] every query under ${r.targetMs} ms at p95` : `[analytics-bench] some queries are over ${r.targetMs} ms at p95`);
      process.exit(r.passed ? 0 : 1);
    })
    .catch((err: unknown) => {
      console.error(err);
      process.exit(1);
    });
}
