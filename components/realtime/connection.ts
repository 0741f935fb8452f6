// One realtime connection per signed-in page, shared by every component that calls useSwitchEvents: it picks the
// transport, delivers each switch once (by id, whatever the transport replays), remembers where to resume, and
// exposes its status for useSyncExternalStore. Client-safe, no React.
import type { RealtimeSwitchEvent } from "@/lib/realtime-event";
import type { PublicSupabaseConfig } from "@/lib/supabase/browser-client";
import { createSseTransport } from "./sse-transport";
import { createSupabaseTransport, topicFor, type RealtimeClientLike } from "./supabase-transport";
import type { RealtimeStatus, Transport, TransportKind } from "./transport";
import type { AccountRole } from "@/lib/enums";

export type RealtimeUser = { id: string; role: AccountRole };
export type SwitchEventListener = (event: RealtimeSwitchEvent) => void;

/**
 * Supabase Realtime when the server hands down a Supabase configuration (NEXT_PUBLIC_SUPABASE_URL and the anon or
 * publishable key are set; see server/auth/supabase/public-config.ts), else the local SSE stream.
 */
export function pickTransport(config: Partial<PublicSupabaseConfig> | null | undefined): TransportKind {
  return config?.url && config.anonKey ? "supabase" : "sse";
}

/** How many delivered ids are remembered to drop a replay of the same switch. */
const SEEN_LIMIT = 1_000;

export class RealtimeConnection {
  readonly kind: TransportKind;
  private status: RealtimeStatus = "connecting";
  private readonly listeners = new Set<SwitchEventListener>();
  private readonly statusListeners = new Set<() => void>();
  private readonly seen = new Set<number>();
  private last: number | null;
  private transport: Transport | null = null;
  /** Bumped by stop(): a transport still loading for an earlier start() is not used. */
  private generation = 0;

  constructor(
    private readonly user: RealtimeUser,
    /** The newest switch id when the page rendered: switches after it and before the stream opened are replayed. */
    since: number | null,
    private readonly supabase: PublicSupabaseConfig | null = null,
  ) {
    this.kind = pickTransport(supabase);
    this.last = since;
  }

  /** Opens the transport; safe to call again after stop() (React's strict mode runs effects twice). */
  start(): void {
    if (this.transport) return;
    const generation = ++this.generation;
    const callbacks = {
      onEvents: (events: RealtimeSwitchEvent[]) => this.deliver(events),
      onStatus: (status: RealtimeStatus) => this.setStatus(status),
      lastId: () => this.last,
    };
    if (this.kind === "sse") {
      this.transport = createSseTransport({ callbacks });
      return;
    }
    // The Supabase client (the app's one browser client, signed in from the session cookies) is loaded only here.
    const config = this.supabase!;
    let inner: Transport | null = null;
    this.transport = { close: () => inner?.close() };
    void import("@/lib/supabase/browser-client")
      .then(({ getSupabaseBrowserClient }) => {
        if (generation !== this.generation) return;
        const client = getSupabaseBrowserClient(config);
        inner = createSupabaseTransport({ client: client as unknown as RealtimeClientLike, topic: topicFor(this.user), callbacks });
      })
      .catch((err) => {
        console.error("[switchboard] could not start Supabase Realtime", err);
        this.setStatus("closed");
      });
  }

  stop(): void {
    this.generation++;
    this.transport?.close();
    this.transport = null;
    this.setStatus("closed");
  }

  /** Adds a listener for every switch delivered from now on; returns its removal. */
  subscribe(listener: SwitchEventListener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  // useSyncExternalStore's two halves.
  subscribeStatus = (onChange: () => void): (() => void) => {
    this.statusListeners.add(onChange);
    return () => {
      this.statusListeners.delete(onChange);
    };
  };
  getStatus = (): RealtimeStatus => this.status;
  /** The highest switch id delivered (or the starting point). */
  lastId = (): number | null => this.last;

  private setStatus(status: RealtimeStatus): void {
    if (this.status === status) return;
    this.status = status;
    for (const l of [...this.statusListeners]) l();
  }

  private deliver(events: RealtimeSwitchEvent[]): void {
    for (const event of [...events].sort((a, b) => a.id - b.id)) {
      if (this.seen.has(event.id)) continue;
      this.seen.add(event.id);
      if (this.seen.size > SEEN_LIMIT) this.seen.delete(this.seen.values().next().value!);
      if (this.last === null || event.id > this.last) this.last = event.id;
      for (const l of [...this.listeners]) {
        try {
          l(event);
        } catch (err) {
          console.error("[switchboard] a switch event listener failed", err);
        }
      }
    }
    // lastId moved: components showing it re-render.
    for (const l of [...this.statusListeners]) l();
  }
}
