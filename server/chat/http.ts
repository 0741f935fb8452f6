import "server-only";
import type { Actor } from "@/server/auth/roles";
import { getSessionUser, verifiedUserForMutation } from "@/server/auth/session";
import { AppError } from "@/server/errors";

// What the chat's route handlers share: who is calling (the session cookie), a same-origin check for requests that
// change something, and the one JSON shape of an error.

/** The signed-in caller; `mutation` asks for the verified user (with Supabase, a round trip to Auth) before a change. */
export async function chatActor({ mutation = false }: { mutation?: boolean } = {}): Promise<Actor> {
  const user = mutation ? await verifiedUserForMutation() : await getSessionUser();
  if (!user) throw new AppError("unauthorized", "Your session has ended. Sign in again.");
  return { kind: "user", user };
}

/**
 * The session cookie is SameSite=Lax, which already keeps other sites' POSTs from carrying it; a mismatching Origin
 * is refused as well, so a writing route never relies on the cookie attribute alone.
 */
export function assertSameOrigin(request: Request): void {
  const origin = request.headers.get("origin");
  if (!origin) return;
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  let originHost: string | null = null;
  try {
    originHost = new URL(origin).host;
  } catch {
    originHost = null;
  }
  if (!host || originHost !== host) throw new AppError("forbidden", "Cross-site requests are not accepted.");
}

export { errorResponse as jsonError, jsonOk } from "@/server/http/respond";
