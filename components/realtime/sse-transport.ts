// Local transport: Server-Sent Events from /api/realtime (the server LISTENs on Postgres and filters per user).
// EventSource reconnects by itself and sends Last-Event-ID, so the server replays what was missed; when the browser
// gives up (the server answered with an error, e.g. during a restart) this transport opens a new one after a backoff,
// resuming after the last delivered id.
import { parseRealtimeSwitchEvent } from "@/lib/realtime-event";
import { backoffMs, realTimers, type Timers, type Transport, type TransportCallbacks } from "./transport";

type EventSourceLike = {
  readyState: number;
  onopen: ((ev: Event) => void) | null;
  onerror: ((ev: Event) => void) | null;
  addEventListener: (type: "switch", listener: (ev: MessageEvent<string>) => void) => void;
  close: () => void;
};
export type EventSourceFactory = (url: string) => EventSourceLike;

const CLOSED = 2;

export function createSseTransport({
  url = "/api/realtime",
  callbacks,
  createEventSource = (u) => new EventSource(u),
  timers = realTimers,
}: {
  url?: string;
  callbacks: TransportCallbacks;
  createEventSource?: EventSourceFactory;
  timers?: Timers;
}): Transport {
  let source: EventSourceLike | null = null;
  let retry: unknown = null;
  let attempt = 0;
  let stopped = false;

  const open = () => {
    retry = null;
    if (stopped) return;
    callbacks.onStatus("connecting");
    const since = callbacks.lastId();
    const es = createEventSource(since === null ? url : `${url}${url.includes("?") ? "&" : "?"}since=${since}`);
    source = es;
    es.onopen = () => {
      attempt = 0;
      callbacks.onStatus("open");
    };
    es.addEventListener("switch", (msg) => {
      let data: unknown;
      try {
        data = JSON.parse(msg.data);
      } catch {
        return;
      }
      const event = parseRealtimeSwitchEvent(data);
      if (event) callbacks.onEvents([event]);
    });
    es.onerror = () => {
      if (stopped || source !== es) return;
      if (es.readyState !== CLOSED) {
        // The browser is already reconnecting (it will send Last-Event-ID).
        callbacks.onStatus("connecting");
        return;
      }
      es.close();
      source = null;
      callbacks.onStatus("connecting");
      retry = timers.setTimeout(open, backoffMs(attempt++));
    };
  };

  open();
  return {
    close: () => {
      stopped = true;
      if (retry !== null) timers.clearTimeout(retry);
      source?.close();
      source = null;
      callbacks.onStatus("closed");
    },
  };
}
