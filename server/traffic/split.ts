// A use case's traffic split: the pure part (no database), shared by the writer, the cache and the invoke path.

/** One model other than the current one and the percentage of new conversations (and of calls without one) it gets. */
export type SplitRow = { modelId: string; weight: number };

/** A use case's split as stored: the rows for models other than the current one. Empty: all traffic to the current model. */
export type TrafficSplit = { useCase: string; rows: SplitRow[] };

/** At most this much goes to split models together: the current model always keeps at least 1%. */
export const MAX_SPLIT_TOTAL = 99;

/** The whole split as shares that add up to 100, the current model first (what the log and the page show). */
export function splitShares(rows: readonly SplitRow[], currentModelId: string): SplitRow[] {
  const others = rows.filter((r) => r.modelId !== currentModelId);
  const total = others.reduce((sum, r) => sum + r.weight, 0);
  return [{ modelId: currentModelId, weight: 100 - total }, ...others];
}

/**
 * Picks the model for a new conversation or a call without one: each split row with probability weight/100, the
 * current model with the rest. `random` returns a number in [0, 1) (Math.random by default; tests pass their own).
 * A row naming the current model (a switch made it current; the switch removes it, see README) counts as the current model.
 */
export function pickSplitModel(split: TrafficSplit | readonly SplitRow[] | null, currentModelId: string, random: () => number = Math.random): string {
  const rows = split === null ? [] : Array.isArray(split) ? (split as readonly SplitRow[]) : (split as TrafficSplit).rows;
  if (rows.length === 0) return currentModelId;
  const x = random() * 100;
  let edge = 0;
  for (const row of rows) {
    if (row.modelId === currentModelId) continue;
    edge += row.weight;
    if (x < edge) return row.modelId;
  }
  return currentModelId;
}

/** Whether a model is one the split sends traffic to now (a conversation keeps its split model only while this holds). */
export function inSplit(split: TrafficSplit | null, modelId: string): boolean {
  return !!split && split.rows.some((r) => r.modelId === modelId);
}
