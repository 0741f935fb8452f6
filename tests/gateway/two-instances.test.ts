// Many instances on one Postgres (issue 10, point 8): what one instance changes or counts, the other honours within a
// second. Two real processes (tests/gateway/support/instance.ts), each with its own connections, on one database:
// the rate limit is one shared count, a split changed on one is used by the other (NOTIFY), a model cooling down on
// one is skipped by the other (model_cooldowns), and a graceful stop writes the calls still queued.
// Postgres only (PGlite is one process by construction): runs when DATABASE_URL is set.
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDatabase } from "@/db/seed";
import { createTestDatabase, type TestDatabase } from "../support/test-db";
import { startInstance, within, type Instance } from "../cache/support/instances";
import { NOVA_LITE, NOVA_MICRO } from "../support/models";

const ENTRY = fileURLToPath(new URL("./support/instance.ts", import.meta.url));
/** The contract: another instance honours a change within a second (NOTIFY takes milliseconds). */
const PROPAGATION_MS = 1_000;

describe.runIf(!!process.env.DATABASE_URL)("the gateway across two instances on one Postgres", () => {
  let t: TestDatabase;
  let a: Instance;
  let b: Instance;

  beforeAll(async () => {
    t = await createTestDatabase("postgres");
    await seedDatabase(t.db, { demo: false });
    [a, b] = await Promise.all([startInstance("A", t.url!, { entry: ENTRY }), startInstance("B", t.url!, { entry: ENTRY })]);
  });

  afterAll(async () => {
    await Promise.all([a, b].filter(Boolean).map((i) => i.stop()));
    await t?.drop();
  });

  it("runs two separate processes", () => {
    expect(a.child.pid).not.toBe(b.child.pid);
  });

  it("shares one rate limit: requests on A and on B count against the same window", async () => {
    const take = (i: Instance) => i.post("/take-token", { key: "key:shared", limit: 10, windowSeconds: 60, now: "2026-12-03T10:00:05Z" });
    const answers = [];
    // Alternate between the instances: each sees the other's requests in the count.
    for (let n = 0; n < 12; n++) answers.push(await take(n % 2 === 0 ? a : b));
    expect(answers.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 429, 429]);
    expect(answers.slice(0, 10).map((r) => r.body.count)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(answers[10]!.body).toMatchObject({ code: "rate_limited", details: { retryAfterSeconds: 55 } });
    // Concurrent bursts on both instances still let exactly the limit through.
    const burst = await Promise.all(
      Array.from({ length: 30 }, (_, n) =>
        (n % 2 ? a : b).post("/take-token", { key: "key:burst", limit: 20, windowSeconds: 60, now: "2026-12-03T10:00:05Z" }),
      ),
    );
    expect(burst.filter((r) => r.status === 200)).toHaveLength(20);
    expect(burst.filter((r) => r.status === 429)).toHaveLength(10);
  });

  it("a split changed on A is used by B within a second (B's cached split is dropped by NOTIFY)", async () => {
    const splitOn = async (i: Instance) => (await i.post("/split/get", { useCase: "health" })).body.rows;
    expect(await splitOn(b)).toEqual([]); // warms B's cache
    // A change behind the app's back is not announced: B keeps serving its cached split.
    await t.rows("insert into use_case_traffic_splits (use_case, model_id, weight) values ('health', $1, 5)", [NOVA_MICRO]);
    expect(await splitOn(b)).toEqual([]);
    // The same kind of change through the app on A is announced.
    const set = await a.post("/split/set", { useCase: "health", rows: [{ modelId: NOVA_MICRO, weight: 10 }], reason: "canary" });
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    const took = await within(PROPAGATION_MS, "B uses the split set on A", async () => {
      const rows = await splitOn(b);
      return rows.length === 1 && rows[0].modelId === NOVA_MICRO && rows[0].weight === 10;
    });
    expect(took).toBeLessThanOrEqual(PROPAGATION_MS);
    // And back: cleared on B, A follows.
    expect(await splitOn(a)).toEqual([{ modelId: NOVA_MICRO, weight: 10 }]);
    expect((await b.post("/split/set", { useCase: "health", rows: [] })).status).toBe(200);
    await within(PROPAGATION_MS, "A sees the split cleared on B", async () => (await splitOn(a)).length === 0);
  });

  it("a model cooling down after a failure on A is skipped by B", async () => {
    await t.rows("delete from model_cooldowns");
    // A: the current model of health throttles once, A falls back to the chain's first model and cools it down.
    expect((await a.post("/fault", { modelId: NOVA_LITE, kind: "throttle", remaining: 1 })).status).toBe(200);
    const onA = await a.post("/invoke", { useCase: "health" });
    expect(onA.status, JSON.stringify(onA.body)).toBe(200);
    expect(onA.body.modelId).toBe(NOVA_MICRO);
    expect(onA.body.failedAttempts).toEqual([{ modelId: NOVA_LITE, errorCode: "ThrottlingException", httpStatus: 429 }]);
    const [cooling] = await t.rows<{ model_id: string }>("select model_id from model_cooldowns where until > now()");
    expect(cooling?.model_id).toBe(NOVA_LITE);
    // Put Nova Lite back as health's model (the fallback switched the use case), so only the cooldown keeps B off it.
    await t.rows("update use_cases set current_model_id = $1 where name = 'health'", [NOVA_LITE]);
    // B has no fault at all: it skips Nova Lite because A cooled it down.
    const onB = await b.post("/invoke", { useCase: "health" });
    expect(onB.status, JSON.stringify(onB.body)).toBe(200);
    expect(onB.body.modelId).toBe(NOVA_MICRO);
    expect(onB.body.failedAttempts).toEqual([{ modelId: NOVA_LITE, errorCode: "ModelCoolingDown", httpStatus: 429 }]);
    // Once the cooldown is lifted, B serves from Nova Lite again. B keeps cooldowns in memory: lifting one behind the
    // app's back is announced as the app's writer does (NOTIFY), and B follows within a second.
    await t.rows("delete from model_cooldowns");
    await t.rows("select pg_notify('switchboard_cooldowns', '')");
    // B's fallback above switched health to Nova Micro (through the app, so B dropped its copy of the use case).
    await t.rows("update use_cases set current_model_id = $1 where name = 'health'", [NOVA_LITE]);
    await within(
      PROPAGATION_MS,
      "B serves from Nova Lite once its cooldown is lifted",
      async () => (await b.post("/invoke", { useCase: "health" })).body.modelId === NOVA_LITE,
    );
  });

  it("a graceful stop (SIGTERM) writes the calls still waiting for their batch", async () => {
    // C holds recorded calls for a minute: only the stop can have written them.
    const c = await startInstance("C", t.url!, { entry: ENTRY, env: { TEST_RECORD_FLUSH_MS: "60000" } });
    try {
      expect((await c.post("/record", { count: 25, endUser: "graceful-stop" })).body).toEqual({ queued: 25 });
      const count = async () => Number((await t.rows<{ n: string }>("select count(*)::text as n from invocations where end_user = 'graceful-stop'"))[0]!.n);
      expect(await count()).toBe(0);
      await c.stop();
      expect(c.child.exitCode).toBe(0);
      expect(await count()).toBe(25);
    } finally {
      await c.stop();
    }
  });
});
