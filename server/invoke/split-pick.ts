import "server-only";

export type SplitRow = { modelId: string; weight: number };

/**
 * A weighted pick among the use case's current model and its split rows (weights in percent; the current model
 * keeps what the rows leave, at least 0). `random` is in [0, 1).
 */
export function pickSplitModel(currentModelId: string, rows: SplitRow[], random: number): string {
  const others = rows.filter((r) => r.modelId !== currentModelId && r.weight > 0);
  if (!others.length) return currentModelId;
  const currentShare = Math.max(0, 100 - others.reduce((n, r) => n + r.weight, 0));
  const total = currentShare + others.reduce((n, r) => n + r.weight, 0);
  let point = random * total;
  if (point < currentShare) return currentModelId;
  point -= currentShare;
  for (const r of others) {
    if (point < r.weight) return r.modelId;
    point -= r.weight;
  }
  return others.at(-1)!.modelId;
}
