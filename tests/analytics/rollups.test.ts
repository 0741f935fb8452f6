// The analytics rollups kept by triggers agree with the tables they summarise, on both drivers, for the demo
// history (bulk inserts), single switches, reverts, and invocation deletes and updates. The old system's three
// queries and two views still run unchanged.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { bedrockModelSwitches, invocations } from "@/db/schema";
import { seedDatabase } from "@/db/seed";
import { drivers, createTestDatabase, type TestDatabase } from "../support/test-db";

const NOW = new Date("2026-11-20T12:00:00Z");

const rollupVsLog = `
  with log as (
    select ("timestamp" at time zone 'UTC')::date as day, use_case, new_model_id, switch_type, count(*)::int as n,
      count(*) filter (where switch_type = 'auto' and next_type = 'manual' and next_at - "timestamp" <= interval '24 hours')::int as reverted
    from (select *, lead(switch_type) over w as next_type, lead("timestamp") over w as next_at
          from bedrock_model_switches window w as (partition by use_case, conversation_id order by "timestamp", id)) s
    group by 1, 2, 3, 4)
  select count(*)::int as mismatches from log full join switch_daily_counts c using (day, use_case, new_model_id, switch_type)
  where coalesce(log.n, 0) <> coalesce(c.switches, 0) or coalesce(log.reverted, 0) <> coalesce(c.reverted, 0)`;

const invocationsVsLog = `
  with log as (
    select (created_at at time zone 'UTC')::date as day, use_case, model_id, count(*)::int as n,
      count(*) filter (where outcome <> 'success')::int as failures, sum(input_tokens)::bigint as input_tokens,
      sum(output_tokens)::bigint as output_tokens, sum(cost_usd) as cost_usd
    from invocations group by 1, 2, 3)
  select count(*)::int as mismatches from log full join invocation_daily_counts c using (day, use_case, model_id)
  where coalesce(log.n, 0) <> coalesce(c.invocations, 0) or coalesce(log.failures, 0) <> coalesce(c.failures, 0)
    or coalesce(log.input_tokens, 0) <> coalesce(c.input_tokens, 0) or coalesce(log.output_tokens, 0) <> coalesce(c.output_tokens, 0)
    or coalesce(log.cost_usd, 0) <> coalesce(c.cost_usd, 0)`;

