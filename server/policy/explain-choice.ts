import "server-only";

import { formatPricePerMTok } from "@/lib/format";
import type { PolicyObjective } from "@/lib/catalog-model";

import { formatTokens } from "./format";
import type { RankedCandidate } from "./rank";

export type ChoiceExplanation = { best: RankedCandidate | null; switchNeeded: boolean; reason: string };

// Differences smaller than these read as "about the same" to a person, so they are not offered as a reason.
const PRICE_RATIO = 1.1;
const CONTEXT_RATIO = 1.5;
const PREFERENCE_POINTS = 1;
// How many excluded models the "nothing fits" sentence names before summarizing the rest.
const EXCLUDED_SHOWN = 3;

const score = (s: number) => s.toFixed(1);

function joinPhrases(parts: string[]): string {
  if (parts.length <= 1) return parts.join("");
  return `${parts.slice(0, -1).join(", ")} and ${parts[parts.length - 1]}`;
}

/** "higher quality tier (4 vs 3) despite a higher price (...)": what the winner gains and what it costs. */
function comparison(best: RankedCandidate, current: RankedCandidate): string {
  const gains: string[] = [];
  const losses: string[] = [];

  if (best.qualityTier > current.qualityTier) gains.push(`higher quality tier (${best.qualityTier} vs ${current.qualityTier})`);
  else if (best.qualityTier < current.qualityTier) losses.push(`lower quality tier (${best.qualityTier} vs ${current.qualityTier})`);

  const prices = `${formatPricePerMTok(best.blendedPricePerMTok)} vs ${formatPricePerMTok(current.blendedPricePerMTok)} blended`;
  if (best.blendedPricePerMTok * PRICE_RATIO < current.blendedPricePerMTok) gains.push(`lower price (${prices})`);
  else if (best.blendedPricePerMTok > current.blendedPricePerMTok * PRICE_RATIO) losses.push(`higher price (${prices})`);

  const contexts = `${formatTokens(best.contextWindow)} vs ${formatTokens(current.contextWindow)} tokens`;
  if (best.contextWindow >= current.contextWindow * CONTEXT_RATIO) gains.push(`larger context window (${contexts})`);
  else if (best.contextWindow * CONTEXT_RATIO <= current.contextWindow) losses.push(`smaller context window (${contexts})`);

  if (best.breakdown.preference - current.breakdown.preference >= PREFERENCE_POINTS) {
    gains.push("preferred by the use case's candidate list or tags");
  }

  const gained = gains.length > 0 ? joinPhrases(gains) : "a better overall balance of quality, cost and context";
  return losses.length > 0 ? `${gained}, despite a ${joinPhrases(losses)}` : gained;
}

/**
 * Says which model should serve the use case and why, in one sentence for the switch log and the UI.
 * The current model keeps its place when it scores as high as the best one: switching for a tie would only churn.
 */
export function explainChoice(ranked: readonly RankedCandidate[], currentModelId: string, objective?: PolicyObjective): ChoiceExplanation {
  const current = ranked.find((c) => c.modelId === currentModelId) ?? null;
  const top = ranked.find((c) => c.eligible) ?? null;

  if (!top) {
    if (ranked.length === 0) {
      return { best: null, switchNeeded: false, reason: "No model satisfies the policy: the catalog has no models to rank." };
    }
    const shown = ranked.slice(0, EXCLUDED_SHOWN).map((c) => {
      const more = c.reasons.length > 1 ? ` (+${c.reasons.length - 1} more)` : "";
      return `${c.name}: ${c.reasons[0] ?? "excluded"}${more}`;
    });
    const rest = ranked.length - shown.length;
    const tail = rest > 0 ? `; and ${rest} more model${rest === 1 ? "" : "s"}` : "";
    return { best: null, switchNeeded: false, reason: `No model satisfies the policy: ${shown.join("; ")}${tail}.` };
  }

  if (current?.eligible && current.score >= top.score) {
    return {
      best: current,
      switchNeeded: false,
      reason: `The current model, ${current.name}, is already the best fit (score ${score(current.score)}).`,
    };
  }

  const under = objective ? ` under the ${objective} objective` : "";
  const lead = `${top.name} scores ${score(top.score)}${under}`;
  let reason: string;
  if (!current) {
    reason = currentModelId ? `${lead}; the current model ${currentModelId} is not in the catalog.` : `${lead}; no model is assigned yet.`;
  } else if (!current.eligible) {
    reason = `${lead}; the current ${current.name} is not eligible: ${current.reasons[0] ?? "excluded"}.`;
  } else {
    reason = `${lead}, ahead of the current ${current.name} (${score(current.score)}): ${comparison(top, current)}.`;
  }
  return { best: top, switchNeeded: true, reason };
}
