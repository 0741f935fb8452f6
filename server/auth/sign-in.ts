import "server-only";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { accounts } from "@/db/schema";
import { getDb } from "@/server/db";
import { AppError } from "@/server/errors";
import { dummyPasswordHash, verifyPassword } from "./password";
import type { SessionUser } from "./roles";
import { createSession } from "./session";
import { clearSignInAttempts, countSignInAttempt } from "./sign-in-throttle";

export const signInInput = z.object({
  email: z.string().trim().toLowerCase().email("Enter a valid email address").max(254),
  password: z.string().min(1, "Enter your password").max(1024),
});

export const WRONG_CREDENTIALS = "That email and password do not match an account.";

export type SignInContext = {
  /** The caller's address (see client-address.ts): refusals after repeated failures hold for that address only. */
  clientAddress: string;
  now?: () => Date;
  /** Holds the attempt for the account's delay; tests pass a recorder instead of waiting. */
  wait?: (ms: number) => Promise<void>;
};

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

function minutes(ms: number): string {
  const n = Math.max(1, Math.ceil(ms / 60_000));
  return `${n} minute${n === 1 ? "" : "s"}`;
}

/**
 * Checks the credentials and opens a session. The same message for an unknown email and a wrong password, the same
 * work in both cases. Each attempt is counted before the password is checked (sign-in-throttle.ts): after repeated
 * failures on an account every attempt waits longer, and one address is refused for a while past the limit.
 */
export async function signIn(
  input: z.infer<typeof signInInput>,
  ctx: SignInContext,
): Promise<{ user: SessionUser; session: { value: string; expiresAt: Date } }> {
  const db = await getDb();
  const now = ctx.now ?? (() => new Date());
  const verdict = await countSignInAttempt(db, input.email, ctx.clientAddress, now());
  if (!verdict.allowed) {
    throw new AppError("rate_limited", `Too many attempts from this address; try again in ${minutes(verdict.retryAfterMs)}.`);
  }
  if (verdict.delayMs > 0) await (ctx.wait ?? sleep)(verdict.delayMs);

  const [account] = await db.select().from(accounts).where(eq(accounts.email, input.email)).limit(1);
  const ok = await verifyPassword(input.password, account?.passwordHash ?? (await dummyPasswordHash()));
  if (!account || !ok) {
    const slowed =
      verdict.delayMs > 0 ? ` After several failed attempts on this account, each sign-in waits a little longer (this one ${verdict.delayMs / 1000} s).` : "";
    throw new AppError("unauthorized", WRONG_CREDENTIALS + slowed);
  }
  await clearSignInAttempts(db, input.email, ctx.clientAddress);
  const session = await createSession(account.id);
  return { user: { id: account.id, email: account.email, name: account.name, role: account.role }, session };
}
