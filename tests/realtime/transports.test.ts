// The browser transports without a browser: the Supabase channel's status handling (subscribe, errors, backoff,
// catch-up after every (re)subscribe) against a fake supabase-js channel, the SSE transport against a fake
// EventSource, and the connection's once-per-id delivery.
import { describe, expect, it } from "vitest";
import { RealtimeConnection, pickTransport } from "@/components/realtime/connection";
import { createSseTransport, type EventSourceFactory } from "@/components/realtime/sse-transport";
import { createSupabaseTransport, MAX_FAILURES, topicsFor, type FetchBacklog, type FetchLatest } from "@/components/realtime/supabase-transport";
import { backoffMs } from "@/components/realtime/transport";
import type { RealtimeSwitchEvent } from "@/lib/realtime-event";
import { CHECK_MS, fakeClient, flush, harness, manualTimers } from "./support/fake-realtime";

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
  affectedConversationTitles: [],
  canSwitchBack: false,
  byViewer: false,
  replayed: false,
  ...over,
});

/** A Supabase transport on hand-driven channels and timers; the fetches answer nothing unless given. */
function startSupabase(opts: { topics?: string[]; start?: number; fetchBacklog?: FetchBacklog; fetchLatest?: FetchLatest } = {}) {
  const { client, channels, auths } = fakeClient();
  const timers = manualTimers();
  const h = harness(opts.start ?? 10);
  const transport = createSupabaseTransport({
    client,
    topics: opts.topics ?? ["staff"],
    callbacks: h.callbacks,
    timers,
    checkEveryMs: CHECK_MS,
    fetchLatest: opts.fetchLatest ?? (async () => 0),
    fetchBacklog: opts.fetchBacklog ?? (async () => []),
  });
  return { channels, auths, timers, h, t: transport };
}

