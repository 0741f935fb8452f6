import "server-only";
import type { UseCase } from "@/lib/catalog-model";
import { notifiedCache } from "@/server/notified-cache";
import { listUseCases } from "./load";

/**
 * Every change of a use case row or its fallback chain is announced here (a switch of the use case's model, a policy
 * or chain edit, a new use case): NOTIFY inside the changing transaction where there is one, so only committed
 * changes are heard.
 */
export const USE_CASES_CHANNEL = "switchboard_use_cases";

// Every use case with its fallback chain and policy in one small read (two statements), kept until a change is
// announced: the invoke path reads its use case from memory. The TTL only bounds a lost notification.
const cache = notifiedCache<Map<string, UseCase>>({
  name: "__switchboardUseCases",
  channel: USE_CASES_CHANNEL,
  ttlMs: 60_000,
  load: async (db) => new Map((await listUseCases({ db })).map((u) => [u.name, u])),
});

/** A use case by name from memory, or null when there is none. */
export async function cachedUseCase(name: string): Promise<UseCase | null> {
  return (await cache.get()).get(name) ?? null;
}

/** For a change whose NOTIFY went out inside its transaction: this instance drops its copy at once too. */
export const dropUseCasesHere = cache.dropLocal;

/** Drops the use cases here and, through NOTIFY, on every other instance (for a change made outside a transaction). */
export const invalidateUseCases = cache.invalidate;
