// What every realtime transport offers the connection: events in, status out. Client-safe, no React.
import type { RealtimeSwitchEvent } from "@/lib/realtime-event";

/** "failed": the transport gave up reconnecting (e.g. the channel was refused); the periodic catch-up still runs. */
export type RealtimeStatus = "connecting" | "open" | "closed" | "failed";
export type TransportKind = "sse" | "supabase";

export type TransportCallbacks = {
  /** Events in id order; the connection drops the ones it has already delivered. */
  onEvents: (events: RealtimeSwitchEvent[]) => void;
  onStatus: (status: RealtimeStatus) => void;
  /** The highest switch id delivered so far (or the page's starting point): where a catch-up resumes. */
  lastId: () => number | null;
  /** What went wrong, for the viewer (a refused channel, giving up after retries), or null once it works again. */
  onProblem?: (problem: string | null) => void;
};

export type Transport = { close: () => void };

/** Reconnect delays: 1 s, 2 s, 4 s ... up to 30 s, with some jitter so that a restarted server is not hit all at once. */
export function backoffMs(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(30_000, 1_000 * 2 ** Math.max(0, attempt));
  return Math.round(base * (0.8 + 0.4 * random()));
}

/** Timers, injectable so tests can drive reconnects without waiting. */
export type Timers = {
  setTimeout: (fn: () => void, ms: number) => unknown;
  clearTimeout: (handle: unknown) => void;
};

export const realTimers: Timers = {
  setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
  clearTimeout: (h) => globalThis.clearTimeout(h as ReturnType<typeof setTimeout>),
};
