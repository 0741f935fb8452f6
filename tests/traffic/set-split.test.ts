// Editing a use case's traffic split: admins only, within the policy, logged like a switch, announced to every
// instance's cache, and a switch to a split model removes that model's row.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { getTrafficSplit, TRAFFIC_CHANNEL } from "@/server/traffic/cache";
import { setTrafficSplit } from "@/server/traffic/update";
import { switchModel } from "@/server/switching/switch-model";
import { loadAdoption, loadCosts } from "@/server/analytics/service";
import { drivers } from "../support/test-db";
import { createServiceFixture, type ServiceFixture } from "../support/service-fixture";
import { NOVA_LITE, NOVA_MICRO, NOVA_PRO } from "../support/models";
import { failure } from "../support/errors";

// health: current model Nova Lite (EU), input ceiling $1.50/MTok, EU residency.
const PIXTRAL = "eu.mistral.pixtral-large-2502-v1:0"; // over the price ceiling
const NOVA2_GLOBAL = "global.amazon.nova-2-lite-v1:0"; // outside EU residency

const fieldErrors = (err: { details?: unknown }) => (err.details as { fieldErrors: Record<string, string> }).fieldErrors;

describe.each(drivers)("traffic splits on %s", (kind) => {
  let f: ServiceFixture;
  const stored = async (useCase = "health") =>
    f.t.rows<{ model_id: string; weight: number }>("select model_id, weight from use_case_traffic_splits where use_case = $1 order by model_id", [useCase]);
  const changes = async () =>
    f.t.rows<{ actor: string; weights: { modelId: string; weight: number }[]; reason: string | null; user_id: string | null }>(
      "select actor, weights, reason, user_id from traffic_split_changes where use_case = 'health' order by id",
    );

  beforeAll(async () => {
    f = await createServiceFixture(kind, { max: 10 });
  });
  afterAll(async () => f?.t.drop());
  beforeEach(async () => {
    await f.t.rows("delete from use_case_traffic_splits");
    await f.t.rows("delete from traffic_split_changes");
    await f.t.rows("update use_cases set current_model_id = $1 where name = 'health'", [NOVA_LITE]);
  });

  it("an admin sends 10% to a model the policy allows: stored, logged with the weights after and the reason", async () => {
    const r = await setTrafficSplit({ actor: f.admin, input: { useCase: "health", rows: [{ modelId: NOVA_MICRO, weight: 10 }], reason: "canary" } });
    expect(r.shares).toEqual([
      { modelId: NOVA_LITE, weight: 90 },
      { modelId: NOVA_MICRO, weight: 10 },
    ]);
    expect(await stored()).toEqual([{ model_id: NOVA_MICRO, weight: 10 }]);
    const log = await changes();
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ actor: "a@test.local", reason: "canary", weights: r.shares });
    expect(log[0]!.user_id).not.toBeNull();
    // The invoke path's read sees it at once on this instance.
    expect((await getTrafficSplit("health")).rows).toEqual([{ modelId: NOVA_MICRO, weight: 10 }]);
  });

  it("replaces the whole split, and an empty split sends everything back to the current model", async () => {
    await setTrafficSplit({ actor: f.admin, input: { useCase: "health", rows: [{ modelId: NOVA_MICRO, weight: 10 }] } });
    await setTrafficSplit({
      actor: f.admin,
      input: {
        useCase: "health",
        rows: [
          { modelId: NOVA_PRO, weight: 30 },
          { modelId: NOVA_MICRO, weight: 20 },
        ],
      },
    });
    expect(await stored()).toEqual([
      { model_id: NOVA_MICRO, weight: 20 },
      { model_id: NOVA_PRO, weight: 30 },
    ]);
    const r = await setTrafficSplit({ actor: f.admin, input: { useCase: "health", rows: [] } });
    expect(r.shares).toEqual([{ modelId: NOVA_LITE, weight: 100 }]);
    expect(await stored()).toEqual([]);
    expect((await changes()).map((c) => c.weights.length)).toEqual([2, 3, 1]);
    expect((await getTrafficSplit("health")).rows).toEqual([]);
  });

  it("refuses analysts, end users and unknown use cases, changing nothing", async () => {
    await setTrafficSplit({ actor: f.admin, input: { useCase: "health", rows: [{ modelId: NOVA_MICRO, weight: 10 }] } });
    for (const actor of [f.analyst, f.user]) {
      const err = await failure(setTrafficSplit({ actor, input: { useCase: "health", rows: [{ modelId: NOVA_PRO, weight: 50 }] } }));
      expect(err.code).toBe("forbidden");
    }
    expect((await failure(setTrafficSplit({ actor: f.admin, input: { useCase: "nope", rows: [] } }))).code).toBe("not_found");
    expect(await stored()).toEqual([{ model_id: NOVA_MICRO, weight: 10 }]);
    expect(await changes()).toHaveLength(1);
  });

  it.each([
    ["the current model", [{ modelId: NOVA_LITE, weight: 10 }], "rows.0.modelId", /is the current model of health/],
    ["a model over the policy's price ceiling", [{ modelId: PIXTRAL, weight: 10 }], "rows.0.modelId", /Does not fit the health policy: .*price/],
    ["a model outside the policy's residency", [{ modelId: NOVA2_GLOBAL, weight: 10 }], "rows.0.modelId", /Geo scope global is not allowed/],
    ["an unknown model", [{ modelId: "no.such-model-v1:0", weight: 10 }], "rows.0.modelId", /Unknown model id/],
    ["a share of 0", [{ modelId: NOVA_MICRO, weight: 0 }], "rows.0.weight", /at least 1%/],
    ["a share of 100", [{ modelId: NOVA_MICRO, weight: 100 }], "rows.0.weight", /at most 99%/],
    ["a fractional share", [{ modelId: NOVA_MICRO, weight: 12.5 }], "rows.0.weight", /whole percentage/],
    [
      "a model listed twice",
      [
        { modelId: NOVA_MICRO, weight: 10 },
        { modelId: NOVA_MICRO, weight: 5 },
      ],
      "rows.1.modelId",
      /listed twice/,
    ],
    [
      "shares over 99% together",
      [
        { modelId: NOVA_MICRO, weight: 60 },
        { modelId: NOVA_PRO, weight: 40 },
      ],
      "rows",
      /100% together; at most 99%/,
    ],
  ])("refuses %s with a field error and changes nothing", async (_what, rows, field, message) => {
    await setTrafficSplit({ actor: f.admin, input: { useCase: "health", rows: [{ modelId: NOVA_MICRO, weight: 10 }] } });
    const err = await failure(setTrafficSplit({ actor: f.admin, input: { useCase: "health", rows } }));
    expect(err.code).toBe("invalid_request");
    expect(fieldErrors(err)[field]).toMatch(message);
    expect(await stored()).toEqual([{ model_id: NOVA_MICRO, weight: 10 }]);
    expect(await changes()).toHaveLength(1);
  });

  it("refuses a save made from a stale view as a conflict carrying the fresh split", async () => {
    await setTrafficSplit({ actor: f.admin, input: { useCase: "health", rows: [{ modelId: NOVA_MICRO, weight: 10 }] } });
    const err = await failure(setTrafficSplit({ actor: f.admin, input: { useCase: "health", rows: [{ modelId: NOVA_PRO, weight: 5 }], expectedRows: [] } }));
    expect(err.code).toBe("conflict");
    expect((err.details as { split: { rows: unknown } }).split.rows).toEqual([{ modelId: NOVA_MICRO, weight: 10 }]);
    expect(await stored()).toEqual([{ model_id: NOVA_MICRO, weight: 10 }]);
  });

  it("a NOTIFY on the traffic channel (another instance's change) drops this instance's cached split", async () => {
    // The edit's own announcement arrives asynchronously (Postgres delivers it after commit): wait for it first.
    let heard!: () => void;
    const announced = new Promise<void>((resolve) => (heard = resolve));
    const unlisten = await f.t.listen(TRAFFIC_CHANNEL, () => heard());
    await setTrafficSplit({ actor: f.admin, input: { useCase: "health", rows: [{ modelId: NOVA_MICRO, weight: 10 }] } });
    await announced;
    await unlisten();
    expect((await getTrafficSplit("health")).rows).toEqual([{ modelId: NOVA_MICRO, weight: 10 }]);
    // Changed behind the cache's back: still the cached value...
    await f.t.rows("update use_case_traffic_splits set weight = 25 where use_case = 'health'");
    expect((await getTrafficSplit("health")).rows).toEqual([{ modelId: NOVA_MICRO, weight: 10 }]);
    // ...until someone announces a change.
    await f.t.notify(TRAFFIC_CHANNEL, "health");
    await expect.poll(async () => (await getTrafficSplit("health")).rows, { timeout: 1_000, interval: 10 }).toEqual([{ modelId: NOVA_MICRO, weight: 25 }]);
  });

  it("a switch to a split model removes its row, logs the removal, and the other rows keep their weights", async () => {
    await setTrafficSplit({
      actor: f.admin,
      input: {
        useCase: "health",
        rows: [
          { modelId: NOVA_MICRO, weight: 10 },
          { modelId: NOVA_PRO, weight: 20 },
        ],
      },
    });
    await switchModel({ actor: f.admin, input: { useCase: "health", modelId: NOVA_MICRO, reason: "promote the canary" } });
    expect(await stored()).toEqual([{ model_id: NOVA_PRO, weight: 20 }]);
    const last = (await changes()).at(-1)!;
    expect(last.weights).toEqual([
      { modelId: NOVA_MICRO, weight: 80 },
      { modelId: NOVA_PRO, weight: 20 },
    ]);
    expect(last.reason).toMatch(/became the current model; its split row \(10%\) was removed/);
    await expect.poll(async () => (await getTrafficSplit("health")).rows, { timeout: 1_000, interval: 10 }).toEqual([{ modelId: NOVA_PRO, weight: 20 }]);
    // A switch to a model outside the split leaves the split alone.
    const before = (await changes()).length;
    await switchModel({ actor: f.admin, input: { useCase: "health", modelId: NOVA_LITE } });
    expect(await stored()).toEqual([{ model_id: NOVA_PRO, weight: 20 }]);
    expect(await changes()).toHaveLength(before);
  });

  it("Adoption shows the configured split per use case; Costs take their key period from the URL; end users get neither", async () => {
    await setTrafficSplit({ actor: f.admin, input: { useCase: "health", rows: [{ modelId: NOVA_MICRO, weight: 10 }] } });
    const adoption = await loadAdoption({ actor: f.analyst, params: {} });
    expect(adoption.splitShares.find((u) => u.useCase === "health")!.configured).toEqual([
      { modelId: NOVA_LITE, weight: 90 },
      { modelId: NOVA_MICRO, weight: 10 },
    ]);
    expect(adoption.splitShares.find((u) => u.useCase === "general")!.configured).toHaveLength(1);
    expect((await loadCosts({ actor: f.analyst, params: { keyRange: "7d" } })).byKey.rangeKey).toBe("7d");
    expect((await loadCosts({ actor: f.analyst, params: { keyRange: "x" } })).byKey.rangeKey).toBe("30d");
    expect((await failure(loadAdoption({ actor: f.user, params: {} }))).code).toBe("forbidden");
    expect((await failure(loadCosts({ actor: f.user }))).code).toBe("forbidden");
  });
});
