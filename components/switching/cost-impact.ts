// What a switch does to a use case's monthly bill, from its estimated monthly tokens and the two models' prices.
// Pure and client-safe: the confirmation dialog shows it and tests pin it.
import { tokenCostUsd } from "@/lib/cost";
import type { MonthlyVolume, PricedModel } from "./types";

export type CostImpact = {
  currentMonthlyUsd: number;
  nextMonthlyUsd: number;
  /** next − current: positive costs more. */
  deltaUsd: number;
  /** Relative to the current bill; null when the current bill is zero (no base to compare with). */
  deltaPct: number | null;
};

type Prices = Pick<PricedModel, "inputPricePerMTok" | "outputPricePerMTok">;

const monthly = (volume: MonthlyVolume, m: Prices) => tokenCostUsd(volume, m);

/** (in × Δin + out × Δout) / 1e6 per month, and the same as a share of today's bill. */
export function monthlyCostImpact(volume: MonthlyVolume, from: Prices, to: Prices): CostImpact {
  const currentMonthlyUsd = monthly(volume, from);
  const nextMonthlyUsd = monthly(volume, to);
  const deltaUsd = nextMonthlyUsd - currentMonthlyUsd;
  return {
    currentMonthlyUsd,
    nextMonthlyUsd,
    deltaUsd,
    deltaPct: currentMonthlyUsd > 0 ? (100 * deltaUsd) / currentMonthlyUsd : null,
  };
}

const MINUS = "\u2212";
const whole = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });
const cents = new Intl.NumberFormat("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** "$1,234" from $100 up, "$12.50" below, so small bills keep their cents and big ones stay readable. */
export function formatMonthlyUsd(usd: number): string {
  const abs = Math.abs(usd);
  return `$${abs >= 100 ? whole.format(Math.round(abs)) : cents.format(abs)}`;
}

function formatPct(pct: number): string {
  const abs = Math.abs(pct);
  const text = abs >= 10 ? whole.format(Math.round(abs)) : abs.toFixed(1).replace(/\.0$/, "");
  return `${pct > 0 ? "+" : pct < 0 ? MINUS : ""}${text}%`;
}

/** "+$1,234/month (+12%)", "−$56.10/month (−3.5%)", or "No change ($0/month)". */
export function formatCostImpact(impact: CostImpact): string {
  // Below half a cent a month the difference is noise from float arithmetic, not a real change.
  if (Math.abs(impact.deltaUsd) < 0.005) return "No change ($0/month)";
  const sign = impact.deltaUsd > 0 ? "+" : MINUS;
  const pct = impact.deltaPct === null ? "" : ` (${formatPct(impact.deltaPct)})`;
  return `${sign}${formatMonthlyUsd(impact.deltaUsd)}/month${pct}`;
}
