// One realtime connection per signed-in page, shared by every component that calls useSwitchEvents: it picks the
// transport, delivers each switch once (by id, whatever the transport replays), remembers where to resume, and
// exposes its status for useSyncExternalStore. Client-safe, no React.
import type { RealtimeSwitchEvent } from "@/lib/realtime-event";
import type { PublicSupabaseConfig } from "@/lib/supabase/browser-client";
import { createSseTransport } from "./sse-transport";
import { createSupabaseTransport, topicsFor, type RealtimeClientLike } from "./supabase-transport";
import type { RealtimeStatus, Transport, TransportKind } from "./transport";
import type { AccountRole } from "@/lib/enums";

export type RealtimeUser = { id: string; role: AccountRole };
export type SwitchEventListener = (event: RealtimeSwitchEvent) => void;

/**
 * The transport the server chose from where the switch log lives (server/realtime/transport-choice.ts): Supabase
 * Realtime only when it said so AND handed down the public Supabase settings to connect with; else the SSE stream.
 */
export function pickTransport(chosen: TransportKind, config: Partial<PublicSupabaseConfig> | null | undefined): TransportKind {
  return chosen === "supabase" && config?.url && config.anonKey ? "supabase" : "sse";
}

/** How many delivered ids are remembered to drop a replay of the same switch. */
const SEEN_LIMIT = 1_000;

export class RealtimeConnection {
  readonly kind: TransportKind;
  private status: RealtimeStatus = "connecting";
  private problem: string | null = null;
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
    /** The server's choice; see pickTransport. */
    chosen: TransportKind = "sse",
    private readonly supabase: PublicSupabaseConfig | null = null,
  ) {
    this.kind = pickTransport(chosen, supabase);
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
      onProblem: (problem: string | null) => this.setProblem(problem),
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
        inner = createSupabaseTransport({ client: client as unknown as RealtimeClientLike, topics: topicsFor(this.user), callbacks });
      })
      .catch((err) => {
        console.error("[switchboard] could not start Supabase Realtime", err);
        this.setProblem("Live notifications could not start.");
        this.setStatus("failed");
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
  /** What went wrong, in words for the viewer, or null. */
  getProblem = (): string | null => this.problem;
  /** The highest switch id delivered (or the starting point). */
  lastId = (): number | null => this.last;

  private setProblem(problem: string | null): void {
    if (this.problem === problem) return;
    this.problem = problem;
    for (const l of [...this.statusListeners]) l();
  }

  private setStatus(status: RealtimeStatus): void {
    if (this.status === status) return;
    this.status = status;
    for (const l of [...this.statusListeners]) l();
  }

  /** Events from the server (the SSE stream or the backlog route): the cursor moves only to ids delivered here. */
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
