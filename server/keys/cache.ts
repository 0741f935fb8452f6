import "server-only";
import { eq } from "drizzle-orm";
import { apiKeys } from "@/db/schema";
import { notifiedMap } from "@/server/notified-cache";

/** A key was revoked (or otherwise changed): every instance drops the keys it keeps. NOTIFY inside the change's transaction. */
export const API_KEYS_CHANNEL = "switchboard_api_keys";

/** What authentication needs of a key row. */
export type KeyRow = {
  id: string;
  name: string;
  useCases: string[];
  accessKeyId: string;
  secretEncrypted: string;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
};

/** How a key is looked up: by its bearer token's sha256, or by its access key id (SigV4). */
export type KeyLookup = { tokenHash: string } | { accessKeyId: string };

const columns = {
  id: apiKeys.id,
  name: apiKeys.name,
  useCases: apiKeys.useCases,
  accessKeyId: apiKeys.accessKeyId,
  secretEncrypted: apiKeys.secretEncrypted,
  lastUsedAt: apiKeys.lastUsedAt,
  revokedAt: apiKeys.revokedAt,
};

// Keys by lookup, each loaded by one indexed read (token_hash and access_key_id are unique) and kept until any key
// change is announced: a revocation on any instance reaches every instance within milliseconds (NOTIFY). An unknown
// token is not kept, so a new key needs no announcement and guessing fills no memory. The TTL bounds a lost
// notification.
const cache = notifiedMap<string, KeyRow>({
  name: "__switchboardApiKeys",
  channel: API_KEYS_CHANNEL,
  ttlMs: 60_000,
  maxEntries: 10_000,
  load: async (db, key) => {
    const where = key.startsWith("t:") ? eq(apiKeys.tokenHash, key.slice(2)) : eq(apiKeys.accessKeyId, key.slice(2));
    const [row] = await db.select(columns).from(apiKeys).where(where).limit(1);
    return row;
  },
});

const keyOf = (lookup: KeyLookup) => ("tokenHash" in lookup ? `t:${lookup.tokenHash}` : `a:${lookup.accessKeyId}`);

/** The key row for a bearer token's hash or an access key id, from memory when kept. */
export const cachedKey = (lookup: KeyLookup) => cache.get(keyOf(lookup));

/**
 * Remembers a last use this instance has just written, on the kept row itself, so that the next requests need no read
 * to know it is recent (a key used both by bearer and by SigV4 is kept twice, so at most two writes a minute).
 */
export function rememberLastUse(row: KeyRow, at: Date): void {
  row.lastUsedAt = at;
}

/** For a change whose NOTIFY went out inside its transaction: this instance drops its copy at once too. */
export const dropKeysHere = cache.dropLocal;
