import "server-only";
import { and, asc, count, desc, eq, exists, sql, type SQL } from "drizzle-orm";
import type { Database } from "@/db/client";
import { accounts, bedrockModelSwitches as s, switchDailyCounts as c, useCases, userModelSwitchCounts } from "@/db/schema";
import type { Bucket } from "@/lib/date-range";
import { PAGE_SIZE, type HistoryFilter, type PagePosition, type SwitchTypeName } from "@/lib/history-filter";
import type { Point } from "@/lib/chart-shape";
import { dayBucketSql, logConditions, rollupCanAnswer, rollupConditions, switchDaySql } from "./switch-filter";
import type { SwitchScope } from "@/lib/enums";

export type HistoryRow = {
  id: number;
  /** ISO timestamp. */
  timestamp: string;
  useCase: string;
  scope: SwitchScope;
  conversationId: string | null;
  userId: string | null;
  userName: string | null;
  userEmail: string | null;
  actor: string;
  previousModelId: string | null;
  newModelId: string;
  switchType: SwitchTypeName;
  trigger: string;
  errorCode: string | null;
  reason: string | null;
  notificationShown: boolean;
};

export const historyColumns = {
  id: s.id,
  timestamp: s.timestamp,
  useCase: s.useCase,
  scope: s.scope,
  conversationId: s.conversationId,
  userId: s.userId,
  userName: accounts.name,
  userEmail: accounts.email,
  actor: s.actor,
  previousModelId: s.previousModelId,
  newModelId: s.newModelId,
  switchType: s.switchType,
  trigger: s.trigger,
  errorCode: s.errorCode,
  reason: s.reason,
  notificationShown: s.notificationShown,
};

export type SelectedRow = { [K in keyof typeof historyColumns]: unknown } & { timestamp: Date; id: number };

export function toHistoryRow(r: SelectedRow): HistoryRow {
  return { ...(r as unknown as HistoryRow), id: Number(r.id), timestamp: r.timestamp.toISOString() };
}

/** The exact number of switches the filter selects: from the rollup when it can answer, else from the log. */
export async function countSwitches({ db, filter }: { db: Database; filter: HistoryFilter }): Promise<number> {
  if (rollupCanAnswer(filter)) {
    const [row] = await db
      .select({ n: sql<number>`coalesce(sum(${c.switches}), 0)`.mapWith(Number) })
      .from(c)
      .where(rollupConditions(filter));
    return row?.n ?? 0;
  }
  const [row] = await db.select({ n: count() }).from(s).where(logConditions(filter));
  return row?.n ?? 0;
}

// Keyset pagination: a page is "older than row N" or "newer than row N", in (timestamp, id) order. It stays fast on
// the millionth row, where OFFSET would walk every row before it. The cursor row's own timestamp is read in SQL, so
// its microseconds survive (a JavaScript Date would keep milliseconds only).
const cursorTs = (id: number) => sql`(select x."timestamp" from bedrock_model_switches x where x.id = ${id})`;
const cursorKey = (id: number) => sql`(select x."timestamp", x.id from bedrock_model_switches x where x.id = ${id})`;

function keyset(direction: "older" | "newer", id: number): SQL {
  return direction === "older"
    ? sql`${s.timestamp} <= ${cursorTs(id)} and (${s.timestamp}, ${s.id}) < ${cursorKey(id)}`
    : sql`${s.timestamp} >= ${cursorTs(id)} and (${s.timestamp}, ${s.id}) > ${cursorKey(id)}`;
}

export type SwitchPage = { rows: HistoryRow[]; hasOlder: boolean; hasNewer: boolean };

