// Supabase transport: private broadcast channels fed by a database trigger (db/supabase/realtime.sql) and guarded by
// RLS on realtime.messages. Staff join 'staff'; an end user joins 'user:<id>' (switches of their own conversations)
// and 'users' (one hint per use-case switch, for everyone).
//
// A broadcast is only a hint that something happened: its payload is never shown and never moves the cursor. On each
// hint (and after every (re)subscribe, and whenever the periodic check sees a newer switch id) the transport asks the
// app for the events after the last one it delivered (GET /api/realtime/backlog), which the server filters per viewer
// exactly as the SSE stream does. The cursor only advances to ids the server returned. A failed fetch shows nothing
// and is retried after a backoff. The periodic check of the latest switch id catches what a dropped broadcast (Realtime
// discards database broadcasts past a project's rate limit) would otherwise lose: the toast is late, never lost.
//
// A refused join (CHANNEL_ERROR with an authorization error, e.g. RLS) is reported, not discarded; resubscribing
// backs off and stops after a few attempts with a visible "failed" state (the periodic check keeps running).
// Client-safe, no React; the Supabase client, the fetches and the timers are injected so tests drive them.
import { parseRealtimeSwitchEvent, type RealtimeSwitchEvent } from "@/lib/realtime-event";
import { backoffMs, realTimers, type Timers, type Transport, type TransportCallbacks } from "./transport";

export type ChannelStatus = "SUBSCRIBED" | "TIMED_OUT" | "CLOSED" | "CHANNEL_ERROR";

/** The part of a supabase-js RealtimeChannel this transport uses. */
export type ChannelLike = {
  on: (type: "broadcast", filter: { event: string }, callback: (message: { payload?: unknown }) => void) => ChannelLike;
  subscribe: (callback: (status: ChannelStatus, err?: Error) => void) => ChannelLike;
};

/** The part of a SupabaseClient this transport uses. */
export type RealtimeClientLike = {
  channel: (topic: string, opts: { config: { private: boolean } }) => ChannelLike;
  removeChannel: (channel: ChannelLike) => unknown;
  realtime?: { setAuth: (token?: string | null) => Promise<void> };
};

export type FetchBacklog = (since: number) => Promise<RealtimeSwitchEvent[]>;
export type FetchLatest = () => Promise<number>;

export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

/** The app's two realtime routes, per viewer (the session cookie goes along): the backlog and the latest switch id. */
export function appFeed(fetchImpl: FetchLike = (url, init) => fetch(url, init)): { fetchBacklog: FetchBacklog; fetchLatest: FetchLatest } {
  const getJson = async (url: string): Promise<Record<string, unknown>> => {
    const res = await fetchImpl(url, { cache: "no-store", credentials: "same-origin" });
    if (!res.ok) throw new Error(`${url.split("?")[0]}: HTTP ${res.status}`);
    return (await res.json()) as Record<string, unknown>;
  };
  return {
    fetchBacklog: async (since) => {
      const body = await getJson(`/api/realtime/backlog?since=${since}`);
      const events = Array.isArray(body.events) ? body.events : [];
      return events.map(parseRealtimeSwitchEvent).filter((e): e is RealtimeSwitchEvent => e !== null);
    },
    fetchLatest: async () => {
      const body = await getJson("/api/realtime/latest");
      if (typeof body.latestId !== "number" || !Number.isSafeInteger(body.latestId)) throw new Error("latest: no switch id in the answer");
      return body.latestId;
    },
  };
}

/** The topics a viewer joins; RLS on realtime.messages lets them join only these. */
export function topicsFor(user: { id: string; role: string }): string[] {
  return user.role === "admin" || user.role === "analyst" ? ["staff"] : [`user:${user.id}`, "users"];
}

/** How often the latest switch id is checked, so a dropped broadcast delays a toast by at most this much. */
export const CHECK_EVERY_MS = 30_000;
/** Consecutive failed (re)subscribes before giving up with a visible state. */
export const MAX_FAILURES = 6;
/** Consecutive refusals (authorization errors) before giving up: one retry, in case the token was just refreshed. */
export const MAX_REFUSALS = 2;

/** Realtime's answer when RLS (or a missing/expired token) refuses a private channel. */
export function isAuthorizationError(err: Error | undefined): boolean {
  return !!err && /unauthori[sz]ed|not authori[sz]ed|permission|forbidden|jwt/i.test(err.message);
}

