// Supabase transport: a private broadcast channel per viewer ('staff', or 'user:<id>'), fed by a database trigger
// (db/supabase/realtime.sql) and guarded by RLS on realtime.messages. A broadcast carries the switch row; the event
// as this viewer sees it (toast text, their affected conversations, "switch back") comes from the same server-side
// filter as the SSE stream, via GET /api/realtime/backlog, which also catches up on whatever was missed while the
// channel was down. Client-safe, no React; the Supabase client is injected so tests can use a fake channel.
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

/** The backlog route: the per-user feed as JSON. */
export const fetchBacklogFromServer: FetchBacklog = async (since) => {
  const res = await fetch(`/api/realtime/backlog?since=${since}`, { cache: "no-store", credentials: "same-origin" });
  if (!res.ok) throw new Error(`backlog: HTTP ${res.status}`);
  const body = (await res.json()) as { events?: unknown[] };
  return (body.events ?? []).map(parseRealtimeSwitchEvent).filter((e): e is RealtimeSwitchEvent => e !== null);
};

/** The topic a viewer listens on; RLS on realtime.messages lets them join only this one. */
export function topicFor(user: { id: string; role: string }): string {
  return user.role === "admin" || user.role === "analyst" ? "staff" : `user:${user.id}`;
}

/** A broadcast's switch row as a minimal event, used only when the backlog cannot be fetched: caches still update. */
function eventFromBroadcast(payload: unknown): RealtimeSwitchEvent | null {
  const p = (payload && typeof payload === "object" && "payload" in payload ? (payload as { payload: unknown }).payload : payload) as
    | Record<string, unknown>
    | undefined;
  if (!p || typeof p !== "object") return null;
  return parseRealtimeSwitchEvent({ notification: null, affectedConversationIds: [], canSwitchBack: false, byViewer: false, replayed: false, ...p });
}

export function createSupabaseTransport({
  client,
  topic,
  callbacks,
  fetchBacklog = fetchBacklogFromServer,
  timers = realTimers,
}: {
  client: RealtimeClientLike;
  topic: string;
  callbacks: TransportCallbacks;
  fetchBacklog?: FetchBacklog;
  timers?: Timers;
}): Transport {
  let channel: ChannelLike | null = null;
  let retry: unknown = null;
  let attempt = 0;
  let stopped = false;
  let catchingUp = false;
  let again = false;

  /** Fetches what came after the last delivered id; one fetch at a time, re-run if asked for meanwhile. */
  const catchUp = async (hint?: unknown): Promise<void> => {
    if (catchingUp) {
      again = true;
      return;
    }
    catchingUp = true;
    try {
      do {
        again = false;
        const fromHint = eventFromBroadcast(hint);
        const since = callbacks.lastId() ?? (fromHint ? fromHint.id - 1 : null);
        if (since === null) return;
        try {
          const events = await fetchBacklog(since);
          if (!stopped && events.length) callbacks.onEvents(events);
        } catch {
          // The app server is unreachable: the broadcast itself still says which model changed.
          if (!stopped && fromHint) callbacks.onEvents([fromHint]);
        }
        hint = undefined;
      } while (again && !stopped);
    } finally {
      catchingUp = false;
    }
  };

  const scheduleResubscribe = () => {
    if (stopped || retry !== null) return;
    callbacks.onStatus("connecting");
    retry = timers.setTimeout(() => {
      retry = null;
      void subscribe();
    }, backoffMs(attempt++));
  };

  const drop = (ch: ChannelLike | null) => {
    if (!ch) return;
    try {
      void client.removeChannel(ch);
    } catch {
      /* already gone */
    }
  };

  const subscribe = async () => {
    if (stopped) return;
    callbacks.onStatus("connecting");
    // Private channels are authorised with the user's JWT: make sure the socket has the current one.
    await client.realtime?.setAuth().catch(() => {});
    if (stopped) return;
    const ch = client.channel(topic, { config: { private: true } });
    channel = ch;
    ch.on("broadcast", { event: "switch" }, (message) => {
      if (channel === ch && !stopped) void catchUp(message.payload ?? message);
    }).subscribe((status) => {
      if (channel !== ch || stopped) return; // a replaced channel's late news
      if (status === "SUBSCRIBED") {
        attempt = 0;
        callbacks.onStatus("open");
        // Whatever was committed while the channel was down (or before the page first subscribed).
        void catchUp();
        return;
      }
      // CHANNEL_ERROR (e.g. RLS refused the join, the token expired), TIMED_OUT, or CLOSED by the server:
      // start over on a fresh channel after a backoff.
      channel = null;
      drop(ch);
      scheduleResubscribe();
    });
  };

  void subscribe();
  return {
    close: () => {
      stopped = true;
      if (retry !== null) timers.clearTimeout(retry);
      const ch = channel;
      channel = null;
      drop(ch);
      callbacks.onStatus("closed");
    },
  };
}
