import { describe, expect, it } from "vitest";

import type { CatalogModel, PolicyObjective, UseCasePolicy } from "@/lib/catalog-model";
import { explainChoice, OBJECTIVE_WEIGHTS, rankModels, type RankedCandidate } from "@/server/policy/rank";
import { makeModelBuilder, makePolicyBuilder } from "../support/catalog-fixtures";

const NOW = new Date("2026-08-01T12:00:00.000Z");

const model = makeModelBuilder({ capabilities: ["text", "tools"], destinationRegions: ["eu-central-1", "eu-west-1"] });
const policy = makePolicyBuilder({});

// A small eu-central-1 catalog with the prices of reference/bedrock.md §4.
const MICRO = model({
  modelId: "eu.amazon.nova-micro-v1:0",
  baseModelId: "amazon.nova-micro-v1:0",
  name: "Nova Micro",
  inputPricePerMTok: 0.046,
  outputPricePerMTok: 0.184,
  contextWindow: 128_000,
  qualityTier: 1,
  useCases: ["general"],
});
const LITE = model({ useCases: ["health"] });
const PRO = model({
  modelId: "eu.amazon.nova-pro-v1:0",
  baseModelId: "amazon.nova-pro-v1:0",
  name: "Nova Pro",
  inputPricePerMTok: 1.05,
  outputPricePerMTok: 4.2,
  qualityTier: 3,
  capabilities: ["text", "vision", "tools"],
  useCases: ["operations"],
});
const claude = (overrides: Partial<CatalogModel>) =>
  model({ provider: "Anthropic", capabilities: ["text", "vision", "tools", "reasoning"], contextWindow: 200_000, ...overrides });
const HAIKU = claude({
  modelId: "eu.anthropic.claude-haiku-4-5-20251001-v1:0",
  baseModelId: "anthropic.claude-haiku-4-5-20251001-v1:0",
  name: "Claude Haiku 4.5",
  inputPricePerMTok: 1.1,
  outputPricePerMTok: 5.5,
  qualityTier: 3,
});
const SONNET = claude({
  modelId: "eu.anthropic.claude-sonnet-4-5-20250929-v1:0",
  baseModelId: "anthropic.claude-sonnet-4-5-20250929-v1:0",
  name: "Claude Sonnet 4.5",
  inputPricePerMTok: 3.3,
  outputPricePerMTok: 16.5,
  qualityTier: 4,
  useCases: ["clinical"],
});
const SONNET_GLOBAL = claude({
  modelId: "global.anthropic.claude-sonnet-4-5-20250929-v1:0",
  baseModelId: "anthropic.claude-sonnet-4-5-20250929-v1:0",
  name: "Claude Sonnet 4.5",
  geoScope: "global",
  inputPricePerMTok: 3,
  outputPricePerMTok: 15,
  qualityTier: 4,
  useCases: ["clinical"],
});
const OPUS = claude({
  modelId: "eu.anthropic.claude-opus-4-6-v1",
  baseModelId: "anthropic.claude-opus-4-6-v1",
  name: "Claude Opus 4.6",
  inputPricePerMTok: 5.5,
  outputPricePerMTok: 27.5,
  contextWindow: 1_000_000,
  qualityTier: 5,
});
const HAIKU_3 = claude({
  modelId: "eu.anthropic.claude-3-haiku-20240307-v1:0",
  baseModelId: "anthropic.claude-3-haiku-20240307-v1:0",
  name: "Claude 3 Haiku",
  inputPricePerMTok: 0.25,
  outputPricePerMTok: 1.25,
  qualityTier: 2,
  lifecycleStatus: "legacy",
  legacyDate: "2026-03-10",
  endOfLifeDate: "2026-09-10",
});
const SONNET_37 = claude({
  modelId: "eu.anthropic.claude-3-7-sonnet-20250219-v1:0",
  baseModelId: "anthropic.claude-3-7-sonnet-20250219-v1:0",
  name: "Claude 3.7 Sonnet",
  inputPricePerMTok: 3,
  outputPricePerMTok: 15,
  qualityTier: 4,
  lifecycleStatus: "legacy",
  legacyDate: "2026-01-30",
  endOfLifeDate: "2026-07-30",
});

