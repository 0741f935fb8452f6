// The browser transports without a browser: the Supabase channel's status handling (subscribe, errors, backoff,
// catch-up after every (re)subscribe) against a fake supabase-js channel, the SSE transport against a fake
// EventSource, and the connection's once-per-id delivery.
import { describe, expect, it } from "vitest";
import { RealtimeConnection, pickTransport } from "@/components/realtime/connection";
import { createSseTransport, type EventSourceFactory } from "@/components/realtime/sse-transport";
import { createSupabaseTransport, topicFor, type ChannelLike, type ChannelStatus, type RealtimeClientLike } from "@/components/realtime/supabase-transport";
import { backoffMs, type RealtimeStatus, type Timers } from "@/components/realtime/transport";
import type { RealtimeSwitchEvent } from "@/lib/realtime-event";

const event = (id: number, over: Partial<RealtimeSwitchEvent> = {}): RealtimeSwitchEvent => ({
  id,
  scope: "use_case",
  useCase: "clinical",
  conversationId: null,
  previousModelId: "a",
  newModelId: "b",
  reason: null,
  switchType: "manual",
  trigger: "admin",
  errorCode: null,
  timestamp: "2026-11-24T10:00:00.000Z",
  notification: { type: "manual", modelId: "b", modelName: "B", title: "Model switched", message: "..." },
  affectedConversationIds: [],
  canSwitchBack: false,
  byViewer: false,
  replayed: false,
  ...over,
});

/** Timers run by hand: `due()` lists the pending delays, `runAll()` fires them. */
function manualTimers(): Timers & { due: () => number[]; runAll: () => void } {
  let next = 0;
  const pending = new Map<number, { fn: () => void; ms: number }>();
  return {
    setTimeout: (fn, ms) => {
      pending.set(++next, { fn, ms });
      return next;
    },
    clearTimeout: (h) => void pending.delete(h as number),
    due: () => [...pending.values()].map((p) => p.ms),
    runAll: () => {
      const all = [...pending.values()];
      pending.clear();
      for (const p of all) p.fn();
    },
  };
}

const flush = () => new Promise((r) => setTimeout(r, 0));

