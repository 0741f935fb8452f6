// The one cost formula (lib/cost.ts), the report and what-if built on it, the money formatter (lib/format.ts) and the
// Costs page's URL state. Pure.
import { describe, expect, test } from "vitest";
import { costImpact, costReport, defaultBaselineId, tokenCostUsd, type PricedModel, type UseCaseVolume } from "@/lib/cost";
import { formatCostImpact, formatPct, formatUsd, formatUsdDelta } from "@/lib/format";
import { parseCostsView, serializeCostsView } from "@/lib/costs-view";
import { catalogSnapshot } from "@/db/seed/catalog-snapshot";
import { HAIKU_EU, NOVA_LITE_EU, NOVA_PRO_EU, SONNET_EU, useCaseSeeds } from "@/db/seed/use-cases";

const models = new Map<string, PricedModel>(catalogSnapshot.map((m) => [m.modelId, m]));

function volume(useCase: string, currentModelId: string, tokens: [number, number]): UseCaseVolume {
  return { useCase, currentModelId, volume: { inputTokens: tokens[0], outputTokens: tokens[1], basis: "estimate" } };
}

test("cost = (input × input price + output × output price) / 1e6", () => {
  expect(tokenCostUsd({ inputTokens: 1_000_000, outputTokens: 2_000_000 }, { inputPricePerMTok: 0.078, outputPricePerMTok: 0.312 })).toBeCloseTo(0.702, 10);
  expect(tokenCostUsd({ inputTokens: 0, outputTokens: 0 }, { inputPricePerMTok: 5, outputPricePerMTok: 25 })).toBe(0);
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
    const diff = costImpact(clinical.volume, models.get(SONNET_EU)!, models.get(HAIKU_EU)!);
    expect(diff.deltaUsd).toBeLessThan(0);
    expect(moved.totals.currentUsd - base.totals.currentUsd).toBeCloseTo(diff.deltaUsd, 6);
    expect(diff.deltaPct).toBeCloseTo((100 * diff.deltaUsd) / diff.currentUsd, 6);
    expect(costImpact({ inputTokens: 0, outputTokens: 0 }, models.get(SONNET_EU)!, models.get(HAIKU_EU)!).deltaPct).toBeNull();
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
  expect(formatPct(9.96, true)).toBe("+10.0%");
  expect(formatPct(4646.2, true)).toBe("+4,646%");
  expect(formatPct(7279.34, true)).toBe("+7,279%");
  expect(formatPct(100, true)).toBe("+100%");
});

describe("cost impact of a switch", () => {
  const LITE = { inputPricePerMTok: 0.078, outputPricePerMTok: 0.312 };
  const MICRO = { inputPricePerMTok: 0.046, outputPricePerMTok: 0.184 };
  const SONNET = { inputPricePerMTok: 3.3, outputPricePerMTok: 16.5 };
  const HEALTH = { inputTokens: 1_600_000_000, outputTokens: 380_000_000 };
  test.each([
    // (1600M × −0.032 + 380M × −0.128) / 1e6 = −51.2 − 48.64
    ["a cheaper model", HEALTH, LITE, MICRO, -99.84, "\u2212$99.84/month (\u221241.0%)"],
    // (1600 × 3.222 + 380 × 16.188) = 5155.2 + 6151.44
    ["a much dearer model", HEALTH, LITE, SONNET, 11_306.64, "+$11,307/month (+4,646%)"],
    ["the same prices", HEALTH, LITE, LITE, 0, "No change ($0.00/month)"],
    ["a small change keeps its cents", { inputTokens: 10_000_000, outputTokens: 0 }, LITE, { ...LITE, inputPricePerMTok: 0.08 }, 0.02, "+$0.02/month (+2.6%)"],
  ])("%s", (_what, volume, from, to, delta, text) => {
    const impact = costImpact(volume, from, to);
    expect(impact.deltaUsd).toBeCloseTo(delta, 6);
    expect(impact.currentUsd).toBeCloseTo(tokenCostUsd(volume, from), 10);
    expect(formatCostImpact(impact)).toBe(text);
  });

  test("has no percentage without a current bill", () => {
    const impact = costImpact({ inputTokens: 1e6, outputTokens: 0 }, { inputPricePerMTok: 0, outputPricePerMTok: 0 }, LITE);
    expect(impact.deltaPct).toBeNull();
    expect(formatCostImpact(impact)).toBe("+$0.08/month");
  });
});

test("the Costs view round-trips through the URL; unknown ids are dropped", () => {
  const known = { models: new Set([SONNET_EU, HAIKU_EU]), useCases: new Set(["clinical", "health"]) };
  const view = parseCostsView(
    new URLSearchParams({ baseline: HAIKU_EU, volume: "estimate", "wi.clinical": HAIKU_EU, "wi.health": "nope", "wi.unknown": SONNET_EU }),
    known,
  );
  // An old link's volume=estimate is ignored: no view may price a use case off its one figure.
  expect(view).toEqual({ baseline: HAIKU_EU, whatIf: { clinical: HAIKU_EU } });
  const query = serializeCostsView(view, { baseline: SONNET_EU });
  expect(parseCostsView(new URLSearchParams(query), known)).toEqual(view);
  expect(serializeCostsView({ baseline: SONNET_EU, whatIf: {} }, { baseline: SONNET_EU })).toBe("");
});
