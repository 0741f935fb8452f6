import { NEAR_EOL_DAYS, type CatalogModel } from "@/lib/catalog-model";

// Client-side twin of server/policy/lifecycle.ts (which is server-only): the same rules, so the badge on this page
// agrees with what validate says. Dates are compared as UTC calendar days.

export const LIFECYCLE_FILTERS = ["active", "legacy", "near-eol", "past-eol"] as const;
export type LifecycleKind = (typeof LIFECYCLE_FILTERS)[number];

export const LIFECYCLE_FILTER_LABELS: Record<LifecycleKind, string> = {
  active: "Active",
  legacy: "Legacy",
  "near-eol": "Near end of life",
  "past-eol": "End of life passed",
};

export type Lifecycle = { kind: LifecycleKind; daysToEol: number | null };

const DAY_MS = 86_400_000;

function utcDay(date: string | null): number | null {
  if (!date) return null;
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(date);
  if (!match) return null;
  const time = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  return Number.isNaN(time) ? null : time;
}

/**
 * One state per model: past end of life, then near end of life (within NEAR_EOL_DAYS; it wins over "legacy" because
 * the date is what to act on), then legacy, else active. `today` is YYYY-MM-DD.
 */
export function lifecycleOf(model: Pick<CatalogModel, "lifecycleStatus" | "endOfLifeDate">, today: string): Lifecycle {
  const eol = utcDay(model.endOfLifeDate);
  const now = utcDay(today) ?? Date.now();
  if (eol !== null) {
    const daysToEol = Math.round((eol - now) / DAY_MS);
    if (daysToEol <= 0) return { kind: "past-eol", daysToEol };
    if (daysToEol <= NEAR_EOL_DAYS) return { kind: "near-eol", daysToEol };
    if (model.lifecycleStatus === "legacy") return { kind: "legacy", daysToEol };
    return { kind: "active", daysToEol };
  }
  return { kind: model.lifecycleStatus === "legacy" ? "legacy" : "active", daysToEol: null };
}
