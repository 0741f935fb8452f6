import "server-only";
import type { RealtimeSwitchEvent } from "@/lib/realtime-event";
import type { SessionUser } from "@/server/auth/roles";
import type { SwitchEvent } from "@/server/switching/publish";
import { loadBacklog } from "./backlog";
import { toClientEvent } from "./client-event";
import { subscribeToSwitches, trackStream } from "./hub";
import { ViewerState } from "./viewer";

/** A comment line this often keeps proxies and load balancers from closing an idle stream. */
export const HEARTBEAT_MS = 15_000;
/** How soon EventSource retries after a dropped connection (its default is about three seconds). */
export const RETRY_MS = 1_000;

/** Calls `tick` every `ms` until the returned function is called. setInterval here; tests pass a clock they drive. */
export type Every = (tick: () => void, ms: number) => () => void;
const everyInterval: Every = (tick, ms) => {
  const timer = setInterval(tick, ms);
  return () => clearInterval(timer);
};

/** One SSE message: `id` lets EventSource send Last-Event-ID when it reconnects. */
export function sseMessage(event: RealtimeSwitchEvent): string {
  return `id: ${event.id}\nevent: switch\ndata: ${JSON.stringify(event)}\n\n`;
}

/**
 * The switch events one signed-in user may see, as a Server-Sent Events body: first what they missed after `since`
 * (from the switch log), then live ones. The hub subscription is taken BEFORE the log is read and live events wait
 * until the backlog is out, deduplicated by id: nothing committed in between is lost or sent twice.
 * Everything is let go when the request is aborted or the body is cancelled.
 */
export async function openSwitchStream({
  user,
  since,
  signal,
  heartbeatMs = HEARTBEAT_MS,
  every = everyInterval,
}: {
  user: Pick<SessionUser, "id" | "role">;
  since: number | null;
  signal: AbortSignal;
  heartbeatMs?: number;
  every?: Every;
}): Promise<ReadableStream<Uint8Array>> {
  const state = await ViewerState.open(user);
  const encoder = new TextEncoder();
  let controller: ReadableStreamDefaultController<Uint8Array> | undefined;
  let closed = false;
  let stopHeartbeat: (() => void) | undefined;
  let unsubscribe: (() => void) | undefined;
  let untrack: (() => void) | undefined;
  /** Ids sent from the backlog: a live event of the same switch is not sent again. */
  const sent = new Set<number>();

  const write = (text: string) => {
    if (closed || !controller) return;
    try {
      controller.enqueue(encoder.encode(text));
    } catch {
      cleanup();
    }
  };
  const cleanup = () => {
    if (closed) return;
    closed = true;
    unsubscribe?.();
    untrack?.();
    stopHeartbeat?.();
    signal.removeEventListener("abort", cleanup);
    try {
      controller?.close();
    } catch {
      /* already closed or errored */
    }
  };

  // Live events queue behind the backlog, and behind each other (a decision may re-read the viewer's conversations).
  let release!: () => void;
  let chain: Promise<void> = new Promise<void>((resolve) => (release = resolve));
  const onLive = (event: SwitchEvent) => {
    chain = chain
      .then(async () => {
        if (closed || sent.has(event.switch.id)) return;
        const decision = await state.decide(event.switch);
        if (!decision.visible) return;
        write(sseMessage(toClientEvent(state.viewer, event, decision, { replayed: false })));
      })
      .catch((err) => console.error("[switchboard] could not deliver a switch event", err));
  };

  if (signal.aborted) throw new DOMException("The request was aborted.", "AbortError");
  signal.addEventListener("abort", cleanup, { once: true });
  untrack = trackStream(cleanup);
  try {
    unsubscribe = await subscribeToSwitches(onLive);
    if (closed) unsubscribe();
    const backlog = since === null || closed ? [] : await loadBacklog({ state, since });
    const stream = new ReadableStream<Uint8Array>({
      start(c) {
        controller = c;
        if (closed) {
          c.close();
          return;
        }
        write(`retry: ${RETRY_MS}\n: connected\n\n`);
        for (const event of backlog) {
          sent.add(event.id);
          write(sseMessage(event));
        }
        // The backlog is out: now the live events held meanwhile (duplicates skipped by id).
        release();
        stopHeartbeat = every(() => write(`: ping ${Date.now()}\n\n`), heartbeatMs);
      },
      cancel() {
        cleanup();
      },
    });
    return stream;
  } catch (err) {
    cleanup();
    throw err;
  }
}
