import { describe, expect, test } from "vitest";
import {
  costReport,
  DAYS_PER_MONTH,
  defaultBaselineId,
  formatPct,
  formatUsd,
  formatUsdDelta,
  MIN_OBSERVED_INVOCATIONS,
  monthlyCost,
  monthlyVolume,
  whatIf,
  type PricedModel,
  type UseCaseVolume,
} from "@/components/analytics/cost-estimate";
import { parseCostsView, serializeCostsView } from "@/lib/costs-view";
import { catalogSnapshot } from "@/db/seed/catalog-snapshot";
import { HAIKU_EU, NOVA_LITE_EU, NOVA_PRO_EU, SONNET_EU, useCaseSeeds } from "@/db/seed/use-cases";

const models = new Map<string, PricedModel>(catalogSnapshot.map((m) => [m.modelId, m]));

function volume(useCase: string, currentModelId: string, estimate: [number, number], observed?: Partial<UseCaseVolume["observed"]>): UseCaseVolume {
  return {
    useCase,
    currentModelId,
    estimate: { inputTokens: estimate[0], outputTokens: estimate[1] },
    observed: { invocations: 0, inputTokens: 0, outputTokens: 0, days: 30, spentUsd: 0, ...observed },
  };
}

describe("monthly volume", () => {
  test("the use case's estimate until there are enough invocations, then the last 30 days scaled to a month", () => {
    const few = volume("x", NOVA_LITE_EU, [1_000_000, 200_000], { invocations: MIN_OBSERVED_INVOCATIONS - 1, inputTokens: 9e9, outputTokens: 9e9 });
    expect(monthlyVolume(few)).toEqual({ inputTokens: 1_000_000, outputTokens: 200_000, source: "estimate" });
    const enough = volume("x", NOVA_LITE_EU, [1, 1], { invocations: MIN_OBSERVED_INVOCATIONS, inputTokens: 3_000_000, outputTokens: 600_000 });
    expect(monthlyVolume(enough)).toEqual({
      inputTokens: Math.round((3_000_000 * DAYS_PER_MONTH) / 30),
      outputTokens: Math.round((600_000 * DAYS_PER_MONTH) / 30),
      source: "traffic",
    });
    expect(monthlyVolume(enough, "estimate")).toEqual({ inputTokens: 1, outputTokens: 1, source: "estimate" });
  });

  test("cost per month = (input × input price + output × output price) / 1e6", () => {
    expect(monthlyCost({ inputTokens: 1_000_000, outputTokens: 2_000_000 }, { inputPricePerMTok: 0.078, outputPricePerMTok: 0.312 })).toBeCloseTo(0.702, 10);
    expect(monthlyCost({ inputTokens: 0, outputTokens: 0 }, { inputPricePerMTok: 5, outputPricePerMTok: 25 })).toBe(0);
  });
});

describe("the old system's scenario", () => {
  // The seeded use cases with their own estimates: clinical on a Claude Sonnet, health on Nova Lite, operations on
  // Nova Pro (and general on Haiku), against everything on Claude.
  const volumes = useCaseSeeds.map((u) => volume(u.name, u.currentModelId, [u.monthlyInputTokens ?? 0, u.monthlyOutputTokens ?? 0]));

  test("the default baseline is the priciest current assignment: the Claude Sonnet", () => {
    expect(volumes.find((v) => v.useCase === "clinical")!.currentModelId).toBe(SONNET_EU);
    expect(volumes.find((v) => v.useCase === "health")!.currentModelId).toBe(NOVA_LITE_EU);
    expect(volumes.find((v) => v.useCase === "operations")!.currentModelId).toBe(NOVA_PRO_EU);
    expect(defaultBaselineId(volumes, models)).toBe(SONNET_EU);
  });

  test("the mix saves against everything on Claude, in dollars and percent", () => {
    const report = costReport({ volumes, models, baselineModelId: SONNET_EU });
    const row = (name: string) => report.rows.find((r) => r.useCase === name)!;
    expect(row("clinical").savingUsd).toBeCloseTo(0, 6);
    expect(row("clinical").currentUsd).toBeCloseTo((420e6 * 3.3 + 95e6 * 16.5) / 1e6, 6);
    expect(row("health").currentUsd).toBeCloseTo((1600e6 * 0.078 + 380e6 * 0.312) / 1e6, 6);
    expect(row("operations").currentUsd).toBeCloseTo((650e6 * 1.05 + 160e6 * 4.2) / 1e6, 6);
    expect(report.totals.savingUsd).toBeCloseTo(report.totals.baselineUsd - report.totals.currentUsd, 6);
    expect(report.totals.savingUsd).toBeGreaterThan(10_000);
    expect(report.totals.savingPct!).toBeGreaterThan(60);
    expect(report.totals.savingPct!).toBeLessThan(100);
  });

  test("a what-if prices one use case on another model and leaves the rest", () => {
    const base = costReport({ volumes, models, baselineModelId: SONNET_EU });
    const moved = costReport({ volumes, models, baselineModelId: SONNET_EU, overrides: { clinical: HAIKU_EU } });
    const clinical = moved.rows.find((r) => r.useCase === "clinical")!;
    expect(clinical.currentModelId).toBe(HAIKU_EU);
    const diff = whatIf(clinical.volume, models.get(SONNET_EU)!, models.get(HAIKU_EU)!);
    expect(diff.deltaUsd).toBeLessThan(0);
    expect(moved.totals.currentUsd - base.totals.currentUsd).toBeCloseTo(diff.deltaUsd, 6);
    expect(diff.deltaPct).toBeCloseTo((100 * diff.deltaUsd) / diff.currentUsd, 6);
    expect(whatIf({ inputTokens: 0, outputTokens: 0 }, models.get(SONNET_EU)!, models.get(HAIKU_EU)!).deltaPct).toBeNull();
  });

  test("no use cases: no baseline", () => {
    expect(defaultBaselineId([], models)).toBeNull();
  });
});

test("money formats", () => {
  expect(formatUsd(12_345.6)).toBe("$12,346");
  expect(formatUsd(35.956)).toBe("$35.96");
  expect(formatUsd(-5.1)).toBe("\u2212$5.10");
  expect(formatUsdDelta(1234)).toBe("+$1,234");
  expect(formatUsdDelta(-0.001)).toBe("$0.00");
  expect(formatPct(59.04)).toBe("59.0%");
  expect(formatPct(-3.46, true)).toBe("\u22123.5%");
  expect(formatPct(null)).toBe("—");
  expect(formatPct(7279.34, true)).toBe("+7,279%");
  expect(formatPct(100, true)).toBe("+100%");
});

test("the Costs view round-trips through the URL; unknown ids are dropped", () => {
  const known = { models: new Set([SONNET_EU, HAIKU_EU]), useCases: new Set(["clinical", "health"]) };
  const view = parseCostsView(
    new URLSearchParams({ baseline: HAIKU_EU, volume: "estimate", "wi.clinical": HAIKU_EU, "wi.health": "nope", "wi.unknown": SONNET_EU }),
    known,
  );
  expect(view).toEqual({ baseline: HAIKU_EU, volume: "estimate", whatIf: { clinical: HAIKU_EU } });
  const query = serializeCostsView(view, { baseline: SONNET_EU });
  expect(parseCostsView(new URLSearchParams(query), known)).toEqual(view);
  expect(serializeCostsView({ baseline: SONNET_EU, volume: "auto", whatIf: {} }, { baseline: SONNET_EU })).toBe("");
});