describe.each(drivers)("analytics rollups on %s", (kind) => {
  let t: TestDatabase;
  const mismatches = async (q: string) => Number((await t.rows<{ mismatches: number }>(q))[0]!.mismatches);

  beforeAll(async () => {
    t = await createTestDatabase(kind);
    await seedDatabase(t.db, { demo: true, hashPassword: async () => "scrypt$x", now: NOW });
  });
  afterAll(async () => t?.drop());

  test("the demo history's switch counts and reverts match the log", async () => {
    const [{ n }] = (await t.rows<{ n: number }>("select sum(switches)::int as n from switch_daily_counts")) as [{ n: number }];
    const [{ total }] = (await t.rows<{ total: number }>("select count(*)::int as total from bedrock_model_switches")) as [{ total: number }];
    expect(n).toBe(total);
    expect(total).toBeGreaterThan(1000);
    const [{ reverted }] = (await t.rows<{ reverted: number }>("select sum(reverted)::int as reverted from switch_daily_counts")) as [{ reverted: number }];
    expect(reverted).toBeGreaterThan(0);
    expect(await mismatches(rollupVsLog)).toBe(0);
  });

  test("the demo invocations match their rollup", async () => {
    expect(await mismatches(invocationsVsLog)).toBe(0);
  });

  test("a manual switch within 24 hours of an auto switch of the same scope counts as a revert, later ones do not", async () => {
    const base = { actor: "test", scope: "use_case" as const, useCase: "rollup-case", trigger: "admin" as const };
    const at = (h: number) => new Date(Date.UTC(2026, 10, 1, 0, 0) + h * 3_600_000);
    await t.db.insert(bedrockModelSwitches).values({ ...base, previousModelId: "a", newModelId: "b", switchType: "auto", trigger: "policy", timestamp: at(0) });
    await t.db.insert(bedrockModelSwitches).values({ ...base, previousModelId: "b", newModelId: "a", switchType: "manual", timestamp: at(5) });
    await t.db
      .insert(bedrockModelSwitches)
      .values({ ...base, previousModelId: "a", newModelId: "c", switchType: "auto", trigger: "policy", timestamp: at(30) });
    await t.db.insert(bedrockModelSwitches).values({ ...base, previousModelId: "c", newModelId: "a", switchType: "manual", timestamp: at(60) });
    // Another scope's manual switch never reverts this scope's auto switch.
    await t.db
      .insert(bedrockModelSwitches)
      .values({ ...base, useCase: "rollup-other", previousModelId: "x", newModelId: "b", switchType: "auto", trigger: "policy", timestamp: at(70) });
    await t.db.insert(bedrockModelSwitches).values({ ...base, previousModelId: "a", newModelId: "b", switchType: "manual", timestamp: at(71) });
    const rows = await t.rows<{ new_model_id: string; switch_type: string; switches: number; reverted: number }>(
      "select new_model_id, switch_type::text, switches, reverted from switch_daily_counts where use_case = 'rollup-case' order by day, new_model_id, switch_type",
    );
    const auto = rows.filter((r) => r.switch_type === "auto");
    expect(auto).toEqual([
      { new_model_id: "b", switch_type: "auto", switches: 1, reverted: 1 },
      { new_model_id: "c", switch_type: "auto", switches: 1, reverted: 0 },
    ]);
    expect(await mismatches(rollupVsLog)).toBe(0);
  });

  test("deleting and updating invocations keeps the rollup right; the switch log stays append-only", async () => {
    await t.db.insert(invocations).values(
      Array.from({ length: 5 }, (_, i) => ({
        modelId: "m-test",
        useCase: "rollup-case",
        inputTokens: 100 + i,
        outputTokens: 10,
        outcome: i === 0 ? ("throttled" as const) : ("success" as const),
        inputPricePerMTok: 1,
        outputPricePerMTok: 2,
        costUsd: 0.0001,
        createdAt: new Date("2026-11-02T10:00:00Z"),
      })),
    );
    await t.rows("update invocations set created_at = created_at - interval '1 day' where model_id = 'm-test' and input_tokens = 101");
    await t.rows("delete from invocations where model_id = 'm-test' and input_tokens = 102");
    expect(await mismatches(invocationsVsLog)).toBe(0);
    await expect(t.rows("delete from bedrock_model_switches where use_case = 'rollup-case'")).rejects.toThrow(/append-only/);
  });

  test("user_model_preferences (now read from the per-user rollup) returns what its original definition returns", async () => {
    const original = `SELECT user_id, new_model_id AS model_id, COUNT(*) AS switch_count,
        COUNT(*) FILTER (WHERE switch_type = 'manual') AS manual_count, COUNT(*) FILTER (WHERE switch_type = 'auto') AS auto_count,
        MAX("timestamp") AS last_switched_at,
        RANK() OVER (PARTITION BY user_id ORDER BY COUNT(*) DESC, MAX("timestamp") DESC) AS preference_rank
      FROM bedrock_model_switches WHERE user_id IS NOT NULL GROUP BY user_id, new_model_id`;
    const [{ n }] = (await t.rows<{ n: number }>(
      `select count(*)::int as n from ((select * from user_model_preferences except all select * from (${original}) o)
        union all (select * from (${original}) o except all select * from user_model_preferences)) d`,
    )) as [{ n: number }];
    expect(n).toBe(0);
    const [{ rows }] = (await t.rows<{ rows: number }>("select count(*)::int as rows from user_model_preferences")) as [{ rows: number }];
    expect(rows).toBeGreaterThan(0);
  });

  test("the old system's queries and views run unchanged", async () => {
    const recent = await t.rows(
      "SELECT user_id, previous_model_id, new_model_id, reason, timestamp FROM bedrock_model_switches ORDER BY timestamp DESC LIMIT 20;",
    );
    expect(recent).toHaveLength(20);
    await t.rows(`SELECT new_model_id, COUNT(*) as total,
      COUNT(*) FILTER (WHERE switch_type = 'auto') as auto,
      COUNT(*) FILTER (WHERE switch_type = 'manual') as manual
    FROM bedrock_model_switches WHERE timestamp > NOW() - INTERVAL '7 days' GROUP BY new_model_id;`);
    const adoption = await t.rows<{ new_model_id: string; adoption_pct: string | number }>(`SELECT new_model_id,
      ROUND(100.0 * COUNT(*) FILTER (WHERE switch_type = 'auto') / COUNT(*), 1) as adoption_pct
    FROM bedrock_model_switches GROUP BY new_model_id;`);
    expect(adoption.length).toBeGreaterThan(3);
    expect((await t.rows("select * from bedrock_model_switch_analytics limit 5")).length).toBe(5);
    expect((await t.rows("select * from user_model_preferences limit 5")).length).toBeGreaterThan(0);
  });
});
