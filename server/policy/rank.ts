import "server-only";

import { formatPricePerMTok } from "@/lib/format";
import { modelDisplayName } from "@/lib/model-labels";
import type { CatalogModel, PolicyObjective, UseCasePolicy } from "@/lib/catalog-model";

import { candidateIndex, checkPolicyFit } from "./fit";
import { blendedPricePerMTok, formatTokens, ordinal } from "./format";
import { describeLifecycle, lifecycleState } from "./lifecycle";
import { checkRegion } from "./region";

export { explainChoice, type ChoiceExplanation } from "./explain-choice";

export type ScoreBreakdown = { quality: number; cost: number; context: number; preference: number };

export type RankedCandidate = {
  modelId: string;
  name: string;
  provider: string;
  /** 0..100, one decimal. */
  score: number;
  eligible: boolean;
  current: boolean;
  coolingDownUntil?: string;
  /** Points each factor contributes to the score (weight × normalized value × 100, one decimal); they add up to it. */
  breakdown: ScoreBreakdown;
  /** Why it ranks where it does, or, when not eligible, every reason it is excluded. */
  reasons: string[];
  /** The raw facts the explanation compares. */
  qualityTier: number;
  blendedPricePerMTok: number;
  contextWindow: number;
};

/** How much each normalized factor counts, per objective; each row sums to 1. */
export const OBJECTIVE_WEIGHTS: Record<PolicyObjective, ScoreBreakdown> = {
  quality: { quality: 0.65, cost: 0.15, context: 0.1, preference: 0.1 },
  balanced: { quality: 0.4, cost: 0.4, context: 0.1, preference: 0.1 },
  cost: { quality: 0.15, cost: 0.7, context: 0.05, preference: 0.1 },
};

export type RankInput = {
  models: readonly CatalogModel[];
  policy: UseCasePolicy;
  currentModelId: string;
  /** modelId → ISO timestamp until which the model is cooling down after a fallback. */
  cooldowns?: Record<string, string>;
  now: Date;
  /** Models tagged with this use case get a small bonus. */
  useCaseName?: string;
  /** When given, entries that cannot be invoked from this region (bare Claude ids, other geographies) are excluded. */
  region?: string;
};

// A price or context gap narrower than one decade still spans part of the scale instead of all of it, so two models
// at $3.00 and $3.30 do not land at the opposite ends of the cost axis.
const MIN_LOG_SPAN = Math.log(10);
// Embedding and free-tier entries can have a zero price; log(0) would swamp the scale.
const PRICE_FLOOR = 0.01;
// How the preference factor splits between the candidate-list position and the use-case tag.
const POSITION_SHARE = 0.8;
const TAG_SHARE = 0.2;
// Without a candidate list nobody is preferred, so everyone gets the middle of the position scale.
const NEUTRAL_POSITION = 0.5;

const clamp01 = (x: number) => Math.min(1, Math.max(0, x));
const round1 = (x: number) => Math.round(x * 10) / 10;

type Assessment = { model: CatalogModel; exclusions: string[]; notes: string[]; coolingDownUntil?: string };

function assess(model: CatalogModel, input: RankInput): Assessment {
  const exclusions: string[] = [];
  const notes: string[] = [];
  let coolingDownUntil: string | undefined;

  if (!model.enabled) exclusions.push("Disabled in the catalog");

  const lifecycle = lifecycleState(model, input.now);
  if (lifecycle.kind === "past-eol") exclusions.push(describeLifecycle(lifecycle));
  else if (lifecycle.kind !== "active") notes.push(describeLifecycle(lifecycle));

  if (input.region) {
    const region = checkRegion(model, input.region, input.models);
    if (region.status === "fail") exclusions.push(region.detail);
  }

  for (const check of checkPolicyFit(model, input.policy)) {
    if (check.status === "fail") exclusions.push(check.detail);
    // The lifecycle note already says it is legacy; the fit warning would repeat it.
    else if (check.status === "warn" && check.name !== "legacy") notes.push(check.detail);
  }

  const until = input.cooldowns?.[model.modelId];
  if (until) {
    const untilTime = Date.parse(until);
    if (!Number.isNaN(untilTime) && untilTime > input.now.getTime()) {
      coolingDownUntil = until;
      exclusions.push(`Cooling down until ${until} after a failed call`);
    }
  }

  return { model, exclusions, notes, coolingDownUntil };
}

/** min and max of a list, or null for an empty one. */
function extent(values: number[]): { min: number; max: number } | null {
  if (values.length === 0) return null;
  return { min: Math.min(...values), max: Math.max(...values) };
}

