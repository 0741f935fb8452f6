import "server-only";
import type { SupabaseClient } from "@supabase/supabase-js";
import type { Role } from "@/server/auth/roles";

// The one rule for a valid role, here and in db/supabase/realtime.sql (public.switchboard_realtime_role): exactly
// "admin", "analyst" or "user" (a string, same case, no spaces). Anything else ("Admin", "owner", a number) is not a
// role: the next source is asked, and in the end the user is an end user.
const ROLES: readonly Role[] = ["admin", "analyst", "user"];
export const isRole = (v: unknown): v is Role => typeof v === "string" && (ROLES as readonly string[]).includes(v);

/**
 * The role an admin set in `app_metadata.role` (only the service role can write app_metadata), or null.
 * `user_metadata` is deliberately never read: every user can write their own user_metadata.
 */
export function roleFromAppMetadata(appMetadata: unknown): Role | null {
  if (typeof appMetadata !== "object" || appMetadata === null) return null;
  const role = (appMetadata as Record<string, unknown>).role;
  return isRole(role) ? role : null;
}

/** Looks a user's row up in public.switchboard_roles (db/supabase/auth.sql); null when there is none. */
export type RoleLookup = (userId: string) => Promise<unknown>;

/**
 * The roles table through a client: the service-role client when configured, else the user's own client, which
 * RLS lets read exactly its own row.
 */
export function rolesTableLookup(client: SupabaseClient): RoleLookup {
  return async (userId) => {
    const { data, error } = await client.from("switchboard_roles").select("role").eq("user_id", userId).limit(1);
    if (error) {
      // A missing table or an outage must not grant anything: the caller falls back to the least privileged role.
      console.warn(`[switchboard] roles table lookup failed: ${error.message}`);
      return null;
    }
    const role: unknown = (data as { role?: unknown }[] | null)?.[0]?.role;
    return isRole(role) ? role : null;
  };
}

// Page renders look the role up at most every 30 seconds per user; mutations always look it up afresh.
const CACHE_MS = 30_000;
const cache = new Map<string, { role: Role | null; at: number }>();

/** app_metadata.role, else the roles table, else "user". */
export async function resolveRole(input: { userId: string; appMetadata: unknown; lookup: RoleLookup; fresh?: boolean }): Promise<Role> {
  const fromClaims = roleFromAppMetadata(input.appMetadata);
  if (fromClaims) return fromClaims;
  const hit = cache.get(input.userId);
  if (!input.fresh && hit && Date.now() - hit.at < CACHE_MS) return hit.role ?? "user";
  const found = await input.lookup(input.userId);
  const role = isRole(found) ? found : null;
  if (cache.size > 10_000) cache.clear();
  cache.set(input.userId, { role, at: Date.now() });
  return role ?? "user";
}

/** Tests: forget cached roles-table answers. */
export function clearRoleCache(): void {
  cache.clear();
}