const CATALOG = [MICRO, LITE, PRO, HAIKU, SONNET, SONNET_GLOBAL, OPUS, HAIKU_3, SONNET_37];

const rank = (p: Partial<UseCasePolicy>, extra: Partial<Parameters<typeof rankModels>[0]> = {}) =>
  rankModels({ models: CATALOG, policy: policy(p), currentModelId: PRO.modelId, now: NOW, ...extra });
const byId = (ranked: RankedCandidate[], id: string) => {
  const found = ranked.find((c) => c.modelId === id);
  if (!found) throw new Error(`${id} not ranked`);
  return found;
};

describe("rankModels", () => {
  it.each<[PolicyObjective, string[]]>([
    ["cost", [MICRO.modelId, LITE.modelId]],
    ["quality", [OPUS.modelId, SONNET.modelId, SONNET_GLOBAL.modelId]],
  ])("the %s objective picks one of %j", (objective, winners) => {
    const [best] = rank({ objective });
    expect(best?.eligible).toBe(true);
    expect(winners).toContain(best?.modelId);
  });

  it("a cheap model beats Claude under cost and loses to it under quality", () => {
    const position = (objective: PolicyObjective, id: string) => rank({ objective }).findIndex((c) => c.modelId === id);
    expect(position("cost", LITE.modelId)).toBeLessThan(position("cost", SONNET.modelId));
    expect(position("quality", SONNET.modelId)).toBeLessThan(position("quality", LITE.modelId));
  });

  it("weights of every objective sum to 1", () => {
    for (const w of Object.values(OBJECTIVE_WEIGHTS)) {
      expect(w.quality + w.cost + w.context + w.preference).toBeCloseTo(1, 10);
    }
  });

  it("scores are 0..100 with one decimal, and the breakdown adds up to the score", () => {
    for (const c of rank({ objective: "balanced" })) {
      expect(c.score).toBeGreaterThanOrEqual(0);
      expect(c.score).toBeLessThanOrEqual(100);
      expect(Math.round(c.score * 10) / 10).toBe(c.score);
      const sum = c.breakdown.quality + c.breakdown.cost + c.breakdown.context + c.breakdown.preference;
      expect(Math.abs(sum - c.score)).toBeLessThanOrEqual(0.2);
    }
  });

  it("the cheapest eligible model gets the full cost points and the best tier the full quality points", () => {
    const ranked = rank({ objective: "balanced" });
    expect(byId(ranked, MICRO.modelId).breakdown.cost).toBe(40);
    expect(byId(ranked, OPUS.modelId).breakdown.quality).toBe(40);
    expect(byId(ranked, OPUS.modelId).breakdown.context).toBe(10);
  });

  it("a candidate list restricts the eligible models and orders preference by position", () => {
    const ranked = rank({ objective: "quality", candidates: [SONNET.modelId, HAIKU.modelId] });
    const eligible = ranked.filter((c) => c.eligible).map((c) => c.modelId);
    expect(eligible).toEqual([SONNET.modelId, HAIKU.modelId]);
    expect(byId(ranked, SONNET.modelId).breakdown.preference).toBe(8);
    expect(byId(ranked, HAIKU.modelId).breakdown.preference).toBe(4);
    expect(byId(ranked, OPUS.modelId).eligible).toBe(false);
    expect(byId(ranked, OPUS.modelId).reasons.join(" ")).toContain("Not in this use case's candidate list");
  });

  it("a candidate named by its base id admits its profiles, and residency then picks among them", () => {
    const ranked = rank({ candidates: [SONNET.baseModelId], allowedGeoScopes: ["eu", "in-region"] });
    expect(ranked.filter((c) => c.eligible).map((c) => c.modelId)).toEqual([SONNET.modelId]);
    expect(byId(ranked, SONNET_GLOBAL.modelId).reasons[0]).toContain("data may leave the EU");
  });

  it("a cooling-down model is excluded until its cooldown ends", () => {
    const until = "2026-08-01T12:05:00.000Z";
    const ranked = rank({ objective: "quality" }, { cooldowns: { [OPUS.modelId]: until, [SONNET.modelId]: "2026-08-01T11:00:00.000Z" } });
    const opus = byId(ranked, OPUS.modelId);
    expect(opus.eligible).toBe(false);
    expect(opus.coolingDownUntil).toBe(until);
    expect(opus.reasons).toContain(`Cooling down until ${until} after a failed call`);
    // An expired cooldown is ignored.
    expect(byId(ranked, SONNET.modelId).eligible).toBe(true);
    expect(byId(ranked, SONNET.modelId).coolingDownUntil).toBeUndefined();
    expect(ranked[0]?.modelId).not.toBe(OPUS.modelId);
  });

  it.each<[string, boolean, boolean]>([
    ["excludeLegacy on", true, false],
    ["excludeLegacy off", false, true],
  ])("legacy models with %s", (_label, excludeLegacy, eligible) => {
    const haiku3 = byId(rank({ excludeLegacy }), HAIKU_3.modelId);
    expect(haiku3.eligible).toBe(eligible);
    expect(haiku3.reasons.join(" ")).toContain(excludeLegacy ? "this use case excludes legacy models" : "Reaches end of life on 2026-09-10");
  });

  it.each<[string, CatalogModel, string]>([
    ["past end of life", SONNET_37, "Past end of life since 2026-07-30"],
    ["disabled", { ...PRO, enabled: false }, "Disabled in the catalog"],
  ])("a %s model is excluded whatever the policy", (_label, m, reason) => {
    const [ranked] = rankModels({ models: [m], policy: policy(), currentModelId: "", now: NOW });
    expect(ranked?.eligible).toBe(false);
    expect(ranked?.reasons.join(" ")).toContain(reason);
  });

  it("with a region, entries that cannot be called from it are excluded", () => {
    const bare = claude({ modelId: SONNET.baseModelId, geoScope: "in-region", name: "Claude Sonnet 4.5 (bare)" });
    const us = model({ modelId: "us.amazon.nova-premier-v1:0", name: "Nova Premier (US)", geoScope: "us", qualityTier: 5 });
    const ranked = rankModels({ models: [...CATALOG, bare, us], policy: policy(), currentModelId: "", now: NOW, region: "eu-central-1" });
    expect(byId(ranked, bare.modelId).eligible).toBe(false);
    expect(byId(ranked, bare.modelId).reasons[0]).toContain(`use the inference profile ${SONNET.modelId}`);
    expect(byId(ranked, us.modelId).eligible).toBe(false);
  });

  it("puts every eligible model before every excluded one, excluded ones with their reasons", () => {
    const ranked = rank({ objective: "quality", maxOutputPricePerMTok: 20 });
    const firstExcluded = ranked.findIndex((c) => !c.eligible);
    expect(firstExcluded).toBeGreaterThan(0);
    expect(ranked.slice(firstExcluded).every((c) => !c.eligible && c.reasons.length > 0)).toBe(true);
    // Opus would score highest on quality but its output price breaks the ceiling.
    expect(byId(ranked, OPUS.modelId).reasons).toContain("Output price $27.50/MTok exceeds the policy ceiling of $20.00/MTok");
  });

  it("marks the current model and gives tagged models a small bonus", () => {
    const ranked = rank({}, { useCaseName: "clinical" });
    expect(ranked.filter((c) => c.current).map((c) => c.modelId)).toEqual([PRO.modelId]);
    expect(byId(ranked, SONNET.modelId).breakdown.preference).toBe(6);
    expect(byId(ranked, HAIKU.modelId).breakdown.preference).toBe(4);
    expect(byId(ranked, SONNET.modelId).reasons).toContain("Tagged for clinical");
  });

  it("orders deterministically whatever the input order: score, then price, then id", () => {
    const forward = rank({ objective: "balanced" }).map((c) => c.modelId);
    const backward = rankModels({ models: [...CATALOG].reverse(), policy: policy(), currentModelId: PRO.modelId, now: NOW });
    expect(backward.map((c) => c.modelId)).toEqual(forward);

    // Same rounded score: the cheaper one first; identical facts: by model id.
    const a = model({ modelId: "b-cheaper", inputPricePerMTok: 1, outputPricePerMTok: 4 });
    const b = model({ modelId: "a-pricier", inputPricePerMTok: 1.0001, outputPricePerMTok: 4 });
    const c = model({ modelId: "c-same", inputPricePerMTok: 1.0001, outputPricePerMTok: 4 });
    const ties = rankModels({ models: [c, b, a], policy: policy(), currentModelId: "", now: NOW });
    expect(new Set(ties.map((t) => t.score)).size).toBe(1);
    expect(ties.map((t) => t.modelId)).toEqual(["b-cheaper", "a-pricier", "c-same"]);
  });

  it("scores excluded models on the eligible set's scale, and everyone when nothing is eligible", () => {
    const ranked = rank({ allowedProviders: ["Nobody"] });
    expect(ranked.every((c) => !c.eligible)).toBe(true);
    expect(ranked.some((c) => c.score > 0)).toBe(true);
    expect(rankModels({ models: [], policy: policy(), currentModelId: "", now: NOW })).toEqual([]);
  });
});

