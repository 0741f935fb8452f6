import "server-only";
import { and, desc, eq, sql, type SQL } from "drizzle-orm";
import type { Database } from "@/db/client";
import { accounts, bedrockModelSwitches as s } from "@/db/schema";
import type { HistoryFilter } from "@/lib/history-filter";
import { csvLine } from "./csv";
import { historyColumns, toHistoryRow, type HistoryRow } from "./history";
import { logConditions } from "./switch-filter";

export const CSV_HEADER = [
  "id",
  "timestamp",
  "use_case",
  "scope",
  "conversation_id",
  "user_id",
  "user_email",
  "actor",
  "previous_model_id",
  "new_model_id",
  "switch_type",
  "trigger",
  "error_code",
  "reason",
  "notification_shown",
] as const;

function toCsv(r: HistoryRow): string {
  return csvLine([
    r.id,
    r.timestamp,
    r.useCase,
    r.scope,
    r.conversationId,
    r.userId,
    r.userEmail,
    r.actor,
    r.previousModelId,
    r.newModelId,
    r.switchType,
    r.trigger,
    r.errorCode,
    r.reason,
    r.notificationShown,
  ]);
}

/** Rows per query: small enough that each batch answers in a few tens of milliseconds and memory stays flat. */
export const EXPORT_BATCH = 2_000;

/**
 * The whole filtered log as CSV text chunks, newest first, read in keyset batches so that memory stays flat and the
 * response can start at once however many rows match. The rows are exactly those the page counts.
 */
export async function* switchCsvChunks({
  db,
  filter,
  batchSize = EXPORT_BATCH,
}: {
  db: Database;
  filter: HistoryFilter;
  batchSize?: number;
}): AsyncGenerator<string> {
  yield csvLine([...CSV_HEADER]);
  const base = logConditions(filter);
  let lastId: number | null = null;
  for (;;) {
    const where: SQL | undefined =
      lastId === null
        ? base
        : and(
            base,
            sql`${s.timestamp} <= (select x."timestamp" from bedrock_model_switches x where x.id = ${lastId})`,
            sql`(${s.timestamp}, ${s.id}) < (select x."timestamp", x.id from bedrock_model_switches x where x.id = ${lastId})`,
          );
    const rows: Parameters<typeof toHistoryRow>[0][] = await db
      .select(historyColumns)
      .from(s)
      .leftJoin(accounts, eq(accounts.id, s.userId))
      .where(where)
      .orderBy(desc(s.timestamp), desc(s.id))
      .limit(batchSize);
    if (!rows.length) return;
    yield rows.map((r) => toCsv(toHistoryRow(r))).join("");
    if (rows.length < batchSize) return;
    lastId = Number(rows[rows.length - 1]!.id);
  }
}
