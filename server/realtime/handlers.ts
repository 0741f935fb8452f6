import "server-only";
import type { SessionUser } from "@/server/auth/roles";
import { AppError } from "@/server/errors";
import { errorResponse } from "@/server/http/respond";
import { BACKLOG_LIMIT, latestSwitchId, loadBacklog } from "./backlog";
import { isShuttingDown } from "./hub";
import { resumeAfter, userFromRequest } from "./request";
import { openSwitchStream } from "./stream";
import { ViewerState } from "./viewer";

// The two doors of the realtime feed. Each checks the caller itself (a signed-in account, from the session cookie)
// and filters on the server: a browser only ever receives the switches its user may see.

async function requireUser(request: Request): Promise<SessionUser> {
  const user = await userFromRequest(request);
  if (!user) throw new AppError("unauthorized", "Sign in to receive model switch notifications.");
  return user;
}

/** GET /api/realtime: Server-Sent Events, `event: switch`, `id: <switch id>`; resumes after Last-Event-ID or ?since=. */
export async function handleRealtimeStream(request: Request): Promise<Response> {
  if (isShuttingDown()) {
    // This instance is stopping. Closing the socket makes the browser's retry reach the next instance.
    return Response.json(
      { ok: false, error: { code: "unavailable", message: "The server is restarting; reconnect shortly." } },
      { status: 503, headers: { "Cache-Control": "no-store", "Retry-After": "1", Connection: "close" } },
    );
  }
  try {
    const user = await requireUser(request);
    const since = resumeAfter(request);
    const body = await openSwitchStream({ user, since, signal: request.signal });
    return new Response(body, {
      headers: {
        "Content-Type": "text/event-stream; charset=utf-8",
        "Cache-Control": "no-cache, no-transform",
        Connection: "keep-alive",
        // nginx and similar proxies would otherwise buffer the stream and deliver events in bursts.
        "X-Accel-Buffering": "no",
      },
    });
  } catch (err) {
    return errorResponse(err);
  }
}

/**
 * GET /api/realtime/backlog?since=<id>: the same per-user feed as JSON, for the Supabase transport's catch-up after
 * it (re)subscribes, and to fetch the full event a broadcast announces.
 */
export async function handleRealtimeBacklog(request: Request): Promise<Response> {
  try {
    const user = await requireUser(request);
    const since = resumeAfter(request);
    if (since === null) throw new AppError("invalid_request", "since is required: the id of the last switch the client has.");
    const state = await ViewerState.open(user);
    const events = await loadBacklog({ state, since });
    return Response.json({ ok: true, events, limit: BACKLOG_LIMIT }, { headers: { "Cache-Control": "no-store" } });
  } catch (err) {
    return errorResponse(err);
  }
}

/**
 * GET /api/realtime/latest: the newest switch id in the log. The Supabase transport checks it periodically and fetches
 * the backlog when it moved, so a broadcast Realtime dropped delays a toast instead of losing it. Only an id: which
 * switches the viewer may see is the backlog's business.
 */
export async function handleRealtimeLatest(request: Request): Promise<Response> {
  try {
    await requireUser(request);
    return Response.json({ ok: true, latestId: await latestSwitchId() }, { headers: { "Cache-Control": "no-store" } });
  } catch (err) {
    return errorResponse(err);
  }
}
