import "server-only";
import type { SessionUser } from "@/server/auth/roles";
import { getSessionUser, SESSION_COOKIE, userFromSessionValue } from "@/server/auth/session";
import { supabaseConfigured } from "@/server/env";
import { AppError } from "@/server/errors";

/** The value of one cookie from a request's Cookie header. */
export function readCookie(request: Request, name: string): string | undefined {
  const header = request.headers.get("cookie");
  if (!header) return undefined;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq < 0 || part.slice(0, eq).trim() !== name) continue;
    const raw = part.slice(eq + 1).trim();
    try {
      return decodeURIComponent(raw);
    } catch {
      return raw;
    }
  }
  return undefined;
}

/**
 * The signed-in user of a route handler's request. Local accounts: the session cookie on the Request itself (the same
 * check as getSessionUser, without next/headers, so the handler can be called directly in tests). With Supabase:
 * getSessionUser, which verifies the Supabase session cookies.
 */
export async function userFromRequest(request: Request): Promise<SessionUser | null> {
  if (supabaseConfigured()) return getSessionUser();
  return userFromSessionValue(readCookie(request, SESSION_COOKIE));
}

/**
 * Where a (re)connecting client resumes: the `Last-Event-ID` header that EventSource sends on its own reconnects wins
 * over `?since=` (what the page knew when it rendered). Null: live events only. Anything but a switch id is refused.
 */
export function resumeAfter(request: Request): number | null {
  const header = request.headers.get("last-event-id");
  const query = new URL(request.url).searchParams.get("since");
  const raw = header?.trim() ? header.trim() : query;
  if (raw === null || raw === "") return null;
  if (!/^\d{1,15}$/.test(raw)) {
    throw new AppError("invalid_request", `${header?.trim() ? "Last-Event-ID" : "since"} must be a switch id (a whole number), got "${raw.slice(0, 40)}".`);
  }
  return Number(raw);
}
