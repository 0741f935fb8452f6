import "server-only";
import { createHash, createHmac, randomBytes } from "node:crypto";
import { and, eq, gt, lt } from "drizzle-orm";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import { accounts, sessions } from "@/db/schema";
import { getDb } from "@/server/db";
import { env, supabaseConfigured } from "@/server/env";
import { AppError } from "@/server/errors";
import { sessionSecret, secretsEqual } from "@/server/secrets";
import { isStaff, type SessionUser } from "./roles";

// Supabase modules load only when Supabase is configured: local accounts (the default) never import supabase-js.
const supabaseAuth = () => import("./supabase/session");
const supabaseCookies = async () => (await import("./supabase/server-client")).nextSessionCookies();

export const SESSION_COOKIE = "sb_session";
const SESSION_DAYS = 14;

const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");
const sign = (token: string) => createHmac("sha256", sessionSecret()).update(token).digest("base64url");

/** The cookie (and bearer) value: `<token>.<signature>`. The database keeps only the token's hash. */
export function sealToken(token: string): string {
  return `${token}.${sign(token)}`;
}

function unseal(value: string | undefined): string | null {
  if (!value) return null;
  const dot = value.lastIndexOf(".");
  if (dot <= 0) return null;
  const token = value.slice(0, dot);
  return secretsEqual(value.slice(dot + 1), sign(token)) ? token : null;
}

export async function createSession(accountId: string): Promise<{ value: string; expiresAt: Date }> {
  const db = await getDb();
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(Date.now() + SESSION_DAYS * 86_400_000);
  await db.insert(sessions).values({ tokenHash: sha256(token), accountId, expiresAt });
  // Expired sessions are pruned opportunistically rather than by a scheduler.
  await db.delete(sessions).where(and(eq(sessions.accountId, accountId), lt(sessions.expiresAt, new Date())));
  return { value: sealToken(token), expiresAt };
}

/** Resolves a sealed session value (cookie or bearer token) to its account, or null. */
export async function userFromSessionValue(value: string | undefined): Promise<SessionUser | null> {
  const token = unseal(value);
  if (!token) return null;
  const db = await getDb();
  const [row] = await db
    .select({ id: accounts.id, email: accounts.email, name: accounts.name, role: accounts.role })
    .from(sessions)
    .innerJoin(accounts, eq(accounts.id, sessions.accountId))
    .where(and(eq(sessions.tokenHash, sha256(token)), gt(sessions.expiresAt, new Date())))
    .limit(1);
  return row ?? null;
}

export async function destroySessionValue(value: string | undefined): Promise<void> {
  const token = unseal(value);
  if (!token) return;
  const db = await getDb();
  await db.delete(sessions).where(eq(sessions.tokenHash, sha256(token)));
}

export async function setSessionCookie(value: string, expiresAt: Date): Promise<void> {
  (await cookies()).set(SESSION_COOKIE, value, {
    httpOnly: true,
    sameSite: "lax",
    secure: env().SWITCHBOARD_SECURE_COOKIES === "true",
    path: "/",
    expires: expiresAt,
  });
}

/**
 * The signed-in user of this request, or null. Memoised per request. With Supabase configured, getClaims() on the
 * Supabase session cookies (a verified JWT); otherwise the local session cookie (the default).
 */
export const getSessionUser = cache(async (): Promise<SessionUser | null> => {
  if (supabaseConfigured()) return (await supabaseAuth()).userFromSupabaseCookies(await supabaseCookies());
  const value = (await cookies()).get(SESSION_COOKIE)?.value;
  return userFromSessionValue(value);
});

/**
 * The user before a change (server actions, a switch): with Supabase, getUser() asks the Auth server, so a revoked
 * session cannot act on a JWT that still verifies; locally the session lookup is already a database check.
 */
export async function verifiedUserForMutation(): Promise<SessionUser | null> {
  if (supabaseConfigured()) return (await supabaseAuth()).verifiedUserFromSupabaseCookies(await supabaseCookies());
  return getSessionUser();
}

/** Where a page sends its visitor when the sign-in service cannot be reached to check their session. */
export const UNAVAILABLE_PATH = "/unavailable";

/**
 * The signed-in user for a page, or null. An unreachable sign-in service (Supabase Auth down, with the legacy JWT
 * secret) is not a signed-out visitor: the page shows "unavailable" rather than the sign-in form.
 */
export async function sessionUserForPage(): Promise<SessionUser | null> {
  try {
    return await getSessionUser();
  } catch (err) {
    if (err instanceof AppError && err.code === "unavailable") redirect(UNAVAILABLE_PATH);
    throw err;
  }
}

export async function requireSignedIn(): Promise<SessionUser> {
  const user = await sessionUserForPage();
  if (!user) redirect("/sign-in");
  return user;
}

/** Staff pages: an end user lands on the chat page without seeing any staff data. */
export async function requireStaff(): Promise<SessionUser> {
  const user = await requireSignedIn();
  if (!isStaff(user.role)) redirect("/chat");
  return user;
}

export async function requireAdminPage(): Promise<SessionUser> {
  const user = await requireStaff();
  if (user.role !== "admin") redirect("/?denied=admin");
  return user;
}
