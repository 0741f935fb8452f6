import "server-only";
import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import { apiKeys } from "@/db/schema";
import type { ApiKeyView } from "@/lib/api-keys";
import { assertCan, type Actor } from "@/server/auth/roles";
import { getDb } from "@/server/db";
import { AppError } from "@/server/errors";
import { notifyInTransaction } from "@/server/notified-cache";
import { API_KEYS_CHANNEL, dropKeysHere } from "./cache";
import { toApiKeyView } from "./view";

/**
 * Revokes a key: this instance refuses it from the next request on, every other instance as soon as the NOTIFY sent
 * at commit reaches it (milliseconds; each keeps keys in memory, server/keys/cache.ts).
 * Idempotent: revoking a revoked key keeps its first revocation time. An unknown id is not_found.
 */
export async function revokeApiKey({ actor, id }: { actor: Actor; id: string }): Promise<ApiKeyView> {
  assertCan(actor, "keys:manage");
  // Not a UUID cannot be a key's id: the same answer as an unknown one (and no invalid-uuid error from the database).
  if (!z.uuid().safeParse(id).success) throw new AppError("not_found", `No API key with id ${id}.`);
  const db = await getDb();
  const row = await db.transaction(async (tx) => {
    const [updated] = await tx
      .update(apiKeys)
      .set({ revokedAt: sql`coalesce(${apiKeys.revokedAt}, now())` })
      .where(eq(apiKeys.id, id))
      .returning();
    // Every instance drops the keys it keeps once this commits (NOTIFY is delivered at commit).
    if (updated) await notifyInTransaction(tx, API_KEYS_CHANNEL);
    return updated;
  });
  dropKeysHere();
  if (!row) throw new AppError("not_found", `No API key with id ${id}.`);
  return toApiKeyView(row);
}
