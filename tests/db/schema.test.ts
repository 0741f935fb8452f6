import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDatabase } from "@/db/seed";
import { useCaseSeeds } from "@/db/seed/use-cases";
import { postgresError } from "../support/errors";
import { createTestDatabase, drivers, type TestDatabase } from "../support/test-db";

const fakeHash = async (pw: string) => `test$${pw}`;

// The three monitoring queries of the old system, exactly as its users run them.
const OLD_QUERIES = [
  `SELECT user_id, previous_model_id, new_model_id, reason, timestamp
FROM bedrock_model_switches ORDER BY timestamp DESC LIMIT 20;`,
  `SELECT new_model_id, COUNT(*) as total,
  COUNT(*) FILTER (WHERE switch_type = 'auto') as auto,
  COUNT(*) FILTER (WHERE switch_type = 'manual') as manual
FROM bedrock_model_switches WHERE timestamp > NOW() - INTERVAL '7 days' GROUP BY new_model_id;`,
  `SELECT new_model_id,
  ROUND(100.0 * COUNT(*) FILTER (WHERE switch_type = 'auto') / COUNT(*), 1) as adoption_pct
FROM bedrock_model_switches GROUP BY new_model_id;`,
];

describe.each(drivers)("database on %s", (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
    await seedDatabase(t.db, { demo: true, hashPassword: fakeHash });
  });
  afterAll(async () => t?.drop());

  it.each(OLD_QUERIES.map((q, i) => [i + 1, q] as const))("old monitoring query %i runs unchanged and returns rows", async (_i, q) => {
    const rows = await t.rows(q);
    expect(rows.length).toBeGreaterThan(0);
  });

  it("keeps the old column names on the switch log", async () => {
    const [row] = await t.rows<Record<string, unknown>>("select * from bedrock_model_switches limit 1");
    for (const col of ["user_id", "conversation_id", "previous_model_id", "new_model_id", "reason", "switch_type", "notification_shown", "timestamp"]) {
      expect(row).toHaveProperty(col);
    }
  });

  it.each([
    ["UPDATE", "update bedrock_model_switches set reason = 'x'"],
    ["DELETE", "delete from bedrock_model_switches"],
    ["TRUNCATE", "truncate bedrock_model_switches"],
  ])("refuses %s on the append-only switch log", async (_op, stmt) => {
    const before = await t.rows<{ n: number }>("select count(*)::int as n from bedrock_model_switches");
    await expect(t.rows(stmt)).rejects.toThrow(/append-only/);
    const after = await t.rows<{ n: number }>("select count(*)::int as n from bedrock_model_switches");
    expect(after[0]!.n).toBe(before[0]!.n);
  });

  // Each bad write must fail for its own reason: the Postgres error code (and the constraint's name where there is one),
  // read through Drizzle the same way on both drivers.
  const INVALID_ENUM = "22P02";
  const CHECK = "23514";
  const UNIQUE = "23505";
  const FOREIGN_KEY = "23503";
  it.each([
    [
      "switch_type",
      "insert into bedrock_model_switches (actor, scope, use_case, new_model_id, switch_type, trigger) values ('t','use_case','general','x','sideways','admin')",
      INVALID_ENUM,
      /enum switch_type/,
    ],
    [
      "switch scope",
      "insert into bedrock_model_switches (actor, scope, use_case, new_model_id, switch_type, trigger) values ('t','planet','general','x','manual','admin')",
      INVALID_ENUM,
      /enum switch_scope/,
    ],
    [
      "conversation scope without id",
      "insert into bedrock_model_switches (actor, scope, use_case, new_model_id, switch_type, trigger) values ('t','conversation','general','x','manual','admin')",
      CHECK,
      "switches_scope_check",
    ],
    ["geo scope", "update bedrock_models set geo_scope = 'mars' where model_id = 'eu.amazon.nova-lite-v1:0'", INVALID_ENUM, /enum geo_scope/],
    ["role", "insert into accounts (email, name, role, password_hash) values ('x@y.z','x','superuser','h')", INVALID_ENUM, /enum account_role/],
    ["upper-case email", "insert into accounts (email, name, role, password_hash) values ('X@Y.Z','x','admin','h')", CHECK, "accounts_email_lowercase_check"],
    [
      "unique email",
      "insert into accounts (email, name, role, password_hash) select email, 'twin', 'user', 'h' from accounts limit 1",
      UNIQUE,
      "accounts_email_idx",
    ],
    ["quality tier", "update bedrock_models set quality_tier = 9 where model_id = 'eu.amazon.nova-lite-v1:0'", CHECK, "bedrock_models_quality_tier_check"],
    ["use case name", "insert into use_cases (name, current_model_id) values ('Bad Name!', 'eu.amazon.nova-lite-v1:0')", CHECK, "use_cases_name_check"],
    [
      "unknown current model",
      "insert into use_cases (name, current_model_id) values ('research', 'no.such-model')",
      FOREIGN_KEY,
      "use_cases_current_model_id_bedrock_models_model_id_fk",
    ],
  ] as const)("enforces the %s constraint in the database", async (_what, stmt, code, which) => {
    const err = await postgresError(t.db.execute(sql.raw(stmt)));
    expect(err.code).toBe(code);
    if (typeof which === "string") expect(err.constraint).toBe(which);
    else expect(err.message).toMatch(which);
  });

  it("seeds the old mix: clinical on a Claude Sonnet, health on Nova Lite, operations on Nova Pro", async () => {
    const rows = await t.rows<{ name: string; current_model_id: string }>("select name, current_model_id from use_cases order by name");
    const byName = Object.fromEntries(rows.map((r) => [r.name, r.current_model_id]));
    expect(byName.clinical).toMatch(/^eu\.anthropic\.claude-sonnet/);
    expect(byName.health).toBe("eu.amazon.nova-lite-v1:0");
    expect(byName.operations).toBe("eu.amazon.nova-pro-v1:0");
    expect(Object.keys(byName).sort()).toEqual(["clinical", "general", "health", "operations"]);
  });

  it("seeds 90 days of history with thousands of switches of every type and invocations", async () => {
    const types = await t.rows<{ switch_type: string; n: number }>("select switch_type, count(*)::int as n from bedrock_model_switches group by 1");
    const total = types.reduce((s, r) => s + r.n, 0);
    expect(total).toBeGreaterThan(2000);
    expect(types.map((r) => r.switch_type).sort()).toEqual(["auto", "fallback", "manual"]);
    const [span] = await t.rows<{ days: number; users: number }>(
      "select extract(day from max(timestamp) - min(timestamp))::int as days, count(distinct user_id)::int as users from bedrock_model_switches",
    );
    expect(span!.days).toBeGreaterThanOrEqual(88);
    expect(span!.users).toBeGreaterThanOrEqual(3);
    const [inv] = await t.rows<{ n: number; models: number }>("select count(*)::int as n, count(distinct model_id)::int as models from invocations");
    expect(inv!.n).toBeGreaterThan(10_000);
    expect(inv!.models).toBeGreaterThan(3);
  });

  it("leaves every scope's history as one unbroken chain ending on its current model", async () => {
    for (const u of useCaseSeeds) {
      const rows = await t.rows<{ previous_model_id: string; new_model_id: string }>(
        "select previous_model_id, new_model_id from bedrock_model_switches where use_case = $1 and scope = 'use_case' order by timestamp, id",
        [u.name],
      );
      for (let i = 1; i < rows.length; i++) expect(rows[i]!.previous_model_id).toBe(rows[i - 1]!.new_model_id);
      expect(rows.at(-1)!.new_model_id).toBe(u.currentModelId);
    }
  });

  it("seeding again changes nothing", async () => {
    const count = async () =>
      (
        await t.rows<{ s: number; i: number; a: number; m: number }>(
          "select (select count(*)::int from bedrock_model_switches) s, (select count(*)::int from invocations) i, (select count(*)::int from accounts) a, (select count(*)::int from bedrock_models) m",
        )
      )[0];
    const before = await count();
    await seedDatabase(t.db, { demo: true, hashPassword: fakeHash });
    expect(await count()).toEqual(before);
  });

  it("exposes the analytics and preference views", async () => {
    const analytics = await t.rows<{ total_switches: number }>("select * from bedrock_model_switch_analytics order by day desc limit 5");
    expect(analytics.length).toBe(5);
    const prefs = await t.rows<{ user_id: string; preference_rank: number }>("select * from user_model_preferences where preference_rank = 1");
    expect(prefs.length).toBeGreaterThanOrEqual(3);
  });
});
