import { describe, expect, it } from "vitest";
import { draftFromUseCase, draftsEqual, policyInputFromDraft, splitCandidates } from "@/components/use-cases/policy-draft";
import type { UseCase } from "@/lib/catalog-model";

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

  it("reports every field's error in one round: text that is not a number, empty required fields and the server's ranges", () => {
    const draft = {
      ...draftFromUseCase(USE_CASE),
      cooldownSeconds: "-5",
      minContext: "",
      monthlyInputTokens: "1,600,000,000",
      maxInputPricePerMTok: "1.5$",
      monthlyOutputTokens: " ",
    };
    expect(policyInputFromDraft(draft)).toEqual({
      ok: false,
      fieldErrors: {
        maxInputPricePerMTok: "Maximum input price must be a number.",
        monthlyOutputTokens: "Monthly output tokens is required.",
        cooldownSeconds: "Cooldown must be between 0 and 86,400 seconds (one day).",
      },
    });
    // The same schema as the server's: a number far out of range, and a volume of 0, are refused here already.
    const far = policyInputFromDraft({ ...draftFromUseCase(USE_CASE), maxOutputPricePerMTok: "1e40", minContext: "1e40", monthlyInputTokens: "0" });
    expect(far).toEqual({
      ok: false,
      fieldErrors: {
        maxOutputPricePerMTok: "Maximum output price looks too high: prices are per million tokens.",
        minContext: "Minimum context looks too high.",
        monthlyInputTokens: "Monthly input tokens must be more than 0: cost figures use this estimate until there is traffic.",
      },
    });
    const fixed = policyInputFromDraft({ ...draft, cooldownSeconds: "0", maxInputPricePerMTok: "", monthlyOutputTokens: "0" });
    expect(fixed.ok && fixed.policy).toMatchObject({ cooldownSeconds: 0, minContext: null, monthlyInputTokens: 1_600_000_000, maxInputPricePerMTok: null });
  });

  it("splits candidates by line or comma and compares drafts by meaning", () => {
    expect(splitCandidates(" a \n\n b, c ,\n")).toEqual(["a", "b", "c"]);
    const a = draftFromUseCase(USE_CASE);
    expect(draftsEqual(a, { ...a, candidates: "a,\nb\n", allowedGeoScopes: ["in-region", "eu"] })).toBe(true);
    expect(draftsEqual(a, { ...a, candidates: "b\na" })).toBe(false);
    expect(draftsEqual(a, { ...a, cooldownSeconds: "181" })).toBe(false);
  });
});
