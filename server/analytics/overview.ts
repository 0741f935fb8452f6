import "server-only";
import { and, asc, count, desc, eq, gt, isNotNull, isNull, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { accounts, bedrockModelSwitches as s, conversations, useCases } from "@/db/schema";
import type { SwitchTypeName } from "@/lib/history-filter";
import type { SwitchType } from "@/lib/enums";

export type SwitchKpis = { total: number; auto: number; manual: number; fallback: number };

/**
 * Switches of the last 7 days (a rolling window, as the old monitoring query reads it), by type: three index-only
 * counts on (switch_type, timestamp) rather than one scan that reads every recent row for its type.
 */
export async function recentSwitchKpis({ db, now, days = 7 }: { db: Database; now: Date; days?: number }): Promise<SwitchKpis> {
  const since = new Date(now.getTime() - days * 86_400_000);
  const countOf = (type: SwitchType) =>
    db
      .select({ n: count() })
      .from(s)
      .where(and(eq(s.switchType, type), gt(s.timestamp, since)))
      .then(([row]) => row?.n ?? 0);
  const [auto, manual, fallback] = await Promise.all([countOf("auto"), countOf("manual"), countOf("fallback")]);
  return { total: auto + manual + fallback, auto, manual, fallback };
}

export type LastSwitch = {
  id: number;
  timestamp: string;
  switchType: SwitchTypeName;
  previousModelId: string | null;
  newModelId: string;
  actor: string;
  userEmail: string | null;
  reason: string | null;
};

/** The latest switch of each use case's own scope (not its conversations): one index probe per use case. */
export async function lastSwitchPerUseCase({ db }: { db: Database }): Promise<Map<string, LastSwitch>> {
  const names = await db.select({ name: useCases.name }).from(useCases).orderBy(asc(useCases.name));
  const found = await Promise.all(
    names.map(async ({ name }) => {
      const [row] = await db
        .select({
          id: s.id,
          timestamp: s.timestamp,
          switchType: s.switchType,
          previousModelId: s.previousModelId,
          newModelId: s.newModelId,
          actor: s.actor,
          userEmail: accounts.email,
          reason: s.reason,
        })
        .from(s)
        .leftJoin(accounts, eq(accounts.id, s.userId))
        .where(and(eq(s.useCase, name), isNull(s.conversationId)))
        .orderBy(desc(s.timestamp), desc(s.id))
        .limit(1);
      return row ? ([name, { ...row, id: Number(row.id), timestamp: row.timestamp.toISOString() }] as const) : null;
    }),
  );
  return new Map(found.filter((f): f is NonNullable<typeof f> => f !== null));
}

/** Models that conversations use as their own override (end users' choices), with how many conversations. */
export async function conversationOverrideModels({ db }: { db: Database }): Promise<{ modelId: string; conversations: number }[]> {
  const rows = await db
    .select({ modelId: conversations.modelOverrideId, conversations: sql<number>`count(*)`.mapWith(Number) })
    .from(conversations)
    .where(isNotNull(conversations.modelOverrideId))
    .groupBy(conversations.modelOverrideId);
  return rows.filter((r): r is { modelId: string; conversations: number } => r.modelId !== null);
}