export function createSupabaseTransport({
  client,
  topics,
  callbacks,
  fetchBacklog = appFeed().fetchBacklog,
  fetchLatest = appFeed().fetchLatest,
  timers = realTimers,
  checkEveryMs = CHECK_EVERY_MS,
}: {
  client: RealtimeClientLike;
  topics: string[];
  callbacks: TransportCallbacks;
  fetchBacklog?: FetchBacklog;
  fetchLatest?: FetchLatest;
  timers?: Timers;
  checkEveryMs?: number;
}): Transport {
  let channels: ChannelLike[] = [];
  let subscribed = new Set<ChannelLike>();
  let retry: unknown = null;
  let failures = 0;
  let refusals = 0;
  let stopped = false;

  // --- Catching up from the log: one fetch at a time, run again if asked for meanwhile. --------------------------
  let running: Promise<boolean> | null = null;
  let again = false;
  let catchUpRetry: unknown = null;
  let fetchFailures = 0;

  const fetchOnce = async (): Promise<boolean> => {
    const since = callbacks.lastId();
    if (since === null) return true;
    try {
      const events = await fetchBacklog(since);
      fetchFailures = 0;
      if (!stopped && events.length) callbacks.onEvents(events);
      return true;
    } catch {
      // Nothing is shown from a broadcast itself: try the log again after a backoff.
      if (!stopped && catchUpRetry === null) {
        catchUpRetry = timers.setTimeout(() => {
          catchUpRetry = null;
          void catchUp();
        }, backoffMs(fetchFailures++));
      }
      return false;
    }
  };

  /** Resolves true once everything up to now has been fetched, false when a fetch failed (a retry is scheduled). */
  const catchUp = (): Promise<boolean> => {
    if (stopped) return Promise.resolve(false);
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      let ok = true;
      try {
        do {
          again = false;
          ok = await fetchOnce();
        } while (ok && again && !stopped);
      } finally {
        running = null;
      }
      return ok;
    })();
    return running;
  };

  // --- The periodic check of the latest switch id. -------------------------------------------------------------------
  let checkedUpTo = callbacks.lastId() ?? 0;
  let checkTimer: unknown = null;
  const scheduleCheck = () => {
    if (stopped) return;
    checkTimer = timers.setTimeout(() => {
      checkTimer = null;
      void check().finally(scheduleCheck);
    }, checkEveryMs);
  };
  const check = async () => {
    let latest: number;
    try {
      latest = await fetchLatest();
    } catch {
      return; // asked again at the next tick
    }
    if (stopped || latest <= checkedUpTo) return;
    if (await catchUp()) checkedUpTo = Math.max(checkedUpTo, latest);
  };

  // --- The channels. -------------------------------------------------------------------------------------------------
  const drop = (list: ChannelLike[]) => {
    for (const ch of list) {
      try {
        void client.removeChannel(ch);
      } catch {
        /* already gone */
      }
    }
  };

  const fail = (err: Error | undefined) => {
    const list = channels;
    channels = [];
    subscribed = new Set();
    drop(list);
    failures++;
    const refused = isAuthorizationError(err);
    refusals = refused ? refusals + 1 : 0;
    if (refused) {
      callbacks.onProblem?.(`Live notifications were refused: ${err!.message}`);
      console.warn(`[switchboard] Supabase Realtime refused the channel: ${err!.message}`);
    }
    if (refusals >= MAX_REFUSALS || failures >= MAX_FAILURES) {
      if (!refused) callbacks.onProblem?.(`Live notifications could not connect${err ? `: ${err.message}` : ""}.`);
      // No more resubscribing; the periodic check still brings each switch, only later.
      callbacks.onStatus("failed");
      return;
    }
    callbacks.onStatus("connecting");
    retry = timers.setTimeout(
      () => {
        retry = null;
        void subscribe();
      },
      backoffMs(failures - 1),
    );
  };

  const subscribe = async () => {
    if (stopped) return;
    callbacks.onStatus("connecting");
    // Private channels are authorised with the user's JWT: make sure the socket has the current one.
    await client.realtime?.setAuth().catch(() => {});
    if (stopped) return;
    const mine = topics.map((topic) => client.channel(topic, { config: { private: true } }));
    channels = mine;
    subscribed = new Set();
    for (const ch of mine) {
      ch.on("broadcast", { event: "switch" }, () => {
        // The payload is not read: the log, through the app, is the only source of what is shown.
        if (channels.includes(ch) && !stopped) void catchUp();
      }).subscribe((status, err) => {
        if (!channels.includes(ch) || stopped) return; // a replaced channel's late news
        if (status === "SUBSCRIBED") {
          subscribed.add(ch);
          if (subscribed.size < channels.length) return;
          failures = 0;
          refusals = 0;
          callbacks.onProblem?.(null);
          callbacks.onStatus("open");
          // Whatever was committed while the channels were down (or before the page first subscribed).
          void catchUp();
          return;
        }
        // CHANNEL_ERROR (RLS refused the join, the token expired...), TIMED_OUT, or CLOSED by the server.
        fail(err);
      });
    }
  };

  void subscribe();
  scheduleCheck();
  return {
    close: () => {
      stopped = true;
      for (const t of [retry, catchUpRetry, checkTimer]) if (t !== null) timers.clearTimeout(t);
      retry = catchUpRetry = checkTimer = null;
      const list = channels;
      channels = [];
      drop(list);
      callbacks.onStatus("closed");
    },
  };
}
