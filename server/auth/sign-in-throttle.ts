import "server-only";
import { inArray, sql } from "drizzle-orm";
import { signInFailures } from "@/db/schema";
import type { Database } from "@/db/client";

// Sign-in attempts are counted before the password is checked, in one atomic upsert per key, so parallel attempts
// each see their own number and no two are checked against the same count. Two keys per attempt:
// - the account (`email:<email>`): every attempt after a few failures waits longer (doubling, capped), from
//   wherever it comes, so guessing is slow but the owner is never locked out by strangers;
// - the account at one client address (`email-address:<email> <address>`): past the limit that address is refused
//   for the rest of the window, and only that address.

export const FREE_FAILURES = 3;
export const ADDRESS_LIMIT = 10;
export const WINDOW_MS = 15 * 60_000;
const MAX_DELAY_MS = 8000;

/** How long to hold an attempt after `failures` earlier failures on its account: 0, then doubling from 0.5 s to 8 s. */
export function failureDelayMs(failures: number): number {
  if (failures < FREE_FAILURES) return 0;
  return Math.min(500 * 2 ** (failures - FREE_FAILURES), MAX_DELAY_MS);
}

export const accountKey = (email: string) => `email:${email}`;
export const addressKey = (email: string, address: string) => `email-address:${email} ${address}`;

type Count = { failures: number; lastFailureAt: Date };

/**
 * Counts one attempt on `key` and returns the count including it. A count older than the window starts again at 1.
 * Once the count reaches `freezeAt`, the time stops moving, so a refusal ends one window after the last counted
 * failure however often the refused address tries meanwhile. Timestamps travel as ISO text: a JS Date inside a raw
 * `sql` fragment is accepted by PGlite but refused by postgres-js.
 */
async function countAttempt(db: Database, key: string, now: Date, freezeAt: number | null): Promise<Count> {
  const nowIso = now.toISOString();
  const windowStart = new Date(now.getTime() - WINDOW_MS).toISOString();
  const expired = sql`${signInFailures.lastFailureAt} < ${windowStart}::timestamptz`;
  const [row] = await db
    .insert(signInFailures)
    .values({ key, failures: 1, lastFailureAt: now })
    .onConflictDoUpdate({
      target: signInFailures.key,
      set: {
        failures: sql`case when ${expired} then 1 else ${signInFailures.failures} + 1 end`,
        lastFailureAt:
          freezeAt === null
            ? sql`${nowIso}::timestamptz`
            : sql`case when ${expired} then ${nowIso}::timestamptz when ${signInFailures.failures} >= ${freezeAt} then ${signInFailures.lastFailureAt} else ${nowIso}::timestamptz end`,
      },
    })
    .returning({ failures: signInFailures.failures, lastFailureAt: signInFailures.lastFailureAt });
  return row!;
}

/**
 * Counts past the window mean nothing any more (the next attempt on such a key starts again at 1), so they are
 * deleted as attempts come in: at most once a minute per process, and only rows past the window. Without it, attempts
 * sprayed over many accounts or addresses would grow the table without bound.
 */
const PRUNE_EVERY_MS = 60_000;
const prune = { lastAt: Number.NEGATIVE_INFINITY };

async function pruneExpired(db: Database, now: Date): Promise<void> {
  // abs(): a clock that went backwards (or a test's injected one) must not stop the pruning for good.
  if (Math.abs(now.getTime() - prune.lastAt) < PRUNE_EVERY_MS) return;
  prune.lastAt = now.getTime();
  const windowStart = new Date(now.getTime() - WINDOW_MS).toISOString();
  await db.delete(signInFailures).where(sql`${signInFailures.lastFailureAt} < ${windowStart}::timestamptz`);
}

export type AttemptVerdict = { allowed: true; delayMs: number } | { allowed: false; retryAfterMs: number };

/** Counts an attempt on both keys and says whether it may go on (after how long a wait) or is refused (for how long). */
export async function countSignInAttempt(db: Database, email: string, address: string, now: Date): Promise<AttemptVerdict> {
  await pruneExpired(db, now);
  const [account, pair] = await Promise.all([countAttempt(db, accountKey(email), now, null), countAttempt(db, addressKey(email, address), now, ADDRESS_LIMIT)]);
  if (pair.failures > ADDRESS_LIMIT) {
    return { allowed: false, retryAfterMs: Math.max(0, pair.lastFailureAt.getTime() + WINDOW_MS - now.getTime()) };
  }
  return { allowed: true, delayMs: failureDelayMs(account.failures - 1) };
}

/** A successful sign-in clears the account's count and its address's. */
export async function clearSignInAttempts(db: Database, email: string, address: string): Promise<void> {
  await db.delete(signInFailures).where(inArray(signInFailures.key, [accountKey(email), addressKey(email, address)]));
}
