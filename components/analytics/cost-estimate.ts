// Monthly cost estimates per use case, against a baseline and under a what-if. Pure and client-safe: the Costs page
// computes the first render on the server and recomputes in the browser when the baseline or a what-if changes.
//
// cost per month = (monthly input tokens × input price + monthly output tokens × output price) / 1e6, at the catalog's
// current prices. The monthly tokens come from the last 30 days of invocations when there were enough of them to
// trust (MIN_OBSERVED_INVOCATIONS), scaled to an average month; otherwise from the use case's own volume estimate.

import { tokenCostUsd } from "@/lib/cost";

export type PricedModel = { modelId: string; name: string; inputPricePerMTok: number; outputPricePerMTok: number };
export type MonthlyTokens = { inputTokens: number; outputTokens: number };

/** What the server knows about one use case's volume. */
export type UseCaseVolume = {
  useCase: string;
  currentModelId: string;
  /** The use case's own estimate (use_cases.monthly_*_tokens). */
  estimate: MonthlyTokens;
  /** Invocations of the last `days` full days, from the rollup. */
  observed: { invocations: number; inputTokens: number; outputTokens: number; days: number; spentUsd: number };
};

export const MIN_OBSERVED_INVOCATIONS = 1_000;
export const OBSERVED_WINDOW_DAYS = 30;
/** 365.25 / 12. */
export const DAYS_PER_MONTH = 30.4375;

export type VolumeSource = "traffic" | "estimate";
export type ResolvedVolume = MonthlyTokens & { source: VolumeSource };

/** `mode: "estimate"` ignores the traffic and always takes the use case's own estimate. */
export function monthlyVolume(u: UseCaseVolume, mode: "auto" | "estimate" = "auto"): ResolvedVolume {
  const o = u.observed;
  if (mode === "auto" && o.invocations >= MIN_OBSERVED_INVOCATIONS && o.days > 0) {
    const scale = DAYS_PER_MONTH / o.days;
    return { inputTokens: Math.round(o.inputTokens * scale), outputTokens: Math.round(o.outputTokens * scale), source: "traffic" };
  }
  return { ...u.estimate, source: "estimate" };
}

type Prices = Pick<PricedModel, "inputPricePerMTok" | "outputPricePerMTok">;

export function monthlyCost(volume: MonthlyTokens, model: Prices): number {
  return tokenCostUsd(volume, model);
}

export type CostRow = {
  useCase: string;
  currentModelId: string;
  volume: ResolvedVolume;
  observedInvocations: number;
  spentLast30Usd: number;
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
export function defaultBaselineId(
  volumes: readonly UseCaseVolume[],
  models: ReadonlyMap<string, PricedModel>,
  mode: "auto" | "estimate" = "auto",
): string | null {
  let best: { id: string; cost: number } | null = null;
  const candidates = [...new Set(volumes.map((v) => v.currentModelId))].sort();
  for (const id of candidates) {
    const model = models.get(id);
    if (!model) continue;
    const cost = volumes.reduce((sum, v) => sum + monthlyCost(monthlyVolume(v, mode), model), 0);
    if (!best || cost > best.cost) best = { id, cost };
  }
  return best?.id ?? null;
}

export function costReport(input: {
  volumes: readonly UseCaseVolume[];
  models: ReadonlyMap<string, PricedModel>;
  baselineModelId: string;
  /** Use case → model to price instead of its current one (the what-if). */
  overrides?: Readonly<Record<string, string | undefined>>;
  volumeMode?: "auto" | "estimate";
}): CostReport {
  const baseline = input.models.get(input.baselineModelId);
  const rows = input.volumes.map((v): CostRow => {
    const volume = monthlyVolume(v, input.volumeMode);
    const modelId = input.overrides?.[v.useCase] ?? v.currentModelId;
    const model = input.models.get(modelId);
    const currentUsd = model ? monthlyCost(volume, model) : 0;
    const baselineUsd = baseline ? monthlyCost(volume, baseline) : 0;
    return {
      useCase: v.useCase,
      currentModelId: modelId,
      volume,
      observedInvocations: v.observed.invocations,
      spentLast30Usd: v.observed.spentUsd,
      currentUsd,
      baselineUsd,
      savingUsd: baselineUsd - currentUsd,
    };
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

export type WhatIf = { currentUsd: number; nextUsd: number; deltaUsd: number; deltaPct: number | null };

/** Switching one use case from its model to `next`: the monthly difference (positive costs more). */
export function whatIf(volume: MonthlyTokens, current: Prices, next: Prices): WhatIf {
  const currentUsd = monthlyCost(volume, current);
  const nextUsd = monthlyCost(volume, next);
  const deltaUsd = nextUsd - currentUsd;
  return { currentUsd, nextUsd, deltaUsd, deltaPct: currentUsd > 0 ? (100 * deltaUsd) / currentUsd : null };
}

const whole = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });
const cents = new Intl.NumberFormat("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const MINUS = "\u2212";

/** "$12,345" from $1,000 up, "$123.45" below, "−$5.10" for negatives. */
export function formatUsd(usd: number): string {
  const abs = Math.abs(usd);
  const text = abs >= 1000 ? whole.format(Math.round(abs)) : cents.format(abs);
  return `${usd < 0 && abs >= 0.005 ? MINUS : ""}$${text}`;
}

/** "+$1,234" / "−$56.10" / "$0.00": a signed difference. */
export function formatUsdDelta(usd: number): string {
  if (Math.abs(usd) < 0.005) return "$0.00";
  return `${usd > 0 ? "+" : ""}${formatUsd(usd)}`;
}

const wholePct = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });

/** "41.2%", "−3.5%", "—" for null; from 100% on whole and grouped ("+7,279%"), since a tenth no longer matters there. */
export function formatPct(pct: number | null, signed = false): string {
  if (pct === null || !Number.isFinite(pct)) return "—";
  const abs = Math.abs(pct);
  const text = `${abs >= 100 ? wholePct.format(abs) : abs.toFixed(1)}%`;
  if (Math.abs(pct) < 0.05) return "0.0%";
  if (pct < 0) return `${MINUS}${text}`;
  return signed ? `+${text}` : text;
}
