import "server-only";
import { and, eq, isNull, lt, or } from "drizzle-orm";
import { apiKeys } from "@/db/schema";
import { getDb } from "@/server/db";
import { AppError } from "@/server/errors";
import type { GatewayPrincipal, GatewayRequestParts } from "@/server/gateway/principal";
import { secretsEqual, serviceKey } from "@/server/secrets";
import { cachedKey, rememberLastUse, type KeyRow } from "./cache";
import { decryptSecret, hashToken, looksLikeAccessKeyId } from "./material";
import { checkSigningDate, parseSigV4Authorization, verifySigV4 } from "./sigv4";

/** last_used_at is written at most this often per key, so authentication is not a write per request. */
export const LAST_USED_RESOLUTION_MS = 60_000;

export type AuthenticateOptions = { now?: () => Date };

const refuse = (message: string) => new AppError("unauthorized", message);

// Keys come from the per-process key cache (server/keys/cache.ts): one indexed read per key until a key change is
// announced, so a steady caller costs no statement; a key revoked on any instance is refused by every instance as
// soon as the revocation's NOTIFY arrives (milliseconds).
/** Records the use when the stored time is older than the resolution; the condition keeps instances from piling on. */
async function touchLastUsed(row: KeyRow, now: Date): Promise<void> {
  if (row.lastUsedAt && now.getTime() - row.lastUsedAt.getTime() < LAST_USED_RESOLUTION_MS) return;
  // Known here before the write: concurrent requests of this key do not write it again.
  rememberLastUse(row, now);
  const db = await getDb();
  const stale = new Date(now.getTime() - LAST_USED_RESOLUTION_MS);
  await db
    .update(apiKeys)
    .set({ lastUsedAt: now })
    .where(and(eq(apiKeys.id, row.id), or(isNull(apiKeys.lastUsedAt), lt(apiKeys.lastUsedAt, stale))));
}

async function accept(row: KeyRow | undefined, now: Date): Promise<GatewayPrincipal> {
  if (!row) throw refuse("The API key is not valid.");
  if (row.revokedAt) throw refuse("This API key was revoked.");
  await touchLastUsed(row, now);
  return { kind: "key", keyId: row.id, name: row.name, useCases: row.useCases };
}

/**
 * The gateway's caller: `Authorization: Bearer <service key or API key token>`, or AWS SigV4 signed with an API key's
 * access key id and secret. Throws AppError unauthorized (401) for anything else, a revoked key included.
 */
export async function authenticateGatewayRequest(req: GatewayRequestParts, opts: AuthenticateOptions = {}): Promise<GatewayPrincipal> {
  const now = opts.now?.() ?? new Date();
  const authorization = req.headers.get("authorization") ?? "";
  const bearer = authorization.match(/^Bearer\s+(\S+)\s*$/i);
  if (bearer) {
    const token = bearer[1]!;
    if (secretsEqual(token, serviceKey())) return { kind: "service" };
    // Looked up by the token's sha256: the comparison happens on a hash, never on the secret itself.
    return accept(await cachedKey({ tokenHash: hashToken(token) }), now);
  }
  const sig = parseSigV4Authorization(authorization);
  if (sig) {
    const signedAt = checkSigningDate(req, sig, now);
    const row = looksLikeAccessKeyId(sig.accessKeyId) ? await cachedKey({ accessKeyId: sig.accessKeyId }) : undefined;
    if (!row) throw refuse("The access key id is not a Switchboard API key.");
    if (row.revokedAt) throw refuse("This API key was revoked.");
    const secret = decryptSecret(row.secretEncrypted, row.accessKeyId);
    if (secret === null) {
      throw refuse("This key's secret cannot be read with this server's SWITCHBOARD_SESSION_SECRET; use its bearer token or create a new key.");
    }
    await verifySigV4(req, sig, secret, signedAt);
    return accept(row, now);
  }
  throw refuse("Send Authorization: Bearer <API key>, or sign the request with the key's AWS credentials.");
}
