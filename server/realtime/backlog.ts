import "server-only";
import { and, desc, eq, gt, inArray, max, or, type SQL } from "drizzle-orm";
import { bedrockModelSwitches } from "@/db/schema";
import type { RealtimeSwitchEvent } from "@/lib/realtime-event";
import { cachedCatalog } from "@/server/catalog/cache";
import { getDb } from "@/server/db";
import { buildNotification } from "@/server/switching/notification";
import { toSwitchRecord } from "@/server/switching/types";
import { decideAudience, isStaffRole } from "./audience";
import { toClientEvent } from "./client-event";
import type { ViewerState } from "./viewer";

/** A reconnecting client gets at most this many missed switches: the newest ones. Older ones are in the history page. */
export const BACKLOG_LIMIT = 100;

/**
 * The switches after `since` that this viewer may see, oldest first, at most `limit` (the newest ones).
 * The filter runs in SQL, so an end user's 100 are their own 100, not whatever is left of everyone's 100; the pure
 * audience decision then runs on each row as well, the same one the live stream uses.
 */
export async function loadBacklog({
  state,
  since,
  limit = BACKLOG_LIMIT,
}: {
  state: ViewerState;
  since: number;
  limit?: number;
}): Promise<RealtimeSwitchEvent[]> {
  const db = await getDb();
  const { viewer } = state;
  const own = state.current;
  let visibility: SQL | undefined;
  if (!isStaffRole(viewer.role)) {
    const ownIds = own.map((c) => c.id);
    const followed = [...new Set(own.filter((c) => c.modelOverrideId === null).map((c) => c.useCase))];
    const parts: SQL[] = [];
    if (ownIds.length) parts.push(and(eq(bedrockModelSwitches.scope, "conversation"), inArray(bedrockModelSwitches.conversationId, ownIds))!);
    if (followed.length) parts.push(and(eq(bedrockModelSwitches.scope, "use_case"), inArray(bedrockModelSwitches.useCase, followed))!);
    if (!parts.length) return [];
    visibility = or(...parts);
  }
  const rows = await db
    .select()
    .from(bedrockModelSwitches)
    .where(and(gt(bedrockModelSwitches.id, since), visibility))
    .orderBy(desc(bedrockModelSwitches.id))
    .limit(limit);
  const catalog = new Map((await cachedCatalog()).map((m) => [m.modelId, m]));
  const events: RealtimeSwitchEvent[] = [];
  // Judged by the viewer's conversations as they are now (the log does not keep past overrides): a missed use-case
  // switch reaches the conversations that still follow that use case.
  for (const row of rows.reverse()) {
    const record = toSwitchRecord(row);
    const decision = decideAudience(viewer, record, own);
    if (!decision.visible) continue;
    const notification = record.notificationShown ? buildNotification(record, catalog) : null;
    events.push(toClientEvent(viewer, { switch: record, notification }, decision, { replayed: true }));
  }
  return events;
}

/** The newest switch id, or 0: a page passes it to the client so that switches made before the stream opened are not missed. */
export async function latestSwitchId(): Promise<number> {
  const db = await getDb();
  const [row] = await db.select({ id: max(bedrockModelSwitches.id) }).from(bedrockModelSwitches);
  return Number(row?.id ?? 0);
}
