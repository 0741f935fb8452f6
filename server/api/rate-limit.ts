import "server-only";
import { and, eq, lt, sql } from "drizzle-orm";
import { rateLimitWindows } from "@/db/schema";
import { getDb } from "@/server/db";
import { AppError } from "@/server/errors";

// Fixed-window request counters in Postgres (rate_limit_windows), so every instance counts against one limit: one
// upsert per request returns the window's count so far. Keys: `user:<id>` for the API, `chat:<id>` for the chat,
// `key:<api key id>` for the gateway. The service key is trusted and not limited (backends and the CLI drive it).

/** The API's limit per signed-in user: a rough guard against a runaway browser tab or script. */
export const API_RATE_LIMIT = { perWindow: 120, windowSeconds: 10 } as const;
export const DEFAULT_WINDOW_SECONDS = 10;

export type TokenTaken = { count: number; limit: number; remaining: number; resetAt: Date };

/** The start of the fixed window `now` falls in. */
export function windowStart(now: Date, windowSeconds: number): Date {
  const ms = windowSeconds * 1000;
  return new Date(Math.floor(now.getTime() / ms) * ms);
}

/**
 * Counts one request for `key` in the current window; over `limitPerWindow` it throws `rate_limited` (429) with
 * `retryAfterSeconds` (until the window ends) in its details. The first request of a window also deletes the key's
 * older windows, so the table holds about one row per active key.
 */
export async function takeToken(key: string, limitPerWindow: number, opts: { windowSeconds?: number; now?: Date } = {}): Promise<TokenTaken> {
  const windowSeconds = opts.windowSeconds ?? DEFAULT_WINDOW_SECONDS;
  const now = opts.now ?? new Date();
  const start = windowStart(now, windowSeconds);
  const resetAt = new Date(start.getTime() + windowSeconds * 1000);
  const db = await getDb();
  const [row] = await db
    .insert(rateLimitWindows)
    .values({ key, windowStart: start, count: 1 })
    .onConflictDoUpdate({ target: [rateLimitWindows.key, rateLimitWindows.windowStart], set: { count: sql`${rateLimitWindows.count} + 1` } })
    .returning({ count: rateLimitWindows.count });
  const count = row!.count;
  if (count === 1) {
    // Opportunistic cleanup, off the answer's path: a failure here costs nothing but a stale row.
    void db
      .delete(rateLimitWindows)
      .where(and(eq(rateLimitWindows.key, key), lt(rateLimitWindows.windowStart, start)))
      .catch(() => {});
  }
  if (count > limitPerWindow) {
    const retryAfterSeconds = Math.max(1, Math.ceil((resetAt.getTime() - now.getTime()) / 1000));
    throw new AppError(
      "rate_limited",
      `Too many requests: at most ${limitPerWindow} per ${windowSeconds} seconds. Retry in ${retryAfterSeconds} second${retryAfterSeconds === 1 ? "" : "s"}.`,
      { retryAfterSeconds },
    );
  }
  return { count, limit: limitPerWindow, remaining: limitPerWindow - count, resetAt };
}
