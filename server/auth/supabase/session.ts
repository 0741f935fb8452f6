import "server-only";
import { isAuthApiError, isAuthRetryableFetchError, type SupabaseClient } from "@supabase/supabase-js";
import type { SessionUser } from "@/server/auth/roles";
import { AppError } from "@/server/errors";
import { ensureAccountMirror } from "./account";
import { resolveRole, rolesTableLookup } from "./role";
import {
  createSupabaseClientForToken,
  createSupabaseServerClient,
  createSupabaseStatelessClient,
  nextSessionCookies,
  requireSupabaseConfig,
  supabaseServiceRoleClient,
  type SessionCookies,
} from "./server-client";

/** The identity fields Switchboard reads, from verified JWT claims or from the Auth server's user record. */
type Identity = {
  id: string;
  email?: string;
  phone?: string;
  isAnonymous?: boolean;
  appMetadata: unknown;
  userMetadata: unknown;
};

function displayName(identity: Identity, email: string): string {
  // user_metadata is the user's own profile data: fine for a display name, never for a role.
  const meta = (identity.userMetadata ?? {}) as Record<string, unknown>;
  for (const key of ["full_name", "name"]) {
    const v = meta[key];
    if (typeof v === "string" && v.trim()) return v.trim().slice(0, 200);
  }
  return email.split("@")[0] || "Supabase user";
}

/**
 * A verified identity as a SessionUser: the role from app_metadata, else the roles table (through the service-role
 * client when configured, else the user's own client under RLS), else "user". Anonymous sign-ins get no access.
 */
async function toSessionUser(identity: Identity, roleClient: SupabaseClient, fresh: boolean): Promise<SessionUser | null> {
  if (!identity.id || identity.isAnonymous) return null;
  const email = identity.email || identity.phone || "";
  const role = await resolveRole({
    userId: identity.id,
    appMetadata: identity.appMetadata,
    lookup: rolesTableLookup(supabaseServiceRoleClient() ?? roleClient),
    fresh,
  });
  const user: SessionUser = { id: identity.id, email, name: displayName(identity, email), role };
  await ensureAccountMirror(user);
  return user;
}

type AuthUser = {
  id: string;
  email?: string;
  phone?: string;
  is_anonymous?: boolean;
  app_metadata: unknown;
  user_metadata: unknown;
};

const fromAuthUser = (u: AuthUser): Identity => ({
  id: u.id,
  email: u.email,
  phone: u.phone,
  isAnonymous: u.is_anonymous,
  appMetadata: u.app_metadata,
  userMetadata: u.user_metadata,
});

/**
 * Page gating: getClaims() verifies the access token from the cookies (locally against the project's JWKS with
 * asymmetric keys, through the Auth server with a symmetric secret) and refreshes an expired one first.
 */
export async function userFromSupabaseCookies(jar: SessionCookies): Promise<SessionUser | null> {
  const supabase = createSupabaseServerClient(jar);
  const { data, error } = await supabase.auth.getClaims();
  // With the legacy JWT secret, getClaims() asks the Auth server (getUser) on every page; if that server cannot be
  // reached, the visitor is not signed out: the page says "unavailable" (requireSignedIn) instead of asking them to sign
  // in again. With asymmetric signing keys the token is verified locally and pages keep working.
  if (error || !data) return refuse(error);
  const c = data.claims;
  if (typeof c.sub !== "string") return null;
  return toSessionUser(
    {
      id: c.sub,
      email: c.email,
      phone: c.phone,
      isAnonymous: c.is_anonymous,
      appMetadata: c.app_metadata,
      userMetadata: c.user_metadata,
    },
    supabase,
    false,
  );
}

/** No user; but an Auth server that cannot be reached is an outage to report, not a signed-out user. */
function refuse(error: unknown): null {
  if (error && isAuthRetryableFetchError(error)) {
    throw new AppError("unavailable", "The sign-in service is not reachable. The request changed nothing; try again shortly.");
  }
  return null;
}

/**
 * Before a change: getUser() asks the Auth server, so a signed-out, banned or deleted user is refused even while
 * their JWT still verifies, and a role just set in app_metadata applies at once.
 */
export async function verifiedUserFromSupabaseCookies(jar: SessionCookies): Promise<SessionUser | null> {
  const supabase = createSupabaseServerClient(jar);
  const { data, error } = await supabase.auth.getUser();
  if (error || !data.user) return refuse(error);
  return toSessionUser(fromAuthUser(data.user), supabase, true);
}

/** The API's bearer path: a Supabase access token, checked with the Auth server (the API can change things). */
export async function userFromSupabaseAccessToken(accessToken: string): Promise<SessionUser | null> {
  const { data, error } = await createSupabaseStatelessClient().auth.getUser(accessToken);
  if (error || !data.user) return refuse(error);
  return toSessionUser(fromAuthUser(data.user), createSupabaseClientForToken(accessToken), true);
}

export const SUPABASE_WRONG_CREDENTIALS = "That email and password do not match an account.";

/** Signs in with Supabase Auth; the session cookies are written through `jar` (Next's cookie store by default). */
export async function signInWithSupabase(input: { email: string; password: string }, jar?: SessionCookies): Promise<SessionUser> {
  requireSupabaseConfig();
  const supabase = createSupabaseServerClient(jar ?? (await nextSessionCookies()));
  const { data, error } = await supabase.auth.signInWithPassword(input);
  if (error || !data.user) {
    if (error && isAuthRetryableFetchError(error)) {
      throw new AppError("unavailable", "The sign-in service is not reachable. Try again in a moment.");
    }
    if (error && isAuthApiError(error) && error.status === 429) {
      throw new AppError("rate_limited", "Too many sign-in attempts. Wait a few minutes and try again.");
    }
    throw new AppError("unauthorized", SUPABASE_WRONG_CREDENTIALS);
  }
  const user = await toSessionUser(fromAuthUser(data.user), supabase, true);
  if (!user) {
    await supabase.auth.signOut({ scope: "local" });
    throw new AppError("forbidden", "This account cannot use Switchboard.");
  }
  return user;
}

/** Ends this browser's session: revokes its refresh token with the Auth server and clears the cookies. */
export async function signOutOfSupabase(jar?: SessionCookies): Promise<void> {
  const supabase = createSupabaseServerClient(jar ?? (await nextSessionCookies()));
  const { error } = await supabase.auth.signOut({ scope: "local" });
  if (error) console.warn(`[switchboard] Supabase sign-out: ${error.message}`);
}
