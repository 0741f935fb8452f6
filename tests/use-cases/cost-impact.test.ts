import { describe, expect, it } from "vitest";
import { formatCostImpact, formatMonthlyUsd, monthlyCostImpact } from "@/components/switching/cost-impact";
import { draftFromUseCase, draftsEqual, policyInputFromDraft, splitCandidates } from "@/components/use-cases/policy-draft";
import type { UseCase } from "@/lib/catalog-model";

const LITE = { inputPricePerMTok: 0.078, outputPricePerMTok: 0.312 };
const MICRO = { inputPricePerMTok: 0.046, outputPricePerMTok: 0.184 };
const SONNET = { inputPricePerMTok: 3.3, outputPricePerMTok: 16.5 };
const HEALTH = { inputTokens: 1_600_000_000, outputTokens: 380_000_000 };

describe("monthly cost impact", () => {
  it.each([
    // (1600M × −0.032 + 380M × −0.128) / 1e6 = −51.2 − 48.64
    ["a cheaper model", HEALTH, LITE, MICRO, -99.84, "\u2212$99.84/month (\u221241%)"],
    // (1600 × 3.222 + 380 × 16.188) = 5155.2 + 6151.44
    ["a much dearer model", HEALTH, LITE, SONNET, 11_306.64, "+$11,307/month (+4,646%)"],
    ["the same prices", HEALTH, LITE, LITE, 0, "No change ($0/month)"],
    ["a small change keeps its cents and one decimal of percent", { inputTokens: 10_000_000, outputTokens: 0 }, LITE, { ...LITE, inputPricePerMTok: 0.08 }, 0.02, "+$0.02/month (+2.6%)"],
  ])("%s", (_what, volume, from, to, delta, text) => {
    const impact = monthlyCostImpact(volume, from, to);
    expect(impact.deltaUsd).toBeCloseTo(delta, 6);
    expect(formatCostImpact(impact)).toBe(text);
  });

  it("has no percentage without a current bill", () => {
    const impact = monthlyCostImpact({ inputTokens: 1e6, outputTokens: 0 }, { inputPricePerMTok: 0, outputPricePerMTok: 0 }, LITE);
    expect(impact.deltaPct).toBeNull();
    expect(formatCostImpact(impact)).toBe("+$0.08/month");
  });

  it("formats whole dollars from $100 up", () => {
    expect(formatMonthlyUsd(2954.25)).toBe("$2,954");
    expect(formatMonthlyUsd(99.5)).toBe("$99.50");
    expect(formatMonthlyUsd(-1234.4)).toBe("$1,234");
  });
});

const USE_CASE: UseCase = {
  name: "health",
  description: "d",
  currentModelId: "eu.amazon.nova-lite-v1:0",
  objective: "cost",
  minContext: 32_000,
  maxInputPricePerMTok: 1.5,
  maxOutputPricePerMTok: null,
  requiredCapabilities: ["text"],
  allowedProviders: [],
  allowedGeoScopes: ["eu", "in-region"],
  excludeLegacy: true,
  candidates: ["a", "b"],
  allowAutoSwitch: true,
  allowUserChoice: true,
  cooldownSeconds: 180,
  fallbackChain: [],
  monthlyInputTokens: 1_600_000_000,
  monthlyOutputTokens: 380_000_000,
  detectionTerms: [],
  version: 3,
};

describe("policy draft", () => {
  it("round-trips a use case into the action's input", () => {
    const r = policyInputFromDraft(draftFromUseCase(USE_CASE));
    expect(r).toEqual({
      ok: true,
      policy: {
        objective: "cost",
        description: "d",
        minContext: 32_000,
        maxInputPricePerMTok: 1.5,
        maxOutputPricePerMTok: null,
        requiredCapabilities: ["text"],
        allowedProviders: [],
        allowedGeoScopes: ["eu", "in-region"],
        excludeLegacy: true,
        candidates: ["a", "b"],
        allowAutoSwitch: true,
        allowUserChoice: true,
        cooldownSeconds: 180,
        monthlyInputTokens: 1_600_000_000,
        monthlyOutputTokens: 380_000_000,
      },
    });
  });

  it("leaves ranges to the server but reports text that is not a number, and empty required fields", () => {
    const draft = { ...draftFromUseCase(USE_CASE), cooldownSeconds: "-5", minContext: "", monthlyInputTokens: "1,600,000,000", maxInputPricePerMTok: "1.5$", monthlyOutputTokens: " " };
    const r = policyInputFromDraft(draft);
    expect(r).toEqual({
      ok: false,
      fieldErrors: { maxInputPricePerMTok: "Maximum input price must be a number.", monthlyOutputTokens: "Monthly output tokens is required." },
    });
    const fixed = policyInputFromDraft({ ...draft, maxInputPricePerMTok: "", monthlyOutputTokens: "0" });
    expect(fixed.ok && fixed.policy).toMatchObject({ cooldownSeconds: -5, minContext: null, monthlyInputTokens: 1_600_000_000, maxInputPricePerMTok: null });
  });

  it("splits candidates by line or comma and compares drafts by meaning", () => {
    expect(splitCandidates(" a \n\n b, c ,\n")).toEqual(["a", "b", "c"]);
    const a = draftFromUseCase(USE_CASE);
    expect(draftsEqual(a, { ...a, candidates: "a,\nb\n", allowedGeoScopes: ["in-region", "eu"] })).toBe(true);
    expect(draftsEqual(a, { ...a, candidates: "b\na" })).toBe(false);
    expect(draftsEqual(a, { ...a, cooldownSeconds: "181" })).toBe(false);
  });
});
