// Every call recorded and costed: off the request path in multi-row batches, at the price of the exact profile that
// served, with the key, end user and door; the rollups, Costs (per key) and Adoption (share per use case) include it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiKeys } from "@/db/schema";
import { costsByKey, servedShareByUseCase } from "@/server/analytics/traffic";
import { monthlyCostFigures } from "@/server/costs/monthly-cost";
import { dayOf, addDays } from "@/lib/date-range";
import { cachedCatalog } from "@/server/catalog/cache";
import { configureInvocationRecording, flushInvocations, recordInvocation, type InvocationRecord } from "@/server/invoke/record";
import { drivers } from "../support/test-db";
import { createServiceFixture, type ServiceFixture } from "../support/service-fixture";
import { manualTimer } from "./manual-timer";

const EU = "eu.amazon.nova-2-lite-v1:0"; // $0.33 in / $2.75 out per MTok
const GLOBAL = "global.amazon.nova-2-lite-v1:0"; // $0.30 in / $2.50 out per MTok

const call = (over: Partial<InvocationRecord>): InvocationRecord => ({
  modelId: EU,
  useCase: "health",
  conversationId: null,
  userId: null,
  inputTokens: 1_000_000,
  outputTokens: 1_000_000,
  latencyMs: 120,
  outcome: "success",
  errorCode: null,
  ...over,
});

