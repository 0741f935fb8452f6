import "server-only";
import { sql } from "drizzle-orm";
import { accounts } from "@/db/schema";
import { getDb } from "@/server/db";
import type { SessionUser } from "@/server/auth/roles";

// Conversations (and everything keyed by an account) reference accounts.id, so a Supabase user gets a row there
// under the same id, with a password hash no password matches: the row is a mirror, never a way to sign in.
const NO_PASSWORD = "supabase-auth";

// Written once per process per change of email, name or role, not on every request.
const synced = new Map<string, string>();

export async function ensureAccountMirror(user: SessionUser): Promise<void> {
  const email = user.email.toLowerCase() || `${user.id}@supabase.invalid`;
  const signature = `${email}\n${user.name}\n${user.role}`;
  if (synced.get(user.id) === signature) return;
  try {
    const db = await getDb();
    await db
      .insert(accounts)
      .values({ id: user.id, email, name: user.name, role: user.role, passwordHash: NO_PASSWORD })
      .onConflictDoUpdate({
        target: accounts.id,
        set: { email, name: user.name, role: user.role },
        where: sql`(${accounts.email}, ${accounts.name}, ${accounts.role}) is distinct from (excluded.email, excluded.name, excluded.role)`,
      });
  } catch (err) {
    // Typically a local account already holds this email. Signing in still works; what needs the row (a new
    // conversation) fails with its own error instead of the whole page.
    console.warn(`[switchboard] could not mirror Supabase user ${user.id} into accounts: ${(err as Error).message}`);
  }
  synced.set(user.id, signature);
}

/** Tests: forget which mirrors were written. */
export function clearAccountMirrorCache(): void {
  synced.clear();
}
