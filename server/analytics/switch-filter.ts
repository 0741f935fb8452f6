import "server-only";
import { and, eq, gte, lt, lte, sql, type SQL } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import { bedrockModelSwitches as s, switchDailyCounts as c } from "@/db/schema";
import { rangeInstants, type Bucket } from "@/lib/date-range";
import type { HistoryFilter } from "@/lib/history-filter";

// One filter, two sources. The rollup (switch_daily_counts) answers everything but the user filter, which only the
// log itself holds (a per-user rollup would be nearly as large as the log). Both read a range as whole UTC days, so
// a count from the rollup and the rows of the CSV export always agree.

/** Whether the rollup can answer this filter. */
export function rollupCanAnswer(filter: Pick<HistoryFilter, "user">): boolean {
  return !filter.user;
}

export function logConditions(filter: HistoryFilter): SQL {
  const { start, end } = rangeInstants(filter);
  const parts: SQL[] = [gte(s.timestamp, start), lt(s.timestamp, end)];
  if (filter.useCase) parts.push(eq(s.useCase, filter.useCase));
  if (filter.model) parts.push(eq(s.newModelId, filter.model));
  if (filter.type) parts.push(eq(s.switchType, filter.type));
  if (filter.user) parts.push(eq(s.userId, filter.user));
  return and(...parts)!;
}

export function rollupConditions(filter: Omit<HistoryFilter, "user">): SQL {
  const parts: SQL[] = [gte(c.day, filter.from), lte(c.day, filter.to)];
  if (filter.useCase) parts.push(eq(c.useCase, filter.useCase));
  if (filter.model) parts.push(eq(c.newModelId, filter.model));
  if (filter.type) parts.push(eq(c.switchType, filter.type));
  return and(...parts)!;
}

/**
 * The bucket of a `date` column: `key` to group by (a date or a timestamp without zone, so the session's time zone
 * never shifts it) and `label`, its YYYY-MM-DD text. Grouping by the key and formatting only the groups keeps
 * to_char off the rows themselves.
 */
export function dayBucketSql(day: SQL | AnyPgColumn, bucket: Bucket): { key: SQL; label: SQL<string> } {
  const key = bucket === "day" ? sql`${day}` : sql`date_trunc(${sql.raw(`'${bucket}'`)}, (${day})::timestamp)`;
  return { key, label: sql<string>`to_char(${key}, 'YYYY-MM-DD')` };
}

/** The UTC day of a switch's timestamp. */
export const switchDaySql = sql`((${s.timestamp} AT TIME ZONE 'UTC')::date)`;