class FakeChannel implements ChannelLike {
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

function fakeClient() {
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

function harness(start: number | null = 10) {
  const statuses: RealtimeStatus[] = [];
  const delivered: number[] = [];
  let last = start;
  const callbacks = {
    onEvents: (events: RealtimeSwitchEvent[]) => {
      for (const e of events) {
        delivered.push(e.id);
        last = Math.max(last ?? 0, e.id);
      }
    },
    onStatus: (s: RealtimeStatus) => statuses.push(s),
    lastId: () => last,
  };
  return { callbacks, statuses, delivered };
}

describe("the Supabase transport", () => {
  it("joins the viewer's private topic, catches up once SUBSCRIBED, and fetches the full event for each broadcast", async () => {
    const { client, channels, auths } = fakeClient();
    const h = harness(10);
    const asked: number[] = [];
    const backlog = new Map<number, RealtimeSwitchEvent[]>([
      [10, [event(11), event(12)]],
      [12, [event(13)]],
    ]);
    const t = createSupabaseTransport({
      client,
      topic: "user:u1",
      callbacks: h.callbacks,
      timers: manualTimers(),
      fetchBacklog: async (since) => {
        asked.push(since);
        return backlog.get(since) ?? [];
      },
    });
    await flush();
    expect(auths()).toBe(1);
    expect(channels).toHaveLength(1);
    expect(channels[0]!.topic).toBe("user:u1");
    expect(channels[0]!.opts).toEqual({ config: { private: true } });
    expect(h.statuses).toEqual(["connecting"]);

    channels[0]!.status!("SUBSCRIBED");
    await flush();
    expect(h.statuses.at(-1)).toBe("open");
    expect(asked).toEqual([10]);
    expect(h.delivered).toEqual([11, 12]);

    channels[0]!.broadcast!({ payload: { id: 13, scope: "use_case", useCase: "clinical", conversationId: null, newModelId: "b", switchType: "manual", timestamp: "t" } });
    await flush();
    expect(asked).toEqual([10, 12]);
    expect(h.delivered).toEqual([11, 12, 13]);
    t.close();
    expect(channels[0]!.removed).toBe(true);
    expect(h.statuses.at(-1)).toBe("closed");
  });

  it.each(["CHANNEL_ERROR", "TIMED_OUT", "CLOSED"] as const)("on %s drops the channel, resubscribes after a growing backoff, and catches up", async (failure) => {
    const { client, channels } = fakeClient();
    const timers = manualTimers();
    const h = harness(20);
    const asked: number[] = [];
    const t = createSupabaseTransport({
      client,
      topic: "staff",
      callbacks: h.callbacks,
      timers,
      fetchBacklog: async (since) => {
        asked.push(since);
        return since === 20 && asked.length > 1 ? [event(21)] : [];
      },
    });
    await flush();
    channels[0]!.status!("SUBSCRIBED");
    await flush();
    expect(h.statuses.at(-1)).toBe("open");

    channels[0]!.status!(failure);
    expect(channels[0]!.removed).toBe(true);
    expect(h.statuses.at(-1)).toBe("connecting");
    expect(timers.due()).toHaveLength(1);
    const firstDelay = timers.due()[0]!;
    expect(firstDelay).toBeGreaterThanOrEqual(800);
    expect(firstDelay).toBeLessThanOrEqual(1200);

    // The retry fails too: the next wait is longer.
    timers.runAll();
    await flush();
    expect(channels).toHaveLength(2);
    channels[1]!.status!("TIMED_OUT");
    expect(timers.due()[0]!).toBeGreaterThanOrEqual(1600);

    // A late status from the first, replaced channel changes nothing.
    channels[0]!.status!("SUBSCRIBED");
    expect(h.statuses.at(-1)).toBe("connecting");

    timers.runAll();
    await flush();
    expect(channels).toHaveLength(3);
    channels[2]!.status!("SUBSCRIBED");
    await flush();
    expect(h.statuses.at(-1)).toBe("open");
    // Caught up on what was committed while the channel was down.
    expect(h.delivered).toEqual([21]);
    // Back to a short wait after a success.
    channels[2]!.status!("CHANNEL_ERROR");
    expect(timers.due()[0]!).toBeLessThanOrEqual(1200);
    t.close();
    expect(timers.due()).toHaveLength(0);
  });

  it("when the backlog cannot be fetched, still delivers the broadcast's switch so caches update", async () => {
    const { client, channels } = fakeClient();
    const h = harness(5);
    createSupabaseTransport({
      client,
      topic: "user:u1",
      callbacks: h.callbacks,
      timers: manualTimers(),
      fetchBacklog: async () => {
        throw new Error("offline");
      },
    });
    await flush();
    channels[0]!.status!("SUBSCRIBED");
    await flush();
    channels[0]!.broadcast!({ payload: { id: 6, scope: "conversation", useCase: "general", conversationId: "c1", newModelId: "m", switchType: "auto", timestamp: "t" } });
    await flush();
    expect(h.delivered).toEqual([6]);
  });

  it("names the topics the RLS policies allow", () => {
    expect(topicFor({ id: "u1", role: "user" })).toBe("user:u1");
    expect(topicFor({ id: "a1", role: "admin" })).toBe("staff");
    expect(topicFor({ id: "n1", role: "analyst" })).toBe("staff");
  });
});

describe("the SSE transport", () => {
  type FakeES = { url: string; readyState: number; onopen: ((e: Event) => void) | null; onerror: ((e: Event) => void) | null; listeners: ((m: MessageEvent<string>) => void)[]; closed: boolean };
  const make = () => {
    const sources: FakeES[] = [];
    const factory: EventSourceFactory = (url) => {
      const es: FakeES = { url, readyState: 0, onopen: null, onerror: null, listeners: [], closed: false };
      sources.push(es);
      return {
        get readyState() {
          return es.readyState;
        },
        set onopen(fn) {
          es.onopen = fn;
        },
        get onopen() {
          return es.onopen;
        },
        set onerror(fn) {
          es.onerror = fn;
        },
        get onerror() {
          return es.onerror;
        },
        addEventListener: (_t, l) => es.listeners.push(l),
        close: () => {
          es.closed = true;
          es.readyState = 2;
        },
      };
    };
    return { sources, factory };
  };

  it("opens after the page's starting point, delivers events, and leaves reconnects with Last-Event-ID to the browser", () => {
    const { sources, factory } = make();
    const timers = manualTimers();
    const h = harness(7);
    createSseTransport({ callbacks: h.callbacks, createEventSource: factory, timers });
    expect(sources[0]!.url).toBe("/api/realtime?since=7");
    sources[0]!.onopen!(new Event("open"));
    expect(h.statuses.at(-1)).toBe("open");
    sources[0]!.listeners[0]!({ data: JSON.stringify(event(8)) } as MessageEvent<string>);
    sources[0]!.listeners[0]!({ data: "not json" } as MessageEvent<string>);
    sources[0]!.listeners[0]!({ data: JSON.stringify({ id: "x" }) } as MessageEvent<string>);
    expect(h.delivered).toEqual([8]);
    // The browser is reconnecting by itself (readyState CONNECTING): no second EventSource.
    sources[0]!.readyState = 0;
    sources[0]!.onerror!(new Event("error"));
    expect(h.statuses.at(-1)).toBe("connecting");
    expect(timers.due()).toHaveLength(0);
    expect(sources).toHaveLength(1);
  });

  it("reopens after a backoff, resuming after the last delivered id, when the browser gives up", () => {
    const { sources, factory } = make();
    const timers = manualTimers();
    const h = harness(7);
    const t = createSseTransport({ callbacks: h.callbacks, createEventSource: factory, timers });
    sources[0]!.listeners[0]!({ data: JSON.stringify(event(9)) } as MessageEvent<string>);
    sources[0]!.readyState = 2; // CLOSED: e.g. the server answered 503 during a restart
    sources[0]!.onerror!(new Event("error"));
    expect(sources[0]!.closed).toBe(true);
    expect(timers.due()).toHaveLength(1);
    timers.runAll();
    expect(sources[1]!.url).toBe("/api/realtime?since=9");
    t.close();
    expect(sources[1]!.closed).toBe(true);
    expect(h.statuses.at(-1)).toBe("closed");
  });
});

describe("the connection", () => {
  it("uses Supabase only when the server hands down both public settings", () => {
    expect(pickTransport(null)).toBe("sse");
    expect(pickTransport({ url: "https://x.supabase.co" })).toBe("sse");
    expect(pickTransport({ url: "https://x.supabase.co", anonKey: "k" })).toBe("supabase");
  });

  it("delivers each switch once, in id order, and remembers where to resume", () => {
    const c = new RealtimeConnection({ id: "u", role: "user" }, 3, null);
    const got: number[] = [];
    const off = c.subscribe((e) => got.push(e.id));
    const deliver = (c as unknown as { deliver: (e: RealtimeSwitchEvent[]) => void }).deliver.bind(c);
    deliver([event(5), event(4)]);
    deliver([event(4), event(6)]);
    expect(got).toEqual([4, 5, 6]);
    expect(c.lastId()).toBe(6);
    off();
    deliver([event(7)]);
    expect(got).toEqual([4, 5, 6]);
  });

  it("backs off exponentially up to 30 s", () => {
    expect(backoffMs(0, () => 0.5)).toBe(1000);
    expect(backoffMs(3, () => 0.5)).toBe(8000);
    expect(backoffMs(20, () => 0.5)).toBe(30000);
  });
});

describe("burst handling", () => {
  it("throttle acts at once, then at most once per interval, with a trailing run", async () => {
    const { throttle } = await import("@/components/realtime/throttle");
    const timers = manualTimers();
    let runs = 0;
    const t = throttle(() => runs++, 250, timers);
    t.call();
    expect(runs).toBe(1);
    t.call();
    t.call();
    expect(runs).toBe(1);
    expect(timers.due()).toHaveLength(1);
    timers.runAll();
    expect(runs).toBe(2);
    t.cancel();
  });

  it("gives the first few switches of a burst their own toast and folds the rest into a summary", async () => {
    const { ToastBurst } = await import("@/components/realtime/throttle");
    const b = new ToastBurst(4, 3_000);
    const at = (ms: number) => b.admit(1_000_000 + ms);
    expect([at(0), at(100), at(200), at(300)]).toEqual(["own", "own", "own", "own"]);
    expect([at(400), at(500)]).toEqual(["summary", "summary"]);
    expect(b.folded).toBe(2);
    // After a quiet window, a new burst starts from zero.
    expect(at(10_000)).toBe("own");
    expect(b.folded).toBe(0);
  });
});
