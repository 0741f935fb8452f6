// The one cost formula, and what is built on it: a switch's cost impact and the Costs page's report. Pure and
// client-safe. Which monthly volume a use case is priced at (its traffic or its own estimate) is decided once, on the
// server (server/costs/monthly-cost.ts); everything here takes that volume as given.

/** Prices per million tokens: any catalog entry will do. */
export type TokenPrices = { inputPricePerMTok: number; outputPricePerMTok: number };
export type PricedModel = TokenPrices & { modelId: string; name: string };
export type TokenCounts = { inputTokens: number; outputTokens: number };

/** cost = (input tokens × input price + output tokens × output price) / 1,000,000, prices being per MTok. */
export function tokenCostUsd(tokens: TokenCounts, prices: TokenPrices): number {
  return (tokens.inputTokens * prices.inputPricePerMTok + tokens.outputTokens * prices.outputPricePerMTok) / 1e6;
}

/** Where a monthly volume comes from: the use case's recent traffic, or its own estimate when traffic is too thin. */
export const COST_BASES = ["traffic", "estimate"] as const;
export type CostBasis = (typeof COST_BASES)[number];
export const COST_BASIS_LABEL: Record<CostBasis, string> = {
  traffic: "last 30 days of traffic",
  estimate: "use case estimate",
};

/** A use case's monthly tokens, on the basis the server chose for it. */
export type MonthlyVolume = TokenCounts & { basis: CostBasis };

/** What a use case costs a month, with the volume and basis behind it (built by server/costs/monthly-cost.ts). */
export type UseCaseMonthlyCost = {
  useCase: string;
  currentModelId: string;
  /** The monthly tokens the figure prices, with their basis. */
  volume: MonthlyVolume;
  /** COST_BASIS_LABEL of the basis: "last 30 days of traffic" or "use case estimate". */
  basisLabel: string;
  /** At the current model's catalog prices; null when the catalog no longer has that model. */
  monthlyUsd: number | null;
  /** What the traffic window holds, whichever basis was chosen. */
  traffic: { invocations: number; daysWithTraffic: number; spentUsd: number };
};

export type CostImpact = {
  currentUsd: number;
  nextUsd: number;
  /** next − current: positive costs more. */
  deltaUsd: number;
  /** Relative to the current bill; null when the current bill is zero (no base to compare with). */
  deltaPct: number | null;
};

/** Moving a monthly volume from one model to another: both bills and the difference. */
export function costImpact(volume: TokenCounts, from: TokenPrices, to: TokenPrices): CostImpact {
  const currentUsd = tokenCostUsd(volume, from);
  const nextUsd = tokenCostUsd(volume, to);
  const deltaUsd = nextUsd - currentUsd;
  return { currentUsd, nextUsd, deltaUsd, deltaPct: currentUsd > 0 ? (100 * deltaUsd) / currentUsd : null };
}

/** One use case as the Costs page prices it. */
export type UseCaseVolume = { useCase: string; currentModelId: string; volume: MonthlyVolume };

export type CostRow = {
  useCase: string;
  currentModelId: string;
  volume: MonthlyVolume;
  currentUsd: number;
  baselineUsd: number;
  /** baseline − current: positive means the current assignment is cheaper. */
  savingUsd: number;
};

export type CostReport = {
  baselineModelId: string;
  rows: CostRow[];
  totals: { currentUsd: number; baselineUsd: number; savingUsd: number; savingPct: number | null };
};

/**
 * The default baseline: the priciest of the current assignments, i.e. the current model that would cost the most if
 * every use case ran on it ("everything on Claude" in the old system's terms).
 */
export function defaultBaselineId(volumes: readonly UseCaseVolume[], models: ReadonlyMap<string, TokenPrices>): string | null {
  let best: { id: string; cost: number } | null = null;
  const candidates = [...new Set(volumes.map((v) => v.currentModelId))].sort();
  for (const id of candidates) {
    const model = models.get(id);
    if (!model) continue;
    const cost = volumes.reduce((sum, v) => sum + tokenCostUsd(v.volume, model), 0);
    if (!best || cost > best.cost) best = { id, cost };
  }
  return best?.id ?? null;
}

export function costReport(input: {
  volumes: readonly UseCaseVolume[];
  models: ReadonlyMap<string, TokenPrices>;
  baselineModelId: string;
  /** Use case → model to price instead of its current one (the what-if). */
  overrides?: Readonly<Record<string, string | undefined>>;
}): CostReport {
  const baseline = input.models.get(input.baselineModelId);
  const rows = input.volumes.map((v): CostRow => {
    const modelId = input.overrides?.[v.useCase] ?? v.currentModelId;
    const model = input.models.get(modelId);
    const currentUsd = model ? tokenCostUsd(v.volume, model) : 0;
    const baselineUsd = baseline ? tokenCostUsd(v.volume, baseline) : 0;
    return { useCase: v.useCase, currentModelId: modelId, volume: v.volume, currentUsd, baselineUsd, savingUsd: baselineUsd - currentUsd };
  });
  const currentUsd = rows.reduce((s, r) => s + r.currentUsd, 0);
  const baselineUsd = rows.reduce((s, r) => s + r.baselineUsd, 0);
  const savingUsd = baselineUsd - currentUsd;
  return {
    baselineModelId: input.baselineModelId,
    rows,
    totals: { currentUsd, baselineUsd, savingUsd, savingPct: baselineUsd > 0 ? (100 * savingUsd) / baselineUsd : null },
  };
}