describe.each(drivers)("recording invocations on %s", (kind) => {
  let f: ServiceFixture;
  let clock: ReturnType<typeof manualTimer>;
  let keyA: string;
  let keyB: string;
  const model = async (id: string) => (await cachedCatalog()).find((m) => m.modelId === id);

  beforeAll(async () => {
    f = await createServiceFixture(kind);
    clock = manualTimer();
    await configureInvocationRecording({ flushEveryMs: 200, maxRows: 50, timer: clock.timer });
    const keys = await f.t.db
      .insert(apiKeys)
      .values(
        ["billing-backend", "triage-backend"].map((name, i) => ({
          name,
          tokenPrefix: `sb_${i}`,
          tokenHash: `hash-${i}-${kind}`,
          accessKeyId: `SBK${i}${kind}`,
          secretEncrypted: "x",
          createdBy: "a@test.local",
        })),
      )
      .returning({ id: apiKeys.id });
    [keyA, keyB] = keys.map((k) => k.id) as [string, string];
  });
  afterAll(async () => {
    await configureInvocationRecording({});
    await f?.t.drop();
  });

  it("writes nothing on the caller's path, then the whole batch in one insert when the window passes", async () => {
    const before = await f.count("select count(*) as n from invocations");
    recordInvocation(call({ source: "openai", apiKeyId: keyA, endUser: "patient-42" }), await model(EU));
    recordInvocation(call({ modelId: GLOBAL, source: "bedrock", apiKeyId: keyB }), await model(GLOBAL));
    recordInvocation(
      call({ inputTokens: 10, outputTokens: 0, outcome: "throttled", errorCode: "ThrottlingException", source: "openai", apiKeyId: keyA }),
      await model(EU),
    );
    expect(await f.count("select count(*) as n from invocations")).toBe(before);
    clock.advance(200);
    await flushInvocations(); // waits for the write the timer started
    const rows = await f.t.rows<{
      id: number;
      model_id: string;
      cost_usd: string;
      input_price_per_mtok: string;
      api_key_id: string | null;
      end_user: string | null;
      source: string;
      outcome: string;
    }>(
      "select id, model_id, cost_usd::text, input_price_per_mtok::text, api_key_id, end_user, source, outcome from invocations where id > 0 order by id desc limit 3",
    );
    expect(rows).toHaveLength(3);
    const [throttled, global, eu] = rows;
    // In recording order, consecutive ids: one multi-row insert.
    expect([Number(eu!.id) + 1, Number(eu!.id) + 2]).toEqual([Number(global!.id), Number(throttled!.id)]);
    expect(eu).toMatchObject({ model_id: EU, api_key_id: keyA, end_user: "patient-42", source: "openai", outcome: "success" });
    expect(global).toMatchObject({ model_id: GLOBAL, api_key_id: keyB, end_user: null, source: "bedrock" });
    expect(throttled).toMatchObject({ outcome: "throttled", source: "openai" });
  });

  it("costs each call at the price of the profile that served it: eu and global differ", async () => {
    const rows = await f.t.rows<{ model_id: string; cost_usd: string }>(
      "select model_id, cost_usd::text from invocations where input_tokens = 1000000 order by id",
    );
    const cost = (id: string) => Number(rows.find((r) => r.model_id === id)!.cost_usd);
    expect(cost(EU)).toBeCloseTo(0.33 + 2.75, 8);
    expect(cost(GLOBAL)).toBeCloseTo(0.3 + 2.5, 8);
  });

  it("writes a full batch at once, without waiting for the window", async () => {
    const before = await f.count("select count(*) as n from invocations");
    const m = await model(EU);
    for (let i = 0; i < 50; i++) recordInvocation(call({ source: "chat", inputTokens: 1, outputTokens: 1 }), m);
    await expect.poll(() => f.count("select count(*) as n from invocations"), { timeout: 2_000, interval: 10 }).toBe(before + 50);
    expect(clock.waiting).toBe(0);
  });

  it("Costs include gateway calls: per-key totals, the calls without a key, and the use case's observed spend", async () => {
    const today = dayOf(new Date());
    const { keys, withoutKey } = await costsByKey({ db: f.t.db, range: { from: today, to: today } });
    expect(keys.map((k) => [k.name, k.invocations, k.failures])).toEqual([
      ["billing-backend", 2, 1],
      ["triage-backend", 1, 0],
    ]);
    expect(keys[0]!.costUsd).toBeCloseTo(0.33 + 2.75 + (10 * 0.33) / 1e6, 8);
    expect(keys[1]!.costUsd).toBeCloseTo(2.8, 8);
    expect(withoutKey.invocations).toBe(50);
    // An empty range has nothing.
    expect((await costsByKey({ db: f.t.db, range: { from: "2001-01-01", to: "2001-01-31" } })).keys).toEqual([]);
    // The rollup agrees with a plain query over the calls.
    const [plain] = await f.t.rows<{ n: string; cost: string }>(
      "select count(*)::text as n, sum(cost_usd)::text as cost from invocations where api_key_id = $1",
      [keyA],
    );
    expect(keys[0]!.invocations).toBe(Number(plain!.n));
    expect(keys[0]!.costUsd).toBeCloseTo(Number(plain!.cost), 8);
    // The cost estimates' observed volume is read from the same rollup: move today's calls to yesterday so they count.
    await f.t.rows("update invocations set created_at = created_at - interval '1 day'");
    const health = (await monthlyCostFigures({ db: f.t.db, now: new Date(), catalog: [] })).find((v) => v.useCase === "health")!;
    expect(health.traffic.invocations).toBe(53);
    const moved = await costsByKey({ db: f.t.db, range: { from: addDays(today, -1), to: addDays(today, -1) } });
    expect(moved.keys.map((k) => k.invocations)).toEqual([2, 1]);
    expect((await costsByKey({ db: f.t.db, range: { from: today, to: today } })).keys).toEqual([]);
  });

  it("Adoption shows each model's share of the calls it served per use case", async () => {
    const shares = await servedShareByUseCase({ db: f.t.db, range: null });
    const health = shares.find((s) => s.useCase === "health")!;
    // 51 successful calls on EU (1 + 50), 1 on GLOBAL; the throttled call served nothing.
    expect(health.served).toBe(52);
    expect(health.models).toEqual([
      { modelId: EU, served: 51, sharePct: 98.1 },
      { modelId: GLOBAL, served: 1, sharePct: 1.9 },
    ]);
  });
});
