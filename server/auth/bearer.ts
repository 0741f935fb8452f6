import "server-only";
import { supabaseConfigured } from "@/server/env";
import { AppError } from "@/server/errors";
import { secretsEqual, serviceKey } from "@/server/secrets";
import type { Actor } from "./roles";
import { userFromSessionValue } from "./session";

/** An access token rather than a local session value (`<token>.<signature>`): three base64url parts. */
const looksLikeJwt = (token: string) => /^[\w-]+\.[\w-]+\.[\w-]+$/.test(token);

async function userFromSupabaseToken(token: string) {
  // Loaded only when Supabase is configured, so local accounts never import supabase-js.
  return (await import("./supabase/session")).userFromSupabaseAccessToken(token);
}

/**
 * The API's caller from `Authorization: Bearer <key>`: the service key (compared in constant time), or a signed-in
 * user's session token (a local session value, or a Supabase access token when Supabase is configured), in which
 * case that user's role applies.
 */
export async function actorFromAuthorization(header: string | null): Promise<Actor> {
  const match = header?.match(/^Bearer\s+(\S+)\s*$/i);
  if (!match) throw new AppError("unauthorized", "Send Authorization: Bearer <service key or session token>.");
  const token = match[1]!;
  if (secretsEqual(token, serviceKey())) return { kind: "service" };
  // With Supabase Auth, a user's access token (checked with the Auth server, so a revoked one is refused).
  const user = supabaseConfigured() && looksLikeJwt(token) ? await userFromSupabaseToken(token) : await userFromSessionValue(token);
  if (!user) throw new AppError("unauthorized", "The bearer token is not a valid service key or session.");
  return { kind: "user", user };
}
