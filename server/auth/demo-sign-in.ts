import "server-only";
import { DEMO_PASSWORD, demoAccounts } from "@/db/seed/demo-accounts";
import { wantsDemoData } from "@/server/db";
import { supabaseConfigured } from "@/server/env";
import type { AccountRole } from "@/lib/enums";

export type DemoSignIn = { accounts: { email: string; role: AccountRole; label: string }[]; password: string };

/**
 * The seeded demo accounts the sign-in page offers, so a first-time visitor gets in with one click; null when the
 * deployment has no demo data, or signs in with Supabase Auth (demo accounts are local accounts).
 */
export function demoSignIn(): DemoSignIn | null {
  if (!wantsDemoData() || supabaseConfigured()) return null;
  return { accounts: demoAccounts.map((a) => ({ email: a.email, role: a.role ?? "user", label: a.name })), password: DEMO_PASSWORD };
}
