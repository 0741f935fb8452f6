import "server-only";
import { and, asc, gte, lte, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { invocationDailyCounts as ic, useCases } from "@/db/schema";
import { addDays, type Day } from "@/lib/date-range";
import { OBSERVED_WINDOW_DAYS, type UseCaseVolume } from "@/components/analytics/cost-estimate";

/**
 * Each use case's current model, its own volume estimate and what the last 30 full days of invocations say (from the
 * invocation rollup: a few hundred rows however many calls were made). Today is left out: it is not over yet.
 */
export async function volumesByUseCase({ db, today }: { db: Database; today: Day }): Promise<UseCaseVolume[]> {
  const from = addDays(today, -OBSERVED_WINDOW_DAYS);
  const to = addDays(today, -1);
  const [cases, observed] = await Promise.all([
    db
      .select({
        name: useCases.name,
        currentModelId: useCases.currentModelId,
        monthlyInputTokens: useCases.monthlyInputTokens,
        monthlyOutputTokens: useCases.monthlyOutputTokens,
      })
      .from(useCases)
      .orderBy(asc(useCases.name)),
    db
      .select({
        useCase: ic.useCase,
        invocations: sql<number>`sum(${ic.invocations})`.mapWith(Number),
        inputTokens: sql<number>`sum(${ic.inputTokens})`.mapWith(Number),
        outputTokens: sql<number>`sum(${ic.outputTokens})`.mapWith(Number),
        spentUsd: sql<number>`sum(${ic.costUsd})`.mapWith(Number),
      })
      .from(ic)
      .where(and(gte(ic.day, from), lte(ic.day, to)))
      .groupBy(ic.useCase),
  ]);
  const byCase = new Map(observed.map((o) => [o.useCase, o]));
  return cases.map((u) => {
    const o = byCase.get(u.name);
    return {
      useCase: u.name,
      currentModelId: u.currentModelId,
      estimate: { inputTokens: Number(u.monthlyInputTokens), outputTokens: Number(u.monthlyOutputTokens) },
      observed: {
        invocations: o?.invocations ?? 0,
        inputTokens: o?.inputTokens ?? 0,
        outputTokens: o?.outputTokens ?? 0,
        spentUsd: o?.spentUsd ?? 0,
        days: OBSERVED_WINDOW_DAYS,
      },
    };
  });
}
