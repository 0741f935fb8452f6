// The analytics queries against the demo history on both drivers: every number agrees with a plain query over the
// log (the rollups are exact), pagination visits each row once, the CSV holds exactly the counted rows, and the
// service refuses an end user.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { accounts, bedrockModelSwitches } from "@/db/schema";
import { seedDatabase } from "@/db/seed";
import { addDays, dayOf, lastDays } from "@/lib/date-range";
import { PAGE_SIZE, type HistoryFilter, type PagePosition } from "@/lib/history-filter";
import { adoptionByModel, autoSwitchOutcomes, trafficPoints, userPreferencesPage } from "@/server/analytics/adoption";
import { monthlyCostFigures, DAYS_PER_MONTH } from "@/server/costs/monthly-cost";
import { switchCsvChunks } from "@/server/analytics/export";
import { countSwitches, historyFilterOptions, switchChartPoints, switchPage, type HistoryRow } from "@/server/analytics/history";
import { lastSwitchPerUseCase, recentSwitchKpis } from "@/server/analytics/overview";
import { loadAdoption, loadCosts, loadHistory, loadOverview } from "@/server/analytics/service";
import type { Actor, SessionUser } from "@/server/auth/roles";
import { setDatabase } from "@/server/db";
import { drivers, createTestDatabase, type TestDatabase } from "../support/test-db";

