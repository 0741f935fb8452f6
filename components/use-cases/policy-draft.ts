// The policy editor's form state and its conversion to the action's input. Pure: unit tested.
import { CAPABILITIES, type Capability, type GeoScope, type PolicyObjective, type UseCase } from "@/lib/catalog-model";
import { policySchema, type PolicyInput } from "@/lib/policy-schema";
import { fieldErrorsOf } from "@/lib/zod-message";

/** Number fields are kept as typed text, so "1e" or "" can be told apart from 0 and reported. */
export type PolicyDraft = {
  objective: PolicyObjective;
  description: string;
  minContext: string;
  maxInputPricePerMTok: string;
  maxOutputPricePerMTok: string;
  requiredCapabilities: Capability[];
  allowedProviders: string[];
  allowedGeoScopes: GeoScope[];
  excludeLegacy: boolean;
  /** One model id per line. */
  candidates: string;
  allowAutoSwitch: boolean;
  allowUserChoice: boolean;
  cooldownSeconds: string;
  monthlyInputTokens: string;
  monthlyOutputTokens: string;
};

const text = (n: number | null) => (n === null ? "" : String(n));
const isCapability = (c: string): c is Capability => (CAPABILITIES as readonly string[]).includes(c);

export function draftFromUseCase(u: UseCase): PolicyDraft {
  return {
    objective: u.objective,
    description: u.description,
    minContext: text(u.minContext),
    maxInputPricePerMTok: text(u.maxInputPricePerMTok),
    maxOutputPricePerMTok: text(u.maxOutputPricePerMTok),
    requiredCapabilities: u.requiredCapabilities.filter(isCapability),
    allowedProviders: [...u.allowedProviders],
    allowedGeoScopes: [...u.allowedGeoScopes],
    excludeLegacy: u.excludeLegacy,
    candidates: u.candidates.join("\n"),
    allowAutoSwitch: u.allowAutoSwitch,
    allowUserChoice: u.allowUserChoice,
    cooldownSeconds: String(u.cooldownSeconds),
    monthlyInputTokens: String(u.monthlyInputTokens),
    monthlyOutputTokens: String(u.monthlyOutputTokens),
  };
}

const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x) => b.includes(x));

export function draftsEqual(a: PolicyDraft, b: PolicyDraft): boolean {
  return (
    a.objective === b.objective &&
    a.description === b.description &&
    a.minContext.trim() === b.minContext.trim() &&
    a.maxInputPricePerMTok.trim() === b.maxInputPricePerMTok.trim() &&
    a.maxOutputPricePerMTok.trim() === b.maxOutputPricePerMTok.trim() &&
    sameSet(a.requiredCapabilities, b.requiredCapabilities) &&
    sameSet(a.allowedProviders, b.allowedProviders) &&
    sameSet(a.allowedGeoScopes, b.allowedGeoScopes) &&
    a.excludeLegacy === b.excludeLegacy &&
    splitCandidates(a.candidates).join("\n") === splitCandidates(b.candidates).join("\n") &&
    a.allowAutoSwitch === b.allowAutoSwitch &&
    a.allowUserChoice === b.allowUserChoice &&
    a.cooldownSeconds.trim() === b.cooldownSeconds.trim() &&
    a.monthlyInputTokens.trim() === b.monthlyInputTokens.trim() &&
    a.monthlyOutputTokens.trim() === b.monthlyOutputTokens.trim()
  );
}

/** One id per line (commas also separate), blanks dropped. */
export function splitCandidates(value: string): string[] {
  return value
    .split(/[\n,]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?$/i;

type NumberFields = "minContext" | "maxInputPricePerMTok" | "maxOutputPricePerMTok" | "cooldownSeconds" | "monthlyInputTokens" | "monthlyOutputTokens";

const LABELS: Record<NumberFields, string> = {
  minContext: "Minimum context",
  maxInputPricePerMTok: "Maximum input price",
  maxOutputPricePerMTok: "Maximum output price",
  cooldownSeconds: "Cooldown",
  monthlyInputTokens: "Monthly input tokens",
  monthlyOutputTokens: "Monthly output tokens",
};

/**
 * The action's input, or every field's error at once: text that is not a number, then the policy schema the server
 * applies too (lib/policy-schema.ts), so the browser and the server never disagree and nothing comes back in a second
 * round. (The server also checks provider names and candidate ids against the catalog.) Thousands separators are
 * accepted: "1,600,000,000".
 */
export function policyInputFromDraft(draft: PolicyDraft): { ok: true; policy: PolicyInput } | { ok: false; fieldErrors: Record<string, string> } {
  const fieldErrors: Record<string, string> = {};
  const num = (field: NumberFields, nullable: boolean): number | null => {
    const raw = draft[field].trim().replace(/[,_\s]/g, "");
    if (raw === "") {
      if (nullable) return null;
      fieldErrors[field] = `${LABELS[field]} is required.`;
      return 0;
    }
    if (!NUMBER.test(raw)) {
      fieldErrors[field] = `${LABELS[field]} must be a number.`;
      return 0;
    }
    return Number(raw);
  };
  const policy: PolicyInput = {
    objective: draft.objective,
    description: draft.description,
    minContext: num("minContext", true),
    maxInputPricePerMTok: num("maxInputPricePerMTok", true),
    maxOutputPricePerMTok: num("maxOutputPricePerMTok", true),
    requiredCapabilities: draft.requiredCapabilities,
    allowedProviders: draft.allowedProviders,
    allowedGeoScopes: draft.allowedGeoScopes,
    excludeLegacy: draft.excludeLegacy,
    candidates: splitCandidates(draft.candidates),
    allowAutoSwitch: draft.allowAutoSwitch,
    allowUserChoice: draft.allowUserChoice,
    cooldownSeconds: num("cooldownSeconds", false) ?? 0,
    monthlyInputTokens: num("monthlyInputTokens", false) ?? 0,
    monthlyOutputTokens: num("monthlyOutputTokens", false) ?? 0,
  };
  const parsed = policySchema.safeParse(policy);
  if (!parsed.success) {
    // A field that is not a number keeps that message; the schema speaks for the others.
    for (const [field, message] of Object.entries(fieldErrorsOf(parsed.error, policy))) fieldErrors[field] ??= message;
  }
  return Object.keys(fieldErrors).length > 0 ? { ok: false, fieldErrors } : { ok: true, policy };
}
