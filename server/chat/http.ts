import "server-only";
import type { Actor } from "@/server/auth/roles";
import { getSessionUser, verifiedUserForMutation } from "@/server/auth/session";
import { AppError, ERROR_STATUS, toPublicError } from "@/server/errors";

// What the chat's route handlers share: who is calling (the session cookie), a same-origin check for requests that
// change something, and the one JSON shape of an error.

const NO_STORE = { "Cache-Control": "no-store" };

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

export function jsonOk(data: unknown): Response {
  return Response.json(data, { headers: NO_STORE });
}

export function jsonError(err: unknown): Response {
  const e = toPublicError(err);
  // Only the code and the safe message: details may name models or attempts that are not the caller's business.
  return Response.json({ ok: false, error: { code: e.code, message: e.message } }, { status: ERROR_STATUS[e.code], headers: NO_STORE });
}
