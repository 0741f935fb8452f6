import "server-only";
import { and, asc, eq, gte, lte, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { invocationDailyCounts as ic, useCases } from "@/db/schema";
import { cachedCatalog } from "@/server/catalog/cache";
import { getDb } from "@/server/db";
import { COST_BASIS_LABEL, tokenCostUsd, type MonthlyVolume, type TokenPrices, type UseCaseMonthlyCost } from "@/lib/cost";

// The one place that decides what a use case costs a month. The Overview, the Use cases cards, the switch
// confirmation's cost impact, the Costs page and its what-if all show this figure, with its basis.
//
// Basis: the last TRAFFIC_WINDOW_DAYS full days of traffic (the invocation rollup; today is left out, it is not over)
// when there is enough of it, else the use case's own estimate (use_cases.monthly_*_tokens).
// "Enough" means calls on at least MIN_TRAFFIC_DAYS different days of the window: a week of traffic shows a use case's
// weekly rhythm, while a single burst (a load test, one busy afternoon) does not stand for a month.
// Traffic is scaled to an average month over the days it covers: from the first day with calls in the window to
// yesterday, so a use case that started ten days ago is not priced as if it had been idle for twenty.

export const TRAFFIC_WINDOW_DAYS = 30;
export const MIN_TRAFFIC_DAYS = 7;
/** 365.25 / 12. */
export const DAYS_PER_MONTH = 30.4375;

const DAY_MS = 86_400_000;
const dayString = (d: Date) => d.toISOString().slice(0, 10);
const daysBetween = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);

/**
 * Each use case's monthly cost figure (or only `useCase`'s), ordered by name. `now` decides the window; `catalog`
 * gives the prices (the cached catalog, so every caller prices alike).
 */
export async function monthlyCostFigures({
  db,
  now,
  catalog,
  useCase,
}: {
  db: Database;
  now: Date;
  catalog: readonly (TokenPrices & { modelId: string })[];
  useCase?: string;
}): Promise<UseCaseMonthlyCost[]> {
  const yesterday = dayString(new Date(now.getTime() - DAY_MS));
  const from = dayString(new Date(now.getTime() - TRAFFIC_WINDOW_DAYS * DAY_MS));
  const inWindow = and(gte(ic.day, from), lte(ic.day, yesterday), useCase === undefined ? undefined : eq(ic.useCase, useCase));
  const [cases, traffic] = await Promise.all([
    db
      .select({
        name: useCases.name,
        currentModelId: useCases.currentModelId,
        monthlyInputTokens: useCases.monthlyInputTokens,
        monthlyOutputTokens: useCases.monthlyOutputTokens,
      })
      .from(useCases)
      .where(useCase === undefined ? undefined : eq(useCases.name, useCase))
      .orderBy(asc(useCases.name)),
    db
      .select({
        useCase: ic.useCase,
        invocations: sql<number>`coalesce(sum(${ic.invocations}), 0)`.mapWith(Number),
        inputTokens: sql<number>`coalesce(sum(${ic.inputTokens}), 0)`.mapWith(Number),
        outputTokens: sql<number>`coalesce(sum(${ic.outputTokens}), 0)`.mapWith(Number),
        spentUsd: sql<number>`coalesce(sum(${ic.costUsd}), 0)`.mapWith(Number),
        daysWithTraffic: sql<number>`count(distinct ${ic.day}) filter (where ${ic.invocations} > 0)`.mapWith(Number),
        firstDay: sql<string | null>`(min(${ic.day}) filter (where ${ic.invocations} > 0))::text`,
      })
      .from(ic)
      .where(inWindow)
      .groupBy(ic.useCase),
  ]);
  const prices = new Map(catalog.map((m) => [m.modelId, m]));
  const byCase = new Map(traffic.map((t) => [t.useCase, t]));
  return cases.map((u): UseCaseMonthlyCost => {
    const t = byCase.get(u.name);
    const seen = { invocations: t?.invocations ?? 0, daysWithTraffic: t?.daysWithTraffic ?? 0, spentUsd: t?.spentUsd ?? 0 };
    let volume: MonthlyVolume;
    if (t?.firstDay && seen.daysWithTraffic >= MIN_TRAFFIC_DAYS) {
      const covered = daysBetween(t.firstDay, yesterday) + 1;
      const scale = DAYS_PER_MONTH / covered;
      volume = { inputTokens: Math.round(t.inputTokens * scale), outputTokens: Math.round(t.outputTokens * scale), basis: "traffic" };
    } else {
      volume = { inputTokens: Number(u.monthlyInputTokens), outputTokens: Number(u.monthlyOutputTokens), basis: "estimate" };
    }
    const model = prices.get(u.currentModelId);
    return {
      useCase: u.name,
      currentModelId: u.currentModelId,
      volume,
      basisLabel: COST_BASIS_LABEL[volume.basis],
      monthlyUsd: model ? tokenCostUsd(volume, model) : null,
      traffic: seen,
    };
  });
}

/** The figures as the pages and dialogs read them: the process's database, the cached catalog, the current time. */
export async function currentMonthlyCosts({ useCase }: { useCase?: string } = {}): Promise<UseCaseMonthlyCost[]> {
  const [db, catalog] = await Promise.all([getDb(), cachedCatalog()]);
  return monthlyCostFigures({ db, now: new Date(), catalog, ...(useCase === undefined ? {} : { useCase }) });
}
