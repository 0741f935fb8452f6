import "server-only";
import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import { accounts, signInFailures } from "@/db/schema";
import { getDb } from "@/server/db";
import { AppError } from "@/server/errors";
import { dummyPasswordHash, verifyPassword } from "./password";
import type { SessionUser } from "./roles";
import { createSession } from "./session";

export const signInInput = z.object({
  email: z.string().trim().toLowerCase().email("Enter a valid email address").max(254),
  password: z.string().min(1, "Enter your password").max(1024),
});

export const WRONG_CREDENTIALS = "That email and password do not match an account.";

/** Failures after which each further attempt waits longer, and after which attempts are refused for a while. */
const FREE_FAILURES = 3;
const LOCK_FAILURES = 10;
const WINDOW_MS = 15 * 60_000;

/** How long to hold a response after `failures` recent failures: 0, then doubling from 0.5 s up to 8 s. */
export function failureDelayMs(failures: number): number {
  if (failures < FREE_FAILURES) return 0;
  return Math.min(500 * 2 ** (failures - FREE_FAILURES), 8000);
}

async function recentFailures(key: string): Promise<number> {
  const db = await getDb();
  const [row] = await db.select().from(signInFailures).where(eq(signInFailures.key, key)).limit(1);
  if (!row || Date.now() - row.lastFailureAt.getTime() > WINDOW_MS) return 0;
  return row.failures;
}

async function recordFailure(key: string): Promise<void> {
  const db = await getDb();
  const windowStart = new Date(Date.now() - WINDOW_MS);
  await db
    .insert(signInFailures)
    .values({ key, failures: 1 })
    .onConflictDoUpdate({
      target: signInFailures.key,
      set: {
        failures: sql`case when ${signInFailures.lastFailureAt} < ${windowStart} then 1 else ${signInFailures.failures} + 1 end`,
        lastFailureAt: new Date(),
      },
    });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Checks the credentials and opens a session. The same message for an unknown email and a wrong password,
 * the same work in both cases, and a growing delay per email after repeated failures.
 */
export async function signIn(
  input: z.infer<typeof signInInput>,
): Promise<{ user: SessionUser; session: { value: string; expiresAt: Date } }> {
  const key = `email:${input.email}`;
  const failures = await recentFailures(key);
  if (failures >= LOCK_FAILURES) {
    throw new AppError("rate_limited", "Too many failed sign-in attempts. Wait 15 minutes and try again.");
  }
  await sleep(failureDelayMs(failures));

  const db = await getDb();
  const [account] = await db.select().from(accounts).where(eq(accounts.email, input.email)).limit(1);
  const ok = await verifyPassword(input.password, account?.passwordHash ?? (await dummyPasswordHash()));
  if (!account || !ok) {
    await recordFailure(key);
    throw new AppError("unauthorized", WRONG_CREDENTIALS);
  }
  await db.delete(signInFailures).where(eq(signInFailures.key, key));
  const session = await createSession(account.id);
  return { user: { id: account.id, email: account.email, name: account.name, role: account.role }, session };
}