describe("explainChoice", () => {
  it("explains a switch: winner, score, objective, current and why", () => {
    const ranked = rank({ objective: "quality" });
    const result = explainChoice(ranked, PRO.modelId, "quality");
    expect(result.switchNeeded).toBe(true);
    expect(result.best?.modelId).toBe(OPUS.modelId);
    const opus = byId(ranked, OPUS.modelId).score.toFixed(1);
    const pro = byId(ranked, PRO.modelId).score.toFixed(1);
    expect(result.reason).toBe(
      `Claude Opus 4.6 (EU) scores ${opus} under the quality objective, ahead of the current Nova Pro (EU) (${pro}): ` +
        "higher quality tier (5 vs 3) and larger context window (1,000,000 vs 300,000 tokens), " +
        "despite a higher price ($11.00/MTok vs $1.8375/MTok blended).",
    );
  });

  it("says when a cheaper model wins on price", () => {
    const ranked = rank({ objective: "cost" });
    const result = explainChoice(ranked, SONNET.modelId, "cost");
    expect(result.switchNeeded).toBe(true);
    expect(result.reason).toMatch(/^Nova (Micro|Lite) \(EU\) scores [\d.]+ under the cost objective, ahead of the current Claude Sonnet 4\.5 \(EU\)/);
    expect(result.reason).toContain("lower price");
    expect(result.reason).toContain("despite a lower quality tier");
  });

  it("keeps the current model when it is already the best", () => {
    const ranked = rank({ objective: "quality" });
    const result = explainChoice(ranked, OPUS.modelId, "quality");
    expect(result).toMatchObject({ switchNeeded: false, best: { modelId: OPUS.modelId } });
    expect(result.reason).toBe(`The current model, Claude Opus 4.6 (EU), is already the best fit (score ${byId(ranked, OPUS.modelId).score.toFixed(1)}).`);
  });

  it("does not switch between models that tie", () => {
    const twin = model({ modelId: "z-twin" });
    const ranked = rankModels({ models: [LITE, twin], policy: policy(), currentModelId: "z-twin", now: NOW });
    expect(ranked[0]?.modelId).toBe(LITE.modelId);
    expect(explainChoice(ranked, "z-twin").switchNeeded).toBe(false);
  });

  it("says why the current model must go when it is no longer eligible", () => {
    const until = "2026-08-01T13:00:00.000Z";
    const ranked = rank({ objective: "quality" }, { cooldowns: { [OPUS.modelId]: until } });
    const result = explainChoice(ranked, OPUS.modelId, "quality");
    expect(result.switchNeeded).toBe(true);
    expect(result.best?.eligible).toBe(true);
    expect(result.reason).toContain(`the current Claude Opus 4.6 (EU) is not eligible: Cooling down until ${until}`);
  });

  it("handles a current model outside the catalog and no current model", () => {
    const ranked = rank({});
    expect(explainChoice(ranked, "retired.model-v1").reason).toContain("the current model retired.model-v1 is not in the catalog");
    expect(explainChoice(ranked, "").reason).toContain("no model is assigned yet");
  });

  it("says why nothing fits", () => {
    const ranked = rank({ minContext: 2_000_000 });
    const result = explainChoice(ranked, PRO.modelId, "balanced");
    expect(result).toMatchObject({ best: null, switchNeeded: false });
    expect(result.reason).toMatch(/^No model satisfies the policy: /);
    expect(result.reason).toContain("is below the policy minimum of 2,000,000 tokens");
    expect(result.reason).toContain("and 6 more models");
    expect(explainChoice([], "x").reason).toBe("No model satisfies the policy: the catalog has no models to rank.");
  });
});
