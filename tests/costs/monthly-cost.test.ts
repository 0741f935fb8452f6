// The one monthly cost figure (server/costs/monthly-cost.ts) on both drivers: a use case is priced at its own estimate
// until it has calls on MIN_TRAFFIC_DAYS days of the last 30 full days, then at that traffic scaled to a month; and
// every page and dialog that shows a use case's monthly cost gets that same figure, with its basis label.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { invocations, useCases } from "@/db/schema";
import { seedDatabase } from "@/db/seed";
import { tokenCostUsd } from "@/lib/cost";
import { loadCosts, loadOverview } from "@/server/analytics/service";
import type { Actor } from "@/server/auth/roles";
import { cachedCatalog } from "@/server/catalog/cache";
import { DAYS_PER_MONTH, MIN_TRAFFIC_DAYS, monthlyCostFigures } from "@/server/costs/monthly-cost";
import { setDatabase } from "@/server/db";
import { getUseCaseDetail, listUseCaseDetails } from "@/server/use-cases/detail";
import { useCaseSwitchCandidates } from "@/server/use-cases/switch-candidates";
import { eq } from "drizzle-orm";
import { drivers, createTestDatabase, type TestDatabase } from "../support/test-db";

const DAY = 86_400_000;
const NOW = new Date("2026-11-20T15:00:00Z");
const admin: Actor = { kind: "user", user: { id: "00000000-0000-4000-8000-000000000001", email: "a@x", name: "A", role: "admin" } };

