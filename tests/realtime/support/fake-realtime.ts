// Hand-driven stand-ins for the browser side of Supabase Realtime: a supabase-js client whose channels the test
// answers (status, broadcasts), and timers the test fires.
import { expect } from "vitest";
import { RealtimeConnection, type RealtimeUser } from "@/components/realtime/connection";
import type { ChannelLike, ChannelStatus, RealtimeClientLike } from "@/components/realtime/supabase-transport";
import type { RealtimeStatus, Timers } from "@/components/realtime/transport";
import type { RealtimeSwitchEvent } from "@/lib/realtime-event";

/** The periodic check's interval in these tests: its timer is told apart from the retries by this delay. */
export const CHECK_MS = 99_999;

/** Timers run by hand: `due()` lists the pending retry delays (not the periodic check), `runAll()` fires them. */
export function manualTimers(): Timers & { due: () => number[]; runAll: () => void; runChecks: () => void; checks: () => number } {
  let next = 0;
  const pending = new Map<number, { fn: () => void; ms: number }>();
  const run = (which: (ms: number) => boolean) => {
    const all = [...pending.entries()].filter(([, p]) => which(p.ms));
    for (const [id] of all) pending.delete(id);
    for (const [, p] of all) p.fn();
  };
  return {
    setTimeout: (fn, ms) => {
      pending.set(++next, { fn, ms });
      return next;
    },
    clearTimeout: (h) => void pending.delete(h as number),
    due: () => [...pending.values()].map((p) => p.ms).filter((ms) => ms !== CHECK_MS),
    checks: () => [...pending.values()].filter((p) => p.ms === CHECK_MS).length,
    runAll: () => run((ms) => ms !== CHECK_MS),
    runChecks: () => run((ms) => ms === CHECK_MS),
  };
}

export const flush = () => new Promise((r) => setTimeout(r, 0));

export class FakeChannel implements ChannelLike {
  broadcast?: (m: { payload?: unknown }) => void;
  status?: (s: ChannelStatus, err?: Error) => void;
  removed = false;
  constructor(
    readonly topic: string,
    readonly opts: { config: { private: boolean } },
  ) {}
  on(_type: "broadcast", filter: { event: string }, cb: (m: { payload?: unknown }) => void) {
    expect(filter).toEqual({ event: "switch" });
    this.broadcast = cb;
    return this;
  }
  subscribe(cb: (s: ChannelStatus, err?: Error) => void) {
    this.status = cb;
    return this;
  }
}

export function fakeClient() {
  const channels: FakeChannel[] = [];
  let auths = 0;
  const client: RealtimeClientLike = {
    channel: (topic, opts) => {
      const ch = new FakeChannel(topic, opts);
      channels.push(ch);
      return ch;
    },
    removeChannel: (ch) => {
      (ch as FakeChannel).removed = true;
    },
    realtime: {
      setAuth: async () => {
        auths++;
      },
    },
  };
  return { client, channels, auths: () => auths };
}

/** The transport's callbacks wired to a real RealtimeConnection's cursor rules (deliver once, advance by delivered ids). */
export function harness(start: number | null = 10, user: RealtimeUser = { id: "u1", role: "user" }) {
  const statuses: RealtimeStatus[] = [];
  const problems: (string | null)[] = [];
  const delivered: number[] = [];
  const connection = new RealtimeConnection(user, start);
  connection.subscribe((e) => delivered.push(e.id));
  const deliver = (connection as unknown as { deliver: (e: RealtimeSwitchEvent[]) => void }).deliver.bind(connection);
  const callbacks = {
    onEvents: (events: RealtimeSwitchEvent[]) => deliver(events),
    onStatus: (s: RealtimeStatus) => statuses.push(s),
    lastId: () => connection.lastId(),
    onProblem: (p: string | null) => problems.push(p),
  };
  return { callbacks, statuses, delivered, problems, connection };
}
