import "server-only";

import type { DetectionRule } from "./detection-terms";

export {
  DEFAULT_DETECTION_TERMS,
  defaultDetectionRules,
  type DetectionRule,
  type DetectionTerm,
} from "./detection-terms";

export type Detection = {
  /** The best-scoring use case, or null when no term of any rule matched. */
  useCase: string | null;
  /** 0..1; see detectUseCase. */
  confidence: number;
  /** Summed weight of the distinct matched terms, per use case (every rule appears, 0 when nothing matched). */
  scores: Record<string, number>;
  /** The terms (as written in the rules) that matched, per use case. */
  matched: Record<string, string[]>;
  /** Whether the confidence reaches the threshold: auto-switch acts only then. */
  aboveThreshold: boolean;
};

export const DEFAULT_DETECTION_THRESHOLD = 0.5;

/** Case- and accent-insensitive form: "Diagnóse" and "DIAGNOSE" compare equal, so users' spelling does not matter. */
function fold(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase();
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * A term as a regular expression over folded text:
 * - word boundaries by Unicode letters and digits (\b only knows ASCII, so it sees a boundary inside "straße" or "сон");
 * - the words of a phrase may be separated by any spaces, dashes or underscores, or none ("ICD-10", "icd 10", "icd10");
 * - a trailing "s" or "es" is accepted so one form covers singular and plural.
 */
function termPattern(term: string): RegExp | null {
  const words = fold(term)
    .trim()
    .split(/[\s\p{Pd}_]+/u)
    .filter(Boolean);
  if (words.length === 0) return null;
  const body = words.map(escapeRegExp).join("[\\s\\p{Pd}_]*");
  const plural = /\p{L}$/u.test(words[words.length - 1] ?? "") ? "(?:e?s)?" : "";
  return new RegExp(`(?<![\\p{L}\\p{N}_])${body}${plural}(?![\\p{L}\\p{N}_])`, "gu");
}

type Span = { start: number; end: number };
const overlaps = (a: Span, b: Span) => a.start < b.end && b.start < a.end;

/**
 * Terms of one use case found in the folded message, each counted once. Longer terms claim their text first, so
 * "differential diagnosis" does not also count as "diagnosis" (a phrase weighs what its rule says, not more).
 */
function matchRule(folded: string, terms: DetectionRule["terms"]): { score: number; matched: string[] } {
  // The same term listed twice counts once (the first listing's weight).
  const byKey = new Map<string, DetectionRule["terms"][number] & { key: string }>();
  for (const t of terms) {
    const key = fold(t.term)
      .trim()
      .replace(/[\s\p{Pd}_]+/gu, " ");
    if (key.length > 0 && !byKey.has(key)) byKey.set(key, { ...t, key });
  }
  const prepared = [...byKey.values()].sort((a, b) => b.key.length - a.key.length);

  const claimed: Span[] = [];
  const matched: { term: string; weight: number }[] = [];
  for (const t of prepared) {
    const pattern = termPattern(t.term);
    if (!pattern) continue;
    const free = [...folded.matchAll(pattern)]
      .map((m): Span => ({ start: m.index, end: m.index + m[0].length }))
      .filter((span) => !claimed.some((c) => overlaps(c, span)));
    if (free.length === 0) continue;
    claimed.push(...free);
    matched.push({ term: t.term, weight: t.weight });
  }

  // A rule may carry negative weights to push back on a misleading word; a use case never scores below zero.
  const score = Math.max(
    0,
    matched.reduce((sum, m) => sum + m.weight, 0),
  );
  // Report matches in the rule's own order, which is how an admin reads them.
  const order = new Map(terms.map((t, i) => [t.term, i]));
  matched.sort((a, b) => (order.get(a.term) ?? 0) - (order.get(b.term) ?? 0));
  return { score, matched: matched.map((m) => m.term) };
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;

/**
 * Rule-based use-case detection.
 *
 * confidence = share × strength, where share = best / (best + second) says how clearly the winner beats the runner-up
 * and strength = 1 − e^(−best/2) says how much evidence there is at all. A single decisive term (weight 3) gives 0.78,
 * two strong terms (2 + 2.5) 0.89, a lone generic word (0.5) 0.22, and an even split between two use cases halves it.
 * Ties go to the rule listed first.
 */
export function detectUseCase(message: string, rules: readonly DetectionRule[], opts?: { threshold?: number }): Detection {
  const threshold = opts?.threshold ?? DEFAULT_DETECTION_THRESHOLD;
  const folded = fold(message);

  // Two rules for the same use case are one vocabulary.
  const vocabularies = new Map<string, DetectionRule["terms"]>();
  for (const rule of rules) vocabularies.set(rule.useCase, [...(vocabularies.get(rule.useCase) ?? []), ...rule.terms]);

  const scores: Record<string, number> = {};
  const matched: Record<string, string[]> = {};
  for (const [useCase, terms] of vocabularies) {
    const result = matchRule(folded, terms);
    scores[useCase] = round3(result.score);
    matched[useCase] = result.matched;
  }

  let best: string | null = null;
  let bestScore = 0;
  let second = 0;
  for (const useCase of vocabularies.keys()) {
    const score = scores[useCase] ?? 0;
    if (score > bestScore) {
      second = bestScore;
      bestScore = score;
      best = useCase;
    } else if (score > second) {
      second = score;
    }
  }

  const confidence = best === null ? 0 : round3((bestScore / (bestScore + second + 1e-9)) * (1 - Math.exp(-bestScore / 2)));
  return { useCase: best, confidence, scores, matched, aboveThreshold: best !== null && confidence >= threshold };
}
