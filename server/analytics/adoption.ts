import "server-only";
import { and, asc, count, eq, exists, gt, gte, inArray, isNotNull, isNull, lt, lte, notExists, or, sql, type SQL } from "drizzle-orm";
import { alias, bigint, pgView, text, timestamp, uuid, type AnyPgColumn } from "drizzle-orm/pg-core";
import type { Database } from "@/db/client";
import { accounts, bedrockModelSwitches as s, invocationDailyCounts as ic, switchDailyCounts as c, userModelSwitchCounts as um } from "@/db/schema";
import { rangeInstants, type Bucket, type DayRange } from "@/lib/date-range";
import type { Point } from "@/lib/chart-shape";
import { dayBucketSql } from "./switch-filter";

/** The old system's view, read as it is (0001 defines it; drizzle-kit does not manage it). */
export const userModelPreferences = pgView("user_model_preferences", {
  userId: uuid("user_id").notNull(),
  modelId: text("model_id").notNull(),
  switchCount: bigint("switch_count", { mode: "number" }).notNull(),
  manualCount: bigint("manual_count", { mode: "number" }).notNull(),
  autoCount: bigint("auto_count", { mode: "number" }).notNull(),
  lastSwitchedAt: timestamp("last_switched_at", { withTimezone: true }).notNull(),
  preferenceRank: bigint("preference_rank", { mode: "number" }).notNull(),
}).existing();

export type ModelAdoption = {
  modelId: string;
  total: number;
  auto: number;
  manual: number;
  fallback: number;
  /** Auto switches to this model that a manual switch overrode within 24 hours. */
  reverted: number;
  /** The old system's adoption_pct: 100 × auto / all switches to the model, one decimal. */
  adoptionPct: number;
};

/** `null` range: all time, like the old query. */
function rollupRange(range: DayRange | null): SQL | undefined {
  return range ? and(gte(c.day, range.from), lte(c.day, range.to)) : undefined;
}

/** Adoption per target model, from the rollup; the same numbers as DESIGN.md's third query over the same rows. */
export async function adoptionByModel({ db, range }: { db: Database; range: DayRange | null }): Promise<ModelAdoption[]> {
  const rows = await db
    .select({
      modelId: c.newModelId,
      total: sql<number>`sum(${c.switches})`.mapWith(Number),
      auto: sql<number>`coalesce(sum(${c.switches}) filter (where ${c.switchType} = 'auto'), 0)`.mapWith(Number),
      manual: sql<number>`coalesce(sum(${c.switches}) filter (where ${c.switchType} = 'manual'), 0)`.mapWith(Number),
      fallback: sql<number>`coalesce(sum(${c.switches}) filter (where ${c.switchType} = 'fallback'), 0)`.mapWith(Number),
      reverted: sql<number>`coalesce(sum(${c.reverted}), 0)`.mapWith(Number),
    })
    .from(c)
    .where(rollupRange(range))
    .groupBy(c.newModelId);
  return rows
    .filter((r) => r.total > 0)
    .map((r) => ({ ...r, adoptionPct: Math.round((1000 * r.auto) / r.total) / 10 }))
    .sort((a, b) => b.total - a.total || a.modelId.localeCompare(b.modelId));
}

export type AutoOutcomes = {
  auto: number;
  reverted: number;
  /** Younger than 24 hours with no later switch yet: could still be reverted. */
  pending: number;
  kept: number;
};

const nextInUseCase = alias(s, "next_in_use_case");
const nextInConversation = alias(s, "next_in_conversation");

/**
 * The auto switches of the last 24 hours that nothing has followed yet. One correlated probe per switch, split by
 * scope kind so that each probe is an index range scan (a single OR-ed NOT EXISTS became a hash anti-join over the
 * whole log: seconds at a million rows).
 */
function pendingCondition(db: Database): SQL {
  const after = (n: { timestamp: AnyPgColumn; id: AnyPgColumn }) =>
    and(gte(n.timestamp, s.timestamp), sql`(${n.timestamp}, ${n.id}) > (${s.timestamp}, ${s.id})`);
  return or(
    and(
      isNull(s.conversationId),
      notExists(
        db
          .select({ one: sql`1` })
          .from(nextInUseCase)
          .where(and(eq(nextInUseCase.useCase, s.useCase), isNull(nextInUseCase.conversationId), after(nextInUseCase))),
      ),
    ),
    and(
      isNotNull(s.conversationId),
      notExists(
        db
          .select({ one: sql`1` })
          .from(nextInConversation)
          .where(and(eq(nextInConversation.conversationId, s.conversationId), after(nextInConversation))),
      ),
    ),
  )!;
}

/**
 * Kept against reverted: an auto switch is reverted when the next switch of the same scope is manual and comes
 * within 24 hours (counted by the rollup trigger as it happens); it is pending while younger than 24 hours with
 * nothing after it; otherwise it was kept.
 */