/**
 * Ranks every model for a use case: eligible ones first, best first; then the excluded ones with their reasons.
 *
 * score = 100 × (wq·quality + wc·cost + wx·context + wp·preference), weights from OBJECTIVE_WEIGHTS, where
 * - quality = (tier − 1) / 4;
 * - cost = 1 − (ln p − ln p_min) / max(ln p_max − ln p_min, ln 10), p = blended price (3·input + output) / 4,
 *   min and max over the eligible models: the cheapest scores 1;
 * - context = 1 − (ln c_max − ln c) / max(ln c_max − ln c_min, ln 10): the largest window scores 1;
 * - preference = 0.8 × position + 0.2 × tagged, position = (n − i) / n for the i-th (0-based) of n candidates,
 *   0.5 for everyone when the policy lists none.
 * Excluded models are scored on the same scales (clamped to 0..1) so the list still shows how they would compare.
 * Ties: score desc, then blended price asc, then modelId.
 */
export function rankModels(input: RankInput): RankedCandidate[] {
  const weights = OBJECTIVE_WEIGHTS[input.policy.objective];
  const assessments = input.models.map((m) => assess(m, input));
  const eligible = assessments.filter((a) => a.exclusions.length === 0);
  const scale = (eligible.length > 0 ? eligible : assessments).map((a) => a.model);

  const logPrice = (m: CatalogModel) => Math.log(Math.max(blendedPricePerMTok(m), PRICE_FLOOR));
  const logContext = (m: CatalogModel) => Math.log(Math.max(m.contextWindow, 1));
  const prices = extent(scale.map(logPrice));
  const contexts = extent(scale.map(logContext));
  const cheapest = scale.length > 0 ? Math.min(...scale.map(blendedPricePerMTok)) : 0;

  const candidates = input.policy.candidates;
  const useCase = input.useCaseName?.toLowerCase();

  const ranked = assessments.map(({ model, exclusions, notes, coolingDownUntil }): RankedCandidate => {
    const blended = blendedPricePerMTok(model);
    const quality = clamp01((model.qualityTier - 1) / 4);
    const cost = prices ? clamp01(1 - (logPrice(model) - prices.min) / Math.max(prices.max - prices.min, MIN_LOG_SPAN)) : 0;
    const context = contexts ? clamp01(1 - (contexts.max - logContext(model)) / Math.max(contexts.max - contexts.min, MIN_LOG_SPAN)) : 0;
    const index = candidateIndex(model, candidates);
    const position = candidates.length === 0 ? NEUTRAL_POSITION : index >= 0 ? (candidates.length - index) / candidates.length : 0;
    const tagged = useCase !== undefined && model.useCases.some((u) => u.toLowerCase() === useCase);
    const preference = POSITION_SHARE * position + TAG_SHARE * (tagged ? 1 : 0);

    const points = {
      quality: 100 * weights.quality * quality,
      cost: 100 * weights.cost * cost,
      context: 100 * weights.context * context,
      preference: 100 * weights.preference * preference,
    };
    const score = round1(points.quality + points.cost + points.context + points.preference);

    let reasons: string[];
    if (exclusions.length > 0) {
      reasons = exclusions;
    } else {
      reasons = [
        `Quality tier ${model.qualityTier} of 5`,
        blended === cheapest
          ? `Blended price ${formatPricePerMTok(blended)}, the lowest of the eligible models`
          : `Blended price ${formatPricePerMTok(blended)} (lowest eligible: ${formatPricePerMTok(cheapest)})`,
        `Context window ${formatTokens(model.contextWindow)} tokens`,
      ];
      if (index >= 0) reasons.push(`${ordinal(index + 1)} of ${candidates.length} in the candidate list`);
      if (tagged) reasons.push(`Tagged for ${input.useCaseName}`);
      reasons.push(...notes);
    }

    return {
      modelId: model.modelId,
      name: modelDisplayName(model),
      provider: model.provider,
      score,
      eligible: exclusions.length === 0,
      current: model.modelId === input.currentModelId,
      ...(coolingDownUntil ? { coolingDownUntil } : {}),
      breakdown: {
        quality: round1(points.quality),
        cost: round1(points.cost),
        context: round1(points.context),
        preference: round1(points.preference),
      },
      reasons,
      qualityTier: model.qualityTier,
      blendedPricePerMTok: blended,
      contextWindow: model.contextWindow,
    };
  });

  // Plain comparison instead of localeCompare so the order never depends on the server's locale.
  const byId = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return ranked.sort(
    (a, b) => Number(b.eligible) - Number(a.eligible) || b.score - a.score || a.blendedPricePerMTok - b.blendedPricePerMTok || byId(a.modelId, b.modelId),
  );
}
