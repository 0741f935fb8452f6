import "server-only";
import { asc } from "drizzle-orm";
import { useCaseTrafficSplits } from "@/db/schema";
import { notifiedCache } from "@/server/notified-cache";
import type { SplitRow, TrafficSplit } from "./split";

/**
 * Split changes are announced here (NOTIFY inside the changing transaction, so only committed changes are heard):
 * an edit on the Use cases page, or a switch that made a split model the current one and removed its row.
 */
export const TRAFFIC_CHANNEL = "switchboard_traffic";

// Every use case's split in one small read (a handful of rows), kept until a change is announced. The TTL only bounds
// a lost notification; NOTIFY reaches every instance within milliseconds.
const cache = notifiedCache<Map<string, SplitRow[]>>({
  name: "__switchboardTrafficSplits",
  channel: TRAFFIC_CHANNEL,
  ttlMs: 60_000,
  load: async (db) => {
    const rows = await db.select().from(useCaseTrafficSplits).orderBy(asc(useCaseTrafficSplits.useCase), asc(useCaseTrafficSplits.modelId));
    const byUseCase = new Map<string, SplitRow[]>();
    for (const r of rows) byUseCase.set(r.useCase, [...(byUseCase.get(r.useCase) ?? []), { modelId: r.modelId, weight: r.weight }]);
    return byUseCase;
  },
});

/** A use case's split, from memory (the invoke path calls this per request). Empty rows: all traffic to the current model. */
export async function getTrafficSplit(useCase: string): Promise<TrafficSplit> {
  return { useCase, rows: (await cache.get()).get(useCase) ?? [] };
}

/** For a change whose NOTIFY went out inside its transaction: this instance drops its copy at once too. */
export const dropTrafficSplitsHere = cache.dropLocal;
