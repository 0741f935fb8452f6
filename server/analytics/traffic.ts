import "server-only";
import { and, eq, gte, lte, sql, type SQL } from "drizzle-orm";
import type { Database } from "@/db/client";
import { apiKeys, invocationDailyCounts as ic, invocationKeyDailyCounts as kc } from "@/db/schema";
import type { DayRange } from "@/lib/date-range";

// Gateway and chat traffic from the invocation rollups: which model served each use case (a split's canary shows
// here), and what each API key spent. Both read whole UTC days; `null` range: all time.

export type ModelShare = { modelId: string; served: number; sharePct: number };
export type UseCaseTraffic = { useCase: string; served: number; models: ModelShare[] };

const within = (day: typeof ic.day | typeof kc.day, range: DayRange | null): SQL | undefined =>
  range ? and(gte(day, range.from), lte(day, range.to)) : undefined;

/**
 * Each model's share of the calls it served (successful invocations) per use case: a 90/10 split shows as about 90% and
 * 10%. Shares have one decimal and are ordered by size.
 */
export async function servedShareByUseCase({ db, range }: { db: Database; range: DayRange | null }): Promise<UseCaseTraffic[]> {
  const rows = await db
    .select({
      useCase: ic.useCase,
      modelId: ic.modelId,
      served: sql<number>`sum(${ic.invocations} - ${ic.failures})`.mapWith(Number),
    })
    .from(ic)
    .where(within(ic.day, range))
    .groupBy(ic.useCase, ic.modelId);
  const byUseCase = new Map<string, { modelId: string; served: number }[]>();
  for (const r of rows) if (r.served > 0) byUseCase.set(r.useCase, [...(byUseCase.get(r.useCase) ?? []), r]);
  return [...byUseCase.entries()]
    .map(([useCase, models]) => {
      const served = models.reduce((sum, m) => sum + m.served, 0);
      return {
        useCase,
        served,
        models: models
          .map((m) => ({ modelId: m.modelId, served: m.served, sharePct: Math.round((1000 * m.served) / served) / 10 }))
          .sort((a, b) => b.served - a.served || a.modelId.localeCompare(b.modelId)),
      };
    })
    .sort((a, b) => a.useCase.localeCompare(b.useCase));
}

export type KeyTotals = { invocations: number; failures: number; inputTokens: number; outputTokens: number; costUsd: number };
export type KeyCosts = KeyTotals & { apiKeyId: string; name: string | null; revoked: boolean };

const totals = {
  invocations: sql<number>`coalesce(sum(${kc.invocations}), 0)`.mapWith(Number),
  failures: sql<number>`coalesce(sum(${kc.failures}), 0)`.mapWith(Number),
  inputTokens: sql<number>`coalesce(sum(${kc.inputTokens}), 0)`.mapWith(Number),
  outputTokens: sql<number>`coalesce(sum(${kc.outputTokens}), 0)`.mapWith(Number),
  costUsd: sql<number>`coalesce(sum(${kc.costUsd}), 0)`.mapWith(Number),
};

/**
 * What each API key's calls cost over the range (from the per-key rollup), the most expensive first, and the calls
 * made without a key (the chat and the service key): all calls minus the keyed ones.
 */
export async function costsByKey({ db, range }: { db: Database; range: DayRange | null }): Promise<{ keys: KeyCosts[]; withoutKey: KeyTotals }> {
  const [keys, [all]] = await Promise.all([
    db
      .select({ apiKeyId: kc.apiKeyId, name: apiKeys.name, revokedAt: apiKeys.revokedAt, ...totals })
      .from(kc)
      .leftJoin(apiKeys, eq(apiKeys.id, kc.apiKeyId))
      .where(within(kc.day, range))
      .groupBy(kc.apiKeyId, apiKeys.name, apiKeys.revokedAt),
    db
      .select({
        invocations: sql<number>`coalesce(sum(${ic.invocations}), 0)`.mapWith(Number),
        failures: sql<number>`coalesce(sum(${ic.failures}), 0)`.mapWith(Number),
        inputTokens: sql<number>`coalesce(sum(${ic.inputTokens}), 0)`.mapWith(Number),
        outputTokens: sql<number>`coalesce(sum(${ic.outputTokens}), 0)`.mapWith(Number),
        costUsd: sql<number>`coalesce(sum(${ic.costUsd}), 0)`.mapWith(Number),
      })
      .from(ic)
      .where(within(ic.day, range)),
  ]);
  const rows = keys
    .filter((k) => k.invocations !== 0)
    .map(({ revokedAt, ...k }) => ({ ...k, revoked: revokedAt !== null }))
    .sort((a, b) => b.costUsd - a.costUsd || b.invocations - a.invocations);
  const keyed = rows.reduce(
    (s, k) => ({
      invocations: s.invocations + k.invocations,
      failures: s.failures + k.failures,
      inputTokens: s.inputTokens + k.inputTokens,
      outputTokens: s.outputTokens + k.outputTokens,
      costUsd: s.costUsd + k.costUsd,
    }),
    { invocations: 0, failures: 0, inputTokens: 0, outputTokens: 0, costUsd: 0 },
  );
  const total = all ?? keyed;
  return {
    keys: rows,
    withoutKey: {
      invocations: total.invocations - keyed.invocations,
      failures: total.failures - keyed.failures,
      inputTokens: total.inputTokens - keyed.inputTokens,
      outputTokens: total.outputTokens - keyed.outputTokens,
      // numeric sums: round away float dust from the subtraction
      costUsd: Math.max(0, Math.round((total.costUsd - keyed.costUsd) * 1e8) / 1e8),
    },
  };
}