describe("the Supabase transport", () => {
  it("joins the viewer's private topics, catches up once all are SUBSCRIBED, and fetches the event each broadcast hints at", async () => {
    const asked: number[] = [];
    const backlog = new Map<number, RealtimeSwitchEvent[]>([
      [10, [event(11), event(12)]],
      [12, [event(13)]],
    ]);
    const { channels, auths, h, t } = startSupabase({
      topics: topicsFor({ id: "u1", role: "user" }),
      fetchBacklog: async (since) => {
        asked.push(since);
        return backlog.get(since) ?? [];
      },
    });
    await flush();
    expect(auths()).toBe(1);
    expect(channels.map((c) => c.topic)).toEqual(["user:u1", "users"]);
    expect(channels.every((c) => c.opts.config.private)).toBe(true);
    expect(h.statuses).toEqual(["connecting"]);

    channels[0]!.status!("SUBSCRIBED");
    await flush();
    expect(h.statuses.at(-1)).toBe("connecting"); // 'users' is not joined yet
    expect(asked).toEqual([]);
    channels[1]!.status!("SUBSCRIBED");
    await flush();
    expect(h.statuses.at(-1)).toBe("open");
    expect(asked).toEqual([10]);
    expect(h.delivered).toEqual([11, 12]);

    channels[1]!.broadcast!({ payload: { id: 13, scope: "use_case", useCase: "clinical" } });
    await flush();
    expect(asked).toEqual([10, 12]);
    expect(h.delivered).toEqual([11, 12, 13]);
    t.close();
    expect(channels.every((c) => c.removed)).toBe(true);
    expect(h.statuses.at(-1)).toBe("closed");
  });

  it.each(["CHANNEL_ERROR", "TIMED_OUT", "CLOSED"] as const)(
    "on %s drops the channel, resubscribes after a growing backoff, and catches up",
    async (failure) => {
      const asked: number[] = [];
      const { channels, timers, h, t } = startSupabase({
        start: 20,
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
    },
  );

  it("never shows a broadcast's payload: a failed fetch shows nothing and is retried; a forged huge id moves no cursor", async () => {
    let up = false;
    const asked: number[] = [];
    const { channels, timers, h } = startSupabase({
      start: 5,
      topics: ["user:u1", "users"],
      fetchBacklog: async (since) => {
        asked.push(since);
        if (!up) throw new Error("offline");
        return since < 6 ? [event(6, { conversationId: "c1" })] : [];
      },
    });
    await flush();
    for (const ch of channels) ch.status!("SUBSCRIBED");
    await flush();
    timers.runAll(); // the catch-up's retry, still offline
    await flush();
    // A forged broadcast: a fake model, and an id far past every real one.
    channels[0]!.broadcast!({
      payload: {
        id: 9_007_199_254_740_000,
        scope: "conversation",
        useCase: "general",
        conversationId: "c1",
        newModelId: "evil",
        switchType: "auto",
        timestamp: "t",
      },
    });
    await flush();
    expect(h.delivered).toEqual([]);
    expect(h.connection.lastId()).toBe(5);
    expect(asked.every((since) => since === 5)).toBe(true);
    // A retry is scheduled; once the app answers, the real switch (id 6) arrives, and only it.
    expect(timers.due()).toHaveLength(1);
    up = true;
    timers.runAll();
    await flush();
    expect(h.delivered).toEqual([6]);
    expect(h.connection.lastId()).toBe(6);
  });

  it("reports a refused channel and gives up after a bounded number of tries, with a visible state", async () => {
    const { channels, timers, h } = startSupabase({ start: 5 });
    await flush();
    const refusal = new Error("Unauthorized: You do not have permissions to read from this Channel topic: staff");
    channels[0]!.status!("CHANNEL_ERROR", refusal);
    expect(h.problems.at(-1)).toContain("You do not have permissions to read from this Channel topic: staff");
    expect(h.statuses.at(-1)).toBe("connecting");
    expect(timers.due()).toHaveLength(1); // one more try: the token may just have been refreshed
    timers.runAll();
    await flush();
    channels[1]!.status!("CHANNEL_ERROR", refusal);
    expect(h.statuses.at(-1)).toBe("failed");
    expect(timers.due()).toHaveLength(0);
    expect(channels).toHaveLength(2);
    expect(channels.every((c) => c.removed)).toBe(true);
    // The periodic check still runs: switches arrive, later.
    expect(timers.checks()).toBe(1);
  });

  it("stops resubscribing after MAX_FAILURES other failures in a row", async () => {
    const { channels, timers, h } = startSupabase({ start: 5 });
    await flush();
    const delays: number[] = [];
    for (let i = 0; i < MAX_FAILURES; i++) {
      channels.at(-1)!.status!("TIMED_OUT");
      delays.push(...timers.due());
      timers.runAll();
      await flush();
    }
    expect(channels).toHaveLength(MAX_FAILURES);
    expect(delays).toHaveLength(MAX_FAILURES - 1);
    expect(delays.every((d, k) => k === 0 || d > delays[k - 1]!)).toBe(true);
    expect(h.statuses.at(-1)).toBe("failed");
    expect(h.problems.at(-1)).toMatch(/could not connect/);
  });

  it("catches up a dropped broadcast at the next periodic check of the latest switch id", async () => {
    let latest = 10;
    const log: RealtimeSwitchEvent[] = [];
    const asked: number[] = [];
    const { channels, timers, h, t } = startSupabase({
      fetchLatest: async () => latest,
      fetchBacklog: async (since) => {
        asked.push(since);
        return log.filter((e) => e.id > since);
      },
    });
    await flush();
    channels[0]!.status!("SUBSCRIBED");
    await flush();
    expect(asked).toEqual([10]);
    // Nothing new: the check asks for the latest id only.
    timers.runChecks();
    await flush();
    expect(asked).toEqual([10]);
    expect(timers.checks()).toBe(1);
    // A switch is committed; its broadcast is dropped (Realtime's rate limit). The next check finds it.
    log.push(event(11));
    latest = 11;
    expect(h.delivered).toEqual([]);
    timers.runChecks();
    await flush();
    expect(h.delivered).toEqual([11]);
    expect(asked).toEqual([10, 10]);
    t.close();
    expect(timers.checks()).toBe(0);
  });

  it("names the topics the RLS policies allow", () => {
    expect(topicsFor({ id: "u1", role: "user" })).toEqual(["user:u1", "users"]);
    expect(topicsFor({ id: "a1", role: "admin" })).toEqual(["staff"]);
    expect(topicsFor({ id: "n1", role: "analyst" })).toEqual(["staff"]);
  });
});

describe("the SSE transport", () => {
  type FakeES = {
    url: string;
    readyState: number;
    onopen: ((e: Event) => void) | null;
    onerror: ((e: Event) => void) | null;
    listeners: ((m: MessageEvent<string>) => void)[];
    closed: boolean;
  };
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
  it("uses Supabase only when the server chose it from the database and handed down both public settings", () => {
    const config = { url: "https://x.supabase.co", anonKey: "k" };
    expect(pickTransport("supabase", config)).toBe("supabase");
    expect(pickTransport("sse", config)).toBe("sse");
    expect(pickTransport("supabase", null)).toBe("sse");
    expect(pickTransport("supabase", { url: "https://x.supabase.co" })).toBe("sse");
    expect(new RealtimeConnection({ id: "u", role: "user" }, 1, "sse", config).kind).toBe("sse");
  });

  it("delivers each switch once, in id order, and remembers where to resume", () => {
    const c = new RealtimeConnection({ id: "u", role: "user" }, 3);
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
