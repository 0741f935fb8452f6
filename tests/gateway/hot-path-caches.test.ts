// The invoke path keeps use cases (with their fallback chains and policies) and cooldowns in memory per process, so a
// steady gateway call runs no statement for them. Two real processes on one Postgres: warm each instance's copy, show
// that a change behind the app's back is NOT seen (the copy is real), then make the change through the app on one
// instance and watch the other honour it within a second (NOTIFY). Keys: tests/keys/two-instances.test.ts.
// Postgres only (PGlite is one process by construction): runs when DATABASE_URL is set.
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDatabase } from "@/db/seed";
import { createTestDatabase, type TestDatabase } from "../support/test-db";
import { startInstance, within, type Instance, type Json } from "../cache/support/instances";
import { NOVA_LITE, NOVA_MICRO, NOVA_PRO } from "../support/models";

const ENTRY = fileURLToPath(new URL("./support/instance.ts", import.meta.url));
/** The contract (issue 10, point 8): another instance honours a change within a second. */
const PROPAGATION_MS = 1_000;

const POLICY_FIELDS = [
  "objective",
  "minContext",
  "maxInputPricePerMTok",
  "maxOutputPricePerMTok",
  "requiredCapabilities",
  "allowedProviders",
  "allowedGeoScopes",
  "excludeLegacy",
  "candidates",
  "allowAutoSwitch",
  "allowUserChoice",
  "cooldownSeconds",
  "monthlyInputTokens",
  "monthlyOutputTokens",
  "description",
] as const;
const policyOf = (uc: Json) => Object.fromEntries(POLICY_FIELDS.map((k) => [k, uc[k]]));

describe.runIf(!!process.env.DATABASE_URL)("the invoke path's caches across two instances on one Postgres", () => {
  let t: TestDatabase;
  let a: Instance;
  let b: Instance;

  const seenUseCaseOn = async (i: Instance, name: string): Promise<Json | null> => {
    const r = await i.post("/use-case", { name });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return r.body.useCase;
  };
  const cooldownsOn = async (i: Instance, now?: string): Promise<Json> => (await i.post("/cooldowns", now ? { now } : {})).body;

  beforeAll(async () => {
    t = await createTestDatabase("postgres");
    await seedDatabase(t.db, { demo: false });
    [a, b] = await Promise.all([startInstance("A", t.url!, { entry: ENTRY }), startInstance("B", t.url!, { entry: ENTRY })]);
  });

  afterAll(async () => {
    await Promise.all([a, b].filter(Boolean).map((i) => i.stop()));
    await t?.drop();
  });

  it("a use case switched on A is served with its new model by B", async () => {
    expect(a.child.pid).not.toBe(b.child.pid);
    expect((await seenUseCaseOn(b, "health"))!.currentModelId).toBe(NOVA_LITE); // warms B
    // Behind the app's back: not announced, so B keeps its copy.
    await t.rows("update use_cases set current_model_id = $1 where name = 'health'", [NOVA_PRO]);
    expect((await seenUseCaseOn(b, "health"))!.currentModelId).toBe(NOVA_LITE);
    await t.rows("update use_cases set current_model_id = $1 where name = 'health'", [NOVA_LITE]);

    const switched = await a.post("/switch", { useCase: "health", modelId: NOVA_MICRO });
    expect(switched.status, JSON.stringify(switched.body)).toBe(200);
    // A itself answers with the new model at once; B within a second.
    expect((await seenUseCaseOn(a, "health"))!.currentModelId).toBe(NOVA_MICRO);
    await within(PROPAGATION_MS, "B serves health with the model switched on A", async () => (await seenUseCaseOn(b, "health"))!.currentModelId === NOVA_MICRO);
  });

  it("a policy and a fallback chain edited on B reach A; a use case created on A reaches B", async () => {
    const before = (await seenUseCaseOn(a, "health"))!; // warms A
    const edited = await b.post("/policy", {
      name: "health",
      expectedVersion: before.version,
      policy: { ...policyOf(before), cooldownSeconds: before.cooldownSeconds + 7 },
    });
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    await within(
      PROPAGATION_MS,
      "A uses the cooldown set on B",
      async () => (await seenUseCaseOn(a, "health"))!.cooldownSeconds === before.cooldownSeconds + 7,
    );

    const chain = [NOVA_PRO, NOVA_LITE].filter((m) => m !== before.currentModelId);
    const chained = await b.post("/chain", { name: "health", chain });
    expect(chained.status, JSON.stringify(chained.body)).toBe(200);
    await within(PROPAGATION_MS, "A uses the fallback chain set on B", async () => (await seenUseCaseOn(a, "health"))!.fallbackChain.join() === chain.join());

    expect(await seenUseCaseOn(b, "triage")).toBeNull(); // B has loaded its use cases: none is called triage
    const created = await a.post("/create", { name: "triage", currentModelId: NOVA_LITE, policy: policyOf(before) });
    expect(created.status, JSON.stringify(created.body)).toBe(200);
    await within(PROPAGATION_MS, "B knows the use case created on A", async () => (await seenUseCaseOn(b, "triage")) !== null);
  });

  it("a model cooled down on A is skipped by B, until its cooldown is over by B's clock", async () => {
    expect(await cooldownsOn(b)).toEqual({}); // warms B
    // Behind the app's back: not announced, B keeps its copy.
    await t.rows("insert into model_cooldowns (model_id, until, error_code) values ($1, now() + interval '1 hour', 'x')", [NOVA_PRO]);
    expect(await cooldownsOn(b)).toEqual({});
    await t.rows("delete from model_cooldowns");

    expect((await a.post("/cool-down", { modelId: NOVA_LITE, seconds: 120 })).status).toBe(200);
    await within(PROPAGATION_MS, "B sees the cooldown from A", async () => Object.keys(await cooldownsOn(b)).join() === NOVA_LITE);
    const until = Date.parse((await cooldownsOn(b))[NOVA_LITE]);
    expect(until).toBeGreaterThan(Date.now() + 100_000);
    // Over by time: no announcement needed, B's clock decides (injected here).
    expect(await cooldownsOn(b, new Date(until + 1).toISOString())).toEqual({});
    expect(Object.keys(await cooldownsOn(b, new Date(until - 1000).toISOString()))).toEqual([NOVA_LITE]);
  });
});