describe.each(drivers)("analytics queries on %s", (kind) => {
  let t: TestDatabase;
  let now: Date;
  let today: string;
  let adminId: string;
  const num = async (q: string, params: unknown[] = []) => Number(Object.values((await t.rows<Record<string, unknown>>(q, params))[0]!)[0]);

  beforeAll(async () => {
    now = new Date();
    today = dayOf(now);
    t = await createTestDatabase(kind);
    await seedDatabase(t.db, { demo: true, hashPassword: async () => "scrypt$x", now });
    adminId = (await t.rows<{ id: string }>("select id from accounts where email = 'admin@switchboard.local'"))[0]!.id;
    setDatabase(t);
  });
  afterAll(async () => t?.drop());

  const rawCount = (f: HistoryFilter) => {
    const params: unknown[] = [`${f.from}T00:00:00Z`, `${addDays(f.to, 1)}T00:00:00Z`];
    let where = `"timestamp" >= $1::timestamptz and "timestamp" < $2::timestamptz`;
    if (f.useCase) where += ` and use_case = $${params.push(f.useCase)}`;
    if (f.model) where += ` and new_model_id = $${params.push(f.model)}`;
    if (f.type) where += ` and switch_type = $${params.push(f.type)}`;
    if (f.user) where += ` and user_id = $${params.push(f.user)}`;
    return num(`select count(*) from bedrock_model_switches where ${where}`, params);
  };

  test("counts from the rollup and from the log equal a plain count, for every kind of filter", async () => {
    const filters: HistoryFilter[] = [
      lastDays(today, 30),
      lastDays(today, 90),
      { ...lastDays(today, 90), useCase: "health" },
      { ...lastDays(today, 90), type: "auto" },
      { ...lastDays(today, 90), model: "eu.amazon.nova-lite-v1:0", type: "manual" },
      { ...lastDays(today, 90), user: adminId },
      { ...lastDays(today, 90), user: adminId, useCase: "clinical", type: "manual" },
      { from: "2001-01-01", to: "2001-12-31" },
    ];
    for (const filter of filters) {
      const expected = await rawCount(filter);
      expect(await countSwitches({ db: t.db, filter }), JSON.stringify(filter)).toBe(expected);
    }
    expect(await rawCount(lastDays(today, 90))).toBeGreaterThan(1000);
  });

  test("a day is a UTC day on both paths: a switch at 23:59:59.999 and one at midnight land on different days", async () => {
    const base = {
      actor: "test",
      scope: "use_case" as const,
      useCase: "edge-case",
      previousModelId: "a",
      newModelId: "b",
      switchType: "manual" as const,
      trigger: "admin" as const,
    };
    await t.db.insert(bedrockModelSwitches).values([
      { ...base, userId: adminId, timestamp: new Date("2020-03-01T23:59:59.999Z") },
      { ...base, userId: adminId, timestamp: new Date("2020-03-02T00:00:00.000Z") },
    ]);
    for (const user of [undefined, adminId]) {
      expect(await countSwitches({ db: t.db, filter: { from: "2020-03-02", to: "2020-03-02", useCase: "edge-case", user } })).toBe(1);
      expect(await countSwitches({ db: t.db, filter: { from: "2020-03-01", to: "2020-03-02", useCase: "edge-case", user } })).toBe(2);
    }
  });

  test("walking the pages older, then newer, visits every row once in (timestamp, id) order; the last page holds the rest", async () => {
    const filter = { ...lastDays(today, 90), useCase: "operations" };
    const total = await countSwitches({ db: t.db, filter });
    expect(total).toBeGreaterThan(PAGE_SIZE * 3);
    const seen: HistoryRow[] = [];
    let position: PagePosition = { kind: "first" };
    for (let guard = 0; guard < 100; guard++) {
      const page = await switchPage({ db: t.db, filter, position, total });
      seen.push(...page.rows);
      if (!page.hasOlder) break;
      position = { kind: "older", id: page.rows[page.rows.length - 1]!.id };
    }
    expect(seen).toHaveLength(total);
    expect(new Set(seen.map((r) => r.id)).size).toBe(total);
    for (let i = 1; i < seen.length; i++) {
      const [a, b] = [seen[i - 1]!, seen[i]!];
      expect(a.timestamp > b.timestamp || (a.timestamp === b.timestamp && a.id > b.id)).toBe(true);
    }
    expect(seen.every((r) => r.useCase === "operations")).toBe(true);

    const last = await switchPage({ db: t.db, filter, position: { kind: "last" }, total });
    expect(last.rows).toHaveLength(total % PAGE_SIZE || PAGE_SIZE);
    expect(last.rows.map((r) => r.id)).toEqual(seen.slice(-last.rows.length).map((r) => r.id));
    expect(last).toMatchObject({ hasOlder: false, hasNewer: true });

    const newer = await switchPage({ db: t.db, filter, position: { kind: "newer", id: seen[PAGE_SIZE]!.id }, total });
    expect(newer.rows.map((r) => r.id)).toEqual(seen.slice(0, PAGE_SIZE).map((r) => r.id));
    expect(newer.hasNewer).toBe(false);
  });

  test("a row's user is joined for display; the export's CSV holds exactly the counted rows", async () => {
    const filter = { ...lastDays(today, 90), type: "manual" as const };
    const total = await countSwitches({ db: t.db, filter });
    let csv = "";
    for await (const chunk of switchCsvChunks({ db: t.db, filter, batchSize: 97 })) csv += chunk;
    const lines = csv.split("\r\n").filter(Boolean);
    expect(lines[0]).toBe(
      "id,timestamp,use_case,scope,conversation_id,user_id,user_email,actor,previous_model_id,new_model_id,switch_type,trigger,error_code,reason,notification_shown",
    );
    expect(lines).toHaveLength(total + 1);
    expect(new Set(lines.slice(1).map((l) => l.split(",")[0])).size).toBe(total);
    expect(lines.slice(1).every((l) => l.split(",")[10] === "manual")).toBe(true);
    expect(csv).toContain("admin@switchboard.local");
    const page = await switchPage({ db: t.db, filter: { ...filter, user: adminId }, position: { kind: "first" }, total: 0 });
    expect(page.rows[0]).toMatchObject({ userId: adminId, userName: expect.any(String), userEmail: "admin@switchboard.local" });
  });

  test("chart points add up to the count, per model and per type, on both paths", async () => {
    for (const filter of [lastDays(today, 90), { ...lastDays(today, 90), user: adminId }]) {
      const total = await countSwitches({ db: t.db, filter });
      for (const bucket of ["day", "week", "month"] as const) {
        const points = await switchChartPoints({ db: t.db, filter, bucket });
        expect(points.byModel.reduce((s, p) => s + p.value, 0)).toBe(total);
        expect(points.byType.reduce((s, p) => s + p.value, 0)).toBe(total);
        expect(points.byModel.every((p) => /^\d{4}-\d{2}-\d{2}$/.test(p.bucket))).toBe(true);
      }
    }
  });

  test("adoption per model matches the old system's third query; kept + reverted + pending = auto", async () => {
    const old = await t.rows<{ new_model_id: string; adoption_pct: string | number; total: string | number }>(
      `SELECT new_model_id, COUNT(*) as total,
        ROUND(100.0 * COUNT(*) FILTER (WHERE switch_type = 'auto') / COUNT(*), 1) as adoption_pct
      FROM bedrock_model_switches GROUP BY new_model_id;`,
    );
    const ours = await adoptionByModel({ db: t.db, range: null });
    expect(ours).toHaveLength(old.length);
    for (const o of old) {
      const mine = ours.find((r) => r.modelId === o.new_model_id)!;
      expect(mine.total).toBe(Number(o.total));
      expect(mine.adoptionPct).toBeCloseTo(Number(o.adoption_pct), 5);
    }
    const outcomes = await autoSwitchOutcomes({ db: t.db, range: null, now });
    expect(outcomes.auto).toBe(await num("select count(*) from bedrock_model_switches where switch_type = 'auto'"));
    expect(outcomes.kept + outcomes.reverted + outcomes.pending).toBe(outcomes.auto);
    expect(outcomes.reverted).toBeGreaterThan(0);
    expect(outcomes.pending).toBe(
      await num(
        `select count(*) from bedrock_model_switches s where switch_type = 'auto' and "timestamp" > $1::timestamptz
         and not exists (select 1 from bedrock_model_switches n where n.use_case = s.use_case
           and n.conversation_id is not distinct from s.conversation_id and (n."timestamp", n.id) > (s."timestamp", s.id))`,
        [new Date(now.getTime() - 86_400_000).toISOString()],
      ),
    );
  });

  test("user preferences come from the view, one page at a time", async () => {
    const { users, totalUsers } = await userPreferencesPage({ db: t.db, page: 1, pageSize: 2 });
    expect(totalUsers).toBe(await num("select count(distinct user_id) from bedrock_model_switches where user_id is not null"));
    expect(users).toHaveLength(Math.min(2, totalUsers));
    for (const u of users) {
      const top = await t.rows<{ model_id: string }>("select model_id from user_model_preferences where user_id = $1 and preference_rank = 1", [u.userId]);
      expect(top.map((r) => r.model_id)).toContain(u.models[0]!.modelId);
      expect(u.totalSwitches).toBe(await num("select count(*) from bedrock_model_switches where user_id = $1", [u.userId]));
    }
    expect((await userPreferencesPage({ db: t.db, page: 999 })).users).toEqual([]);
  });

  test("traffic and the 30-day monthly cost figures equal the invocations themselves", async () => {
    const range = lastDays(today, 90);
    const points = await trafficPoints({ db: t.db, range, bucket: "week" });
    expect(points.reduce((s, p) => s + p.value, 0)).toBe(
      await num(`select count(*) from invocations where created_at >= $1::timestamptz`, [`${range.from}T00:00:00Z`]),
    );
    const figures = await monthlyCostFigures({ db: t.db, now, catalog: [] });
    const health = figures.find((v) => v.useCase === "health")!;
    const [raw] = await t.rows<{ n: string; i: string; o: string }>(
      `select count(*) as n, sum(input_tokens) as i, sum(output_tokens) as o from invocations
       where use_case = 'health' and created_at >= $1::timestamptz and created_at < $2::timestamptz`,
      [`${addDays(today, -30)}T00:00:00Z`, `${today}T00:00:00Z`],
    );
    expect(health.traffic.invocations).toBe(Number(raw!.n));
    // The demo history has calls every day, so the window covers all 30 days.
    expect(health.volume).toEqual({
      inputTokens: Math.round((Number(raw!.i) * DAYS_PER_MONTH) / 30),
      outputTokens: Math.round((Number(raw!.o) * DAYS_PER_MONTH) / 30),
      basis: "traffic",
    });
    expect(health.currentModelId).toBe("eu.amazon.nova-lite-v1:0");
  });

  test("overview: the 7-day KPIs match the old second query; each use case's last switch lands on its current model", async () => {
    const kpis = await recentSwitchKpis({ db: t.db, now });
    const old = await t.rows<{ total: string; auto: string; manual: string }>(
      `SELECT new_model_id, COUNT(*) as total, COUNT(*) FILTER (WHERE switch_type = 'auto') as auto,
        COUNT(*) FILTER (WHERE switch_type = 'manual') as manual
      FROM bedrock_model_switches WHERE timestamp > NOW() - INTERVAL '7 days' GROUP BY new_model_id;`,
    );
    expect(kpis.total).toBe(old.reduce((s, r) => s + Number(r.total), 0));
    expect(kpis.auto).toBe(old.reduce((s, r) => s + Number(r.auto), 0));
    expect(kpis.manual).toBe(old.reduce((s, r) => s + Number(r.manual), 0));
    const last = await lastSwitchPerUseCase({ db: t.db });
    const cases = await t.rows<{ name: string; current_model_id: string }>("select name, current_model_id from use_cases");
    for (const c of cases) expect(last.get(c.name)?.newModelId).toBe(c.current_model_id);
  });

  test("filter options list the use cases and the people who switched", async () => {
    const options = await historyFilterOptions({ db: t.db });
    expect(options.useCases).toEqual(["clinical", "general", "health", "operations"]);
    expect(options.users.map((u) => u.email)).toContain("admin@switchboard.local");
    expect(options.users.map((u) => u.email)).not.toContain("analyst@switchboard.local");
    expect(options.moreUsers).toBe(false);
  });

  test("the page loaders serve staff and refuse an end user", async () => {
    const person = async (email: string): Promise<Actor> => {
      const [row] = await t.db
        .select()
        .from(accounts)
        .where((await import("drizzle-orm")).eq(accounts.email, email));
      return { kind: "user", user: { id: row!.id, email: row!.email, name: row!.name, role: row!.role } as SessionUser };
    };
    const analyst = await person("analyst@switchboard.local");
    const user = await person("user@switchboard.local");
    const history = await loadHistory({ actor: analyst, params: { type: "auto" } });
    expect(history.total).toBe(await rawCount({ ...lastDays(today, 30), type: "auto" }));
    expect(history.result.rows.length).toBeLessThanOrEqual(PAGE_SIZE);
    expect(history.result.rows.every((r) => r.switchType === "auto")).toBe(true);
    const costs = await loadCosts({ actor: analyst });
    expect(costs.defaultBaselineId).toBe("eu.anthropic.claude-sonnet-4-5-20250929-v1:0");
    const adoption = await loadAdoption({ actor: analyst, params: { range: "30d" } });
    expect(adoption.range).toEqual(lastDays(today, 30));
    const overview = await loadOverview({ actor: analyst });
    expect(overview.useCases.map((u) => u.name)).toEqual(["clinical", "general", "health", "operations"]);
    expect(overview.costs.savingUsd).toBeGreaterThan(0);
    for (const load of [
      () => loadHistory({ actor: user, params: {} }),
      () => loadCosts({ actor: user }),
      () => loadAdoption({ actor: user, params: {} }),
      () => loadOverview({ actor: user }),
    ]) {
      await expect(load()).rejects.toMatchObject({ code: "forbidden" });
    }
  });
});