describe.each(drivers)("monthly cost figure on %s", (kind) => {
  let t: TestDatabase;

  beforeAll(async () => {
    t = await createTestDatabase(kind);
    await seedDatabase(t.db, { demo: false, hashPassword: async () => "scrypt$x" });
    setDatabase(t);
  });
  afterAll(async () => t?.drop());

  /** One call of `useCase` on the day `daysAgo` days before NOW, at noon. */
  const call = (useCase: string, daysAgo: number, inputTokens: number, outputTokens: number) =>
    t.db.insert(invocations).values({
      modelId: "eu.amazon.nova-pro-v1:0",
      useCase,
      inputTokens,
      outputTokens,
      outcome: "success",
      inputPricePerMTok: 0,
      outputPricePerMTok: 0,
      createdAt: new Date(Date.parse(`${new Date(NOW.getTime() - daysAgo * DAY).toISOString().slice(0, 10)}T12:00:00Z`)),
    });

  test("the estimate until calls on enough days, then the last 30 days of traffic scaled to a month", async () => {
    const catalog = await cachedCatalog();
    const figure = async () => (await monthlyCostFigures({ db: t.db, now: NOW, catalog, useCase: "operations" }))[0]!;
    const [ops] = await t.db.select().from(useCases).where(eq(useCases.name, "operations"));
    const model = catalog.find((m) => m.modelId === ops!.currentModelId)!;
    const estimate = { inputTokens: Number(ops!.monthlyInputTokens), outputTokens: Number(ops!.monthlyOutputTokens) };

    const none = await figure();
    expect(none.volume).toEqual({ ...estimate, basis: "estimate" });
    expect(none.basisLabel).toBe("use case estimate");
    expect(none.monthlyUsd).toBeCloseTo(tokenCostUsd(estimate, model), 6);

    // Many calls, but on too few days (1 .. MIN_TRAFFIC_DAYS − 1 days ago); calls today and 31 days ago are outside the
    // window and count for nothing.
    for (let d = 1; d < MIN_TRAFFIC_DAYS; d++) await call("operations", d, 1_000_000, 100_000);
    await call("operations", 0, 9e8, 9e8);
    await call("operations", 31, 9e8, 9e8);
    await call("operations", 32, 9e8, 9e8);
    const thin = await figure();
    expect(thin.volume.basis).toBe("estimate");
    expect(thin.traffic.daysWithTraffic).toBe(MIN_TRAFFIC_DAYS - 1);
    expect(thin.traffic.invocations).toBe(MIN_TRAFFIC_DAYS - 1);

    // One more day, the window's first: enough, covering all 30 days.
    await call("operations", 30, 2_000_000, 200_000);
    const enough = await figure();
    const input = (MIN_TRAFFIC_DAYS - 1) * 1_000_000 + 2_000_000;
    const output = (MIN_TRAFFIC_DAYS - 1) * 100_000 + 200_000;
    expect(enough.traffic.daysWithTraffic).toBe(MIN_TRAFFIC_DAYS);
    expect(enough.volume).toEqual({
      inputTokens: Math.round((input * DAYS_PER_MONTH) / 30),
      outputTokens: Math.round((output * DAYS_PER_MONTH) / 30),
      basis: "traffic",
    });
    expect(enough.basisLabel).toBe("last 30 days of traffic");
    expect(enough.monthlyUsd).toBeCloseTo(tokenCostUsd(enough.volume, model), 6);
    // The other use cases have no traffic: still their estimates.
    const all = await monthlyCostFigures({ db: t.db, now: NOW, catalog });
    expect(all.map((f) => [f.useCase, f.volume.basis])).toEqual([
      ["clinical", "estimate"],
      ["general", "estimate"],
      ["health", "estimate"],
      ["operations", "traffic"],
    ]);
  });

  test("traffic that started inside the window is scaled over the days it covers", async () => {
    const catalog = await cachedCatalog();
    for (let d = 1; d <= MIN_TRAFFIC_DAYS; d++) await call("general", d, 300_000, 30_000);
    const [general] = await monthlyCostFigures({ db: t.db, now: NOW, catalog, useCase: "general" });
    expect(general!.volume).toEqual({
      inputTokens: Math.round((MIN_TRAFFIC_DAYS * 300_000 * DAYS_PER_MONTH) / MIN_TRAFFIC_DAYS),
      outputTokens: Math.round((MIN_TRAFFIC_DAYS * 30_000 * DAYS_PER_MONTH) / MIN_TRAFFIC_DAYS),
      basis: "traffic",
    });
  });

  test("the Overview, the Use cases cards, the switch confirmation and the Costs page show the same figure", async () => {
    // The pages read the current time: put traffic on the last ten days before today for clinical.
    const now = Date.now();
    for (let d = 1; d <= 10; d++) {
      const day = new Date(now - d * DAY).toISOString().slice(0, 10);
      await t.db.insert(invocations).values({
        modelId: "x",
        useCase: "clinical",
        inputTokens: 90_000 + d,
        outputTokens: 20_000,
        outcome: "success",
        inputPricePerMTok: 0,
        outputPricePerMTok: 0,
        createdAt: new Date(`${day}T12:00:00Z`),
      });
    }
    const catalog = await cachedCatalog();
    const [own] = await monthlyCostFigures({ db: t.db, now: new Date(), catalog, useCase: "clinical" });
    expect(own!.volume.basis).toBe("traffic");
    const expected = { usd: own!.monthlyUsd, label: "last 30 days of traffic" };

    const overview = (await loadOverview({ actor: admin })).useCases.find((u) => u.name === "clinical")!;
    const card = (await listUseCaseDetails({ actor: admin })).find((d) => d.useCase.name === "clinical")!.monthlyCost!;
    const detail = (await getUseCaseDetail({ actor: admin, name: "clinical" })).monthlyCost!;
    const candidates = await useCaseSwitchCandidates({ actor: admin, useCase: "clinical" });
    const from = candidates.models.find((m) => m.modelId === candidates.currentModelId)!;
    const costs = (await loadCosts({ actor: admin })).figures.find((f) => f.useCase === "clinical")!;

    expect({ usd: overview.monthlyUsd, label: overview.basisLabel }).toEqual(expected);
    expect({ usd: card.monthlyUsd, label: card.basisLabel }).toEqual(expected);
    expect({ usd: detail.monthlyUsd, label: detail.basisLabel }).toEqual(expected);
    expect({ usd: costs.monthlyUsd, label: costs.basisLabel }).toEqual(expected);
    // The confirmation prices the current model at the figure's volume: the same bill.
    expect({ usd: tokenCostUsd(candidates.monthlyCost!.volume, from), label: candidates.monthlyCost!.basisLabel }).toEqual(expected);
  });

  test("the Costs page's what-if offers only models the use case's policy allows: no embedding model for chat", async () => {
    const { whatIfModels } = await loadCosts({ actor: admin });
    const catalog = await cachedCatalog();
    const embedding = catalog.filter((m) => m.capabilities.includes("embedding")).map((m) => m.modelId);
    expect(embedding.length).toBeGreaterThan(0);
    for (const name of ["clinical", "general", "health", "operations"]) {
      expect(whatIfModels[name]!.length, name).toBeGreaterThan(0);
      expect(
        whatIfModels[name]!.filter((id) => embedding.includes(id)),
        name,
      ).toEqual([]);
    }
    // And the list is the policy's: what get-for-use-case ranks eligible (cooldowns aside) is offered.
    const ranked = await useCaseSwitchCandidates({ actor: admin, useCase: "health" });
    const eligible = ranked.models
      .filter((m) => m.eligible && m.enabled)
      .map((m) => m.modelId)
      .sort();
    expect([...whatIfModels.health!].sort()).toEqual(eligible);
  });
});
