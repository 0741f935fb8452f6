import "server-only";

import { NEAR_EOL_DAYS, type CatalogModel } from "@/lib/catalog-model";

const DAY_MS = 24 * 60 * 60 * 1000;

export type LifecycleState =
  | { kind: "active" }
  | { kind: "legacy"; legacyDate: string | null; endOfLifeDate: string | null; daysToEol: number | null }
  | { kind: "near-eol"; endOfLifeDate: string; daysToEol: number }
  | { kind: "past-eol"; endOfLifeDate: string };

/** Midnight UTC of a YYYY-MM-DD date; null when the catalog holds something unparseable. */
export function parseIsoDate(date: string | null): number | null {
  if (!date) return null;
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(date);
  if (!match) return null;
  const time = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  return Number.isNaN(time) ? null : time;
}

/**
 * Where a model stands on its way out. The end-of-life date is the first day Bedrock stops serving it, so on that day
 * the model already counts as past end of life. Near end of life wins over "legacy" because the date is what to act on.
 */
export function lifecycleState(model: Pick<CatalogModel, "lifecycleStatus" | "legacyDate" | "endOfLifeDate">, now: Date): LifecycleState {
  const eol = parseIsoDate(model.endOfLifeDate);
  if (eol !== null && model.endOfLifeDate) {
    const daysToEol = Math.ceil((eol - now.getTime()) / DAY_MS);
    if (now.getTime() >= eol) return { kind: "past-eol", endOfLifeDate: model.endOfLifeDate };
    if (daysToEol <= NEAR_EOL_DAYS) return { kind: "near-eol", endOfLifeDate: model.endOfLifeDate, daysToEol };
    if (model.lifecycleStatus === "legacy") {
      return { kind: "legacy", legacyDate: model.legacyDate, endOfLifeDate: model.endOfLifeDate, daysToEol };
    }
    return { kind: "active" };
  }
  if (model.lifecycleStatus === "legacy") {
    return { kind: "legacy", legacyDate: model.legacyDate, endOfLifeDate: null, daysToEol: null };
  }
  return { kind: "active" };
}

export function describeLifecycle(state: LifecycleState): string {
  switch (state.kind) {
    case "active":
      return "Active";
    case "legacy": {
      const since = state.legacyDate ? ` since ${state.legacyDate}` : "";
      const eol = state.endOfLifeDate ? `end of life on ${state.endOfLifeDate} (in ${state.daysToEol} days)` : "no end-of-life date announced yet";
      return `Legacy${since}; ${eol}. Plan a replacement`;
    }
    case "near-eol":
      return `Reaches end of life on ${state.endOfLifeDate} (in ${state.daysToEol} day${state.daysToEol === 1 ? "" : "s"}); plan a replacement before then`;
    case "past-eol":
      return `Past end of life since ${state.endOfLifeDate}; Bedrock no longer serves this model`;
  }
}