export async function autoSwitchOutcomes({ db, range, now }: { db: Database; range: DayRange | null; now: Date }): Promise<AutoOutcomes> {
  const since = new Date(now.getTime() - 86_400_000);
  const window = range ? rangeInstants(range) : null;
  const [[totals], [pending]] = await Promise.all([
    db
      .select({
        auto: sql<number>`coalesce(sum(${c.switches}), 0)`.mapWith(Number),
        reverted: sql<number>`coalesce(sum(${c.reverted}), 0)`.mapWith(Number),
      })
      .from(c)
      .where(and(eq(c.switchType, "auto"), rollupRange(range))),
    db
      .select({ n: count() })
      .from(s)
      .where(
        and(
          eq(s.switchType, "auto"),
          gt(s.timestamp, since),
          window ? and(gte(s.timestamp, window.start), lt(s.timestamp, window.end)) : undefined,
          pendingCondition(db),
        ),
      ),
  ]);
  const auto = totals?.auto ?? 0;
  const reverted = totals?.reverted ?? 0;
  const waiting = pending?.n ?? 0;
  return { auto, reverted, pending: waiting, kept: Math.max(0, auto - reverted - waiting) };
}

export type UserPreference = {
  userId: string;
  name: string;
  email: string;
  role: string;
  /** The user's models by preference rank (1 = switched to most), at most `MAX_MODELS_PER_USER`. */
  models: { modelId: string; switchCount: number; manualCount: number; autoCount: number; rank: number; lastSwitchedAt: string }[];
  totalSwitches: number;
  modelCount: number;
};

export const PREFERENCES_PAGE_SIZE = 20;
const MAX_MODELS_PER_USER = 3;

/**
 * One page of users who ever switched, with their preferences from the view user_model_preferences. The view is
 * asked for this page's users only: Postgres pushes the user_id filter below its window (user_id is the partition),
 * and the view reads the per-user rollup (migration 0006), so a page costs a few dozen index rows.
 */
export async function userPreferencesPage({
  db,
  page,
  pageSize = PREFERENCES_PAGE_SIZE,
}: {
  db: Database;
  page: number;
  pageSize?: number;
}): Promise<{ users: UserPreference[]; totalUsers: number }> {
  const switched = exists(db.select({ one: sql`1` }).from(um).where(eq(um.userId, accounts.id)));
  const [[total], people] = await Promise.all([
    db.select({ n: count() }).from(accounts).where(switched),
    db
      .select({ id: accounts.id, name: accounts.name, email: accounts.email, role: accounts.role })
      .from(accounts)
      .where(switched)
      .orderBy(asc(accounts.name), asc(accounts.email))
      .limit(pageSize)
      .offset(Math.max(0, (page - 1) * pageSize)),
  ]);
  if (!people.length) return { users: [], totalUsers: total?.n ?? 0 };
  const v = userModelPreferences;
  const prefs = await db
    .select()
    .from(v)
    .where(
      inArray(
        v.userId,
        people.map((p) => p.id),
      ),
    )
    .orderBy(asc(v.userId), asc(v.preferenceRank), asc(v.modelId));
  const byUser = new Map<string, (typeof prefs)[number][]>();
  for (const p of prefs) byUser.set(p.userId, [...(byUser.get(p.userId) ?? []), p]);
  const users = people.map((p): UserPreference => {
    const mine = byUser.get(p.id) ?? [];
    return {
      userId: p.id,
      name: p.name,
      email: p.email,
      role: p.role,
      models: mine.slice(0, MAX_MODELS_PER_USER).map((m) => ({
        modelId: m.modelId,
        switchCount: Number(m.switchCount),
        manualCount: Number(m.manualCount),
        autoCount: Number(m.autoCount),
        rank: Number(m.preferenceRank),
        lastSwitchedAt: new Date(m.lastSwitchedAt).toISOString(),
      })),
      totalSwitches: mine.reduce((sum, m) => sum + Number(m.switchCount), 0),
      modelCount: mine.length,
    };
  });
  return { users, totalUsers: total?.n ?? 0 };
}

/** Invocations per bucket and model, from the invocation rollup: the traffic share chart. */
export async function trafficPoints({ db, range, bucket }: { db: Database; range: DayRange; bucket: Bucket }): Promise<Point[]> {
  const b = dayBucketSql(ic.day, bucket);
  const rows = await db
    .select({ bucket: b.label, series: ic.modelId, value: sql<number>`sum(${ic.invocations})`.mapWith(Number) })
    .from(ic)
    .where(and(gte(ic.day, range.from), lte(ic.day, range.to)))
    .groupBy(b.key, ic.modelId);
  return rows.filter((r) => r.value > 0);
}

/** The first day with any switch or invocation, to bound "all time" charts. */
export async function firstActivityDay({ db }: { db: Database }): Promise<string | null> {
  const [[sw], [inv]] = await Promise.all([
    db.select({ day: sql<string | null>`to_char(min(${c.day}), 'YYYY-MM-DD')` }).from(c),
    db.select({ day: sql<string | null>`to_char(min(${ic.day}), 'YYYY-MM-DD')` }).from(ic),
  ]);
  const days = [sw?.day, inv?.day].filter((d): d is string => Boolean(d)).sort();
  return days[0] ?? null;
}
