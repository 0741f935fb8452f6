import "server-only";
import type { DatabaseHandle } from "@/db/client";
import { getDatabase } from "@/server/db";
import { SWITCH_CHANNEL, type SwitchEvent } from "@/server/switching/publish";

// One LISTEN per process on the switch channel, fanned out to every open stream of this process. Each stream then
// filters for its viewer. The state lives on globalThis: Turbopack may bundle this module twice, and two LISTENs would
// deliver every event twice.

export type SwitchListener = (event: SwitchEvent) => void;

type HubState = {
  listeners: Set<SwitchListener>;
  /** How to end each open stream of this process (on shutdown). */
  streams: Set<() => void>;
  signalsHooked?: boolean;
  /** Set on SIGTERM/SIGINT: no new streams, so the process can finish its shutdown. */
  shuttingDown?: boolean;
  handle?: DatabaseHandle;
  listening?: Promise<void>;
  unlisten?: () => Promise<void>;
};

const g = globalThis as unknown as { __switchboardRealtimeHub?: HubState };
g.__switchboardRealtimeHub ??= { listeners: new Set(), streams: new Set() };
const state = g.__switchboardRealtimeHub;

function parseEvent(payload: string): SwitchEvent | null {
  try {
    const value = JSON.parse(payload) as Partial<SwitchEvent>;
    const sw = value.switch;
    if (!sw || typeof sw.id !== "number" || (sw.scope !== "use_case" && sw.scope !== "conversation") || typeof sw.useCase !== "string") return null;
    return { switch: sw, notification: value.notification ?? null };
  } catch {
    return null;
  }
}

function dispatch(payload: string): void {
  const event = parseEvent(payload);
  if (!event) {
    console.error("[switchboard] ignored a malformed switch event");
    return;
  }
  for (const listener of [...state.listeners]) {
    try {
      listener(event);
    } catch (err) {
      // One broken stream must not keep the event from the others.
      console.error("[switchboard] a realtime listener failed", err);
    }
  }
}

/** Resolves once this process LISTENs on the current database (again, if the database handle changed). */
async function ensureListening(): Promise<void> {
  const handle = await getDatabase();
  if (state.handle !== handle) {
    // A different database (tests switch between drivers): drop the old LISTEN, start over on the new one.
    const previous = state.unlisten;
    state.handle = handle;
    state.listening = undefined;
    state.unlisten = undefined;
    if (previous) void previous().catch(() => {});
  }
  state.listening ??= (async () => {
    const unlisten = await handle.listen(SWITCH_CHANNEL, dispatch);
    if (state.handle === handle) state.unlisten = unlisten;
    else await unlisten().catch(() => {});
  })().catch((err) => {
    state.listening = undefined;
    throw err;
  });
  return state.listening;
}

/**
 * Calls `listener` for every switch committed from now on, by any process on this database. Resolves once the LISTEN
 * is in place, so a caller that subscribes first and reads the log second misses nothing in between.
 * Returns the unsubscribe function (idempotent).
 */
export async function subscribeToSwitches(listener: SwitchListener): Promise<() => void> {
  // A distinct wrapper per call: one function subscribed twice is two subscriptions.
  const entry: SwitchListener = (event) => listener(event);
  state.listeners.add(entry);
  try {
    await ensureListening();
  } catch (err) {
    state.listeners.delete(entry);
    throw err;
  }
  return () => {
    state.listeners.delete(entry);
  };
}

/** How many streams of this process are subscribed (tests check that a closed stream lets go). */
export function switchSubscriberCount(): number {
  return state.listeners.size;
}

/**
 * Registers an open stream so that a shutdown can end it; returns the unregistration. `next start` answers SIGTERM by
 * waiting for every open connection to finish, and an event stream never finishes on its own: without this, a stopped
 * server would hang until killed. Ended streams make browsers reconnect (to the next instance) with Last-Event-ID.
 */
export function trackStream(close: () => void): () => void {
  hookShutdownSignals();
  state.streams.add(close);
  return () => {
    state.streams.delete(close);
  };
}

/** Ends every open stream of this process. */
export function closeAllStreams(): void {
  for (const close of [...state.streams]) close();
}

/** True once the process is stopping: new streams are refused (a browser would reconnect over a kept-alive socket). */
export function isShuttingDown(): boolean {
  return state.shuttingDown === true;
}

function beginShutdown(): void {
  state.shuttingDown = true;
  closeAllStreams();
}

function hookShutdownSignals(): void {
  if (state.signalsHooked) return;
  state.signalsHooked = true;
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    // Only beside a handler that is already there (Next's own): a first listener would stop Node's default exit on
    // that signal, e.g. in a test or script process.
    if (process.listenerCount(signal) > 0) process.once(signal, beginShutdown);
  }
}