/** One page of the filtered log, newest first. `total` is needed for the last page (it holds the remainder). */
export async function switchPage({
  db,
  filter,
  position,
  total,
  pageSize = PAGE_SIZE,
}: {
  db: Database;
  filter: HistoryFilter;
  position: PagePosition;
  total: number;
  pageSize?: number;
}): Promise<SwitchPage> {
  const base = logConditions(filter);
  const query = (where: SQL, order: "asc" | "desc", limit: number) =>
    db
      .select(historyColumns)
      .from(s)
      .leftJoin(accounts, eq(accounts.id, s.userId))
      .where(where)
      .orderBy(...(order === "desc" ? [desc(s.timestamp), desc(s.id)] : [asc(s.timestamp), asc(s.id)]))
      .limit(limit);

  switch (position.kind) {
    case "first": {
      const rows = await query(base, "desc", pageSize + 1);
      return { rows: rows.slice(0, pageSize).map(toHistoryRow), hasOlder: rows.length > pageSize, hasNewer: false };
    }
    case "older": {
      const rows = await query(and(base, keyset("older", position.id))!, "desc", pageSize + 1);
      return { rows: rows.slice(0, pageSize).map(toHistoryRow), hasOlder: rows.length > pageSize, hasNewer: true };
    }
    case "newer": {
      const rows = await query(and(base, keyset("newer", position.id))!, "asc", pageSize + 1);
      const page = rows.slice(0, pageSize).reverse();
      return { rows: page.map(toHistoryRow), hasOlder: true, hasNewer: rows.length > pageSize };
    }
    case "last": {
      const remainder = total % pageSize || pageSize;
      const rows = (await query(base, "asc", Math.max(1, Math.min(remainder, total)))).reverse();
      return { rows: rows.map(toHistoryRow), hasOlder: false, hasNewer: total > rows.length };
    }
  }
}

export type SwitchChartPoints = { byModel: Point[]; byType: Point[] };

/** Switches per bucket by target model and by type, for the two History charts. */
export async function switchChartPoints({ db, filter, bucket }: { db: Database; filter: HistoryFilter; bucket: Bucket }): Promise<SwitchChartPoints> {
  let rows: { bucket: string; model: string; type: string; n: number }[];
  if (rollupCanAnswer(filter)) {
    const b = dayBucketSql(c.day, bucket);
    rows = await db
      .select({ bucket: b.label, model: c.newModelId, type: c.switchType, n: sql<number>`sum(${c.switches})`.mapWith(Number) })
      .from(c)
      .where(rollupConditions(filter))
      .groupBy(b.key, c.newModelId, c.switchType);
  } else {
    const b = dayBucketSql(switchDaySql, bucket);
    rows = await db
      .select({ bucket: b.label, model: s.newModelId, type: s.switchType, n: count() })
      .from(s)
      .where(logConditions(filter))
      .groupBy(b.key, s.newModelId, s.switchType);
  }
  const byModel = new Map<string, Point>();
  const byType = new Map<string, Point>();
  for (const r of rows) {
    if (r.n === 0) continue;
    const m = `${r.bucket}|${r.model}`;
    const t = `${r.bucket}|${r.type}`;
    byModel.set(m, { bucket: r.bucket, series: r.model, value: (byModel.get(m)?.value ?? 0) + r.n });
    byType.set(t, { bucket: r.bucket, series: r.type, value: (byType.get(t)?.value ?? 0) + r.n });
  }
  return { byModel: [...byModel.values()], byType: [...byType.values()] };
}

export type HistoryUserOption = { id: string; name: string; email: string };
export const USER_OPTIONS_LIMIT = 200;

/** What the filter form offers: the use cases and (up to a limit) the accounts that ever switched a model. */
export async function historyFilterOptions({ db }: { db: Database }): Promise<{
  useCases: string[];
  users: HistoryUserOption[];
  moreUsers: boolean;
}> {
  const [cases, people] = await Promise.all([
    db.select({ name: useCases.name }).from(useCases).orderBy(asc(useCases.name)),
    db
      .select({ id: accounts.id, name: accounts.name, email: accounts.email })
      .from(accounts)
      .where(exists(db.select({ one: sql`1` }).from(userModelSwitchCounts).where(eq(userModelSwitchCounts.userId, accounts.id))))
      .orderBy(asc(accounts.email))
      .limit(USER_OPTIONS_LIMIT + 1),
  ]);
  return {
    useCases: cases.map((u) => u.name),
    users: people.slice(0, USER_OPTIONS_LIMIT),
    moreUsers: people.length > USER_OPTIONS_LIMIT,
  };
}

/** One account, for a user filter that names someone outside the first options. */
export async function findAccount({ db, id }: { db: Database; id: string }): Promise<HistoryUserOption | null> {
  const [row] = await db.select({ id: accounts.id, name: accounts.name, email: accounts.email }).from(accounts).where(eq(accounts.id, id)).limit(1);
  return row ?? null;
}
