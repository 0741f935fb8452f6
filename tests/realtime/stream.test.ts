// The realtime feed end to end on a real database (PGlite, and Postgres when DATABASE_URL is set): a switch made
// through the service layer is NOTIFYed, the hub fans it out, and GET /api/realtime streams it to each signed-in
// user it concerns, and to no one else. The route handler is called directly with a Request carrying a session cookie.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as backlogRoute } from "@/app/api/realtime/backlog/route";
import { GET as streamRoute } from "@/app/api/realtime/route";
import type { RealtimeSwitchEvent } from "@/lib/realtime-event";
import type { Actor } from "@/server/auth/roles";
import { createSession, SESSION_COOKIE } from "@/server/auth/session";
import { closeAllStreams, switchSubscriberCount } from "@/server/realtime/hub";
import { HEARTBEAT_MS, openSwitchStream, type Every } from "@/server/realtime/stream";
import { switchModel } from "@/server/switching/switch-model";
import { createServiceFixture, type ServiceFixture } from "../support/service-fixture";
import { drivers } from "../support/test-db";
import { SseReader } from "./support/sse-reader";

/** Two valid models per use case, to switch back and forth. */
const ALTERNATES: Record<string, [string, string]> = {
  clinical: ["eu.anthropic.claude-sonnet-4-5-20250929-v1:0", "eu.anthropic.claude-sonnet-4-6"],
  health: ["eu.amazon.nova-lite-v1:0", "eu.amazon.nova-micro-v1:0"],
  operations: ["eu.amazon.nova-pro-v1:0", "eu.amazon.nova-lite-v1:0"],
  general: ["eu.anthropic.claude-haiku-4-5-20251001-v1:0", "eu.amazon.nova-lite-v1:0"],
};
const other = (useCase: string, current: string) => {
  const [a, b] = ALTERNATES[useCase]!;
  return current === a ? b : a;
};

type Opened = { status: number; reader: SseReader; abort: () => void; res: Response };

describe.each(drivers)("the realtime stream on %s", (kind) => {
  let f: ServiceFixture;
  const cookies = new Map<Actor, string>();

  const actorId = (a: Actor) => (a.kind === "user" ? a.user.id : "");
  const flipUseCase = async (useCase: string, reason = "test") => {
    const [row] = await f.t.rows<{ m: string }>("select current_model_id as m from use_cases where name = $1", [useCase]);
    return (await switchModel({ actor: f.admin, input: { useCase, modelId: other(useCase, row!.m), reason } })).switch;
  };
  const flipConversation = async (conversationId: string, actor: Actor = f.admin) => {
    const [row] = await f.t.rows<{ m: string; u: string }>(
      "select coalesce(c.model_override_id, u.current_model_id) as m, c.use_case as u from conversations c join use_cases u on u.name = c.use_case where c.id = $1",
      [conversationId],
    );
    return (await switchModel({ actor, input: { conversationId, modelId: other(row!.u, row!.m), reason: "test" } })).switch;
  };

  const request = (path: string, actor: Actor | null, headers: Record<string, string> = {}, signal?: AbortSignal) =>
    new Request(`http://localhost${path}`, {
      headers: { ...(actor ? { cookie: `other=1; ${SESSION_COOKIE}=${cookies.get(actor)}` } : {}), ...headers },
      signal,
    });

  const open = async (actor: Actor | null, opts: { since?: number; lastEventId?: number; cookie?: string } = {}): Promise<Opened> => {
    const ac = new AbortController();
    const query = opts.since === undefined ? "" : `?since=${opts.since}`;
    const headers: Record<string, string> = opts.lastEventId === undefined ? {} : { "last-event-id": String(opts.lastEventId) };
    if (opts.cookie) headers.cookie = opts.cookie;
    const res = await streamRoute(request(`/api/realtime${query}`, actor, headers, ac.signal));
    return { status: res.status, res, reader: new SseReader(res.body!), abort: () => ac.abort() };
  };
  const nextEvent = async (o: Opened): Promise<RealtimeSwitchEvent> => {
    const msg = await o.reader.next();
    expect(msg.event).toBe("switch");
    const event = JSON.parse(msg.data) as RealtimeSwitchEvent;
    expect(msg.id).toBe(String(event.id));
    return event;
  };
  const nextIds = async (o: Opened, n: number) => {
    const out: number[] = [];
    for (let i = 0; i < n; i++) out.push((await nextEvent(o)).id);
    return out;
  };

  beforeAll(async () => {
    f = await createServiceFixture(kind, { max: 20 });
    for (const a of [f.admin, f.analyst, f.user, f.otherUser]) cookies.set(a, (await createSession(actorId(a))).value);
  });
  afterAll(async () => f?.t.drop());

  it("answers with an event stream that is not cached or buffered", async () => {
    const o = await open(f.user);
    expect(o.status).toBe(200);
    expect(o.res.headers.get("content-type")).toMatch(/^text\/event-stream/);
    expect(o.res.headers.get("cache-control")).toBe("no-cache, no-transform");
    expect(o.res.headers.get("x-accel-buffering")).toBe("no");
    o.abort();
  });

  it("refuses a visitor without a session, with a forged session, and a bad since", async () => {
    expect((await streamRoute(request("/api/realtime", null))).status).toBe(401);
    const forged = await streamRoute(new Request("http://localhost/api/realtime", { headers: { cookie: `${SESSION_COOKIE}=abc.def` } }));
    expect(forged.status).toBe(401);
    expect(await forged.json()).toMatchObject({ ok: false, error: { code: "unauthorized" } });
    const bad = await streamRoute(request("/api/realtime?since=12;drop", f.user));
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ ok: false, error: { code: "invalid_request" } });
    expect((await backlogRoute(request("/api/realtime/backlog?since=0", null))).status).toBe(401);
    expect((await backlogRoute(request("/api/realtime/backlog", f.user))).status).toBe(400);
  });

  it("staff receive every switch: use cases and anyone's conversation", async () => {
    const admin = await open(f.admin);
    const analyst = await open(f.analyst);
    const s1 = await flipUseCase("clinical", "quality review");
    const s2 = await flipConversation(f.conv.other);
    const s3 = await flipUseCase("health");
    for (const o of [admin, analyst]) {
      const events = [await nextEvent(o), await nextEvent(o), await nextEvent(o)];
      expect(events.map((e) => e.id)).toEqual([s1.id, s2.id, s3.id]);
      // Staff see others' switches, but not the titles of others' conversations.
      for (const e of events) expect(e).toMatchObject({ affectedConversationIds: [], affectedConversationTitles: [] });
    }
    // The same switch from the log carries the same notification (rebuilt from the row), and who made it.
    const again = await open(f.admin, { since: s1.id - 1 });
    const first = await nextEvent(again);
    expect(first).toMatchObject({ id: s1.id, scope: "use_case", useCase: "clinical", reason: "quality review", actor: "a@test.local", replayed: true });
    expect(first.notification).toMatchObject({ type: "manual", title: "Model switched", modelId: s1.newModelId });
    again.abort();
    admin.abort();
    analyst.abort();
  });

  it("an end user receives their conversation's and their use case's switches, never another user's", async () => {
    const a = await open(f.user);
    const b = await open(f.otherUser);
    const b1 = await flipConversation(f.conv.other); // B's conversation (pinned since the staff test)
    const g1 = await flipUseCase("general"); // B's only conversation is pinned, A has none in general: staff only
    await flipUseCase("health"); // nobody's
    const a1 = await flipConversation(f.conv.clinical, f.user); // A's own, by A: clinical lets users choose
    const a2 = await flipUseCase("operations"); // A's operations conversation follows the use case
    await flipUseCase("clinical"); // A's clinical conversation is pinned now (a1): no longer A's concern
    const a3 = await flipConversation(f.conv.clinical, f.user); // sentinel for A
    const b2 = await flipConversation(f.conv.other); // sentinel for B

    // Streams keep commit order, so receiving exactly these, in this order, means nothing else came in between.
    const eventsA = [await nextEvent(a), await nextEvent(a), await nextEvent(a)];
    expect(eventsA.map((e) => e.id)).toEqual([a1.id, a2.id, a3.id]);
    expect(await nextIds(b, 2)).toEqual([b1.id, b2.id]);
    expect([a1.id, a2.id, a3.id, b1.id, b2.id]).not.toContain(g1.id);

    expect(eventsA[0]).toMatchObject({
      scope: "conversation",
      conversationId: f.conv.clinical,
      affectedConversationIds: [f.conv.clinical],
      // Titles name the viewer's own conversations, so the toast can say which one changed.
      affectedConversationTitles: ["c"],
      canSwitchBack: true,
      replayed: false,
    });
    // Operations does not let users choose: the toast offers no switch back.
    expect(eventsA[1]).toMatchObject({
      scope: "use_case",
      useCase: "operations",
      affectedConversationIds: [f.conv.operations],
      affectedConversationTitles: ["o"],
      canSwitchBack: false,
    });
    // Which admin switched is staff information.
    for (const e of eventsA) expect(e).not.toHaveProperty("actor");
    a.abort();
    b.abort();
  });

  it("a reconnecting client catches up on exactly the switches it missed and may see, then continues live", async () => {
    const first = await open(f.user);
    const seen = await flipConversation(f.conv.clinical, f.user);
    expect((await nextEvent(first)).id).toBe(seen.id);
    first.abort();
    await first.reader.end();

    // While A is away:
    const m1 = await flipUseCase("operations"); // A's
    await flipConversation(f.conv.other); // B's
    const m2 = await flipConversation(f.conv.clinical, f.user); // A's
    await flipUseCase("health"); // nobody's
    await flipUseCase("clinical"); // A's clinical conversation is pinned: not A's concern

    const missed = [m1.id, m2.id];
    for (const how of ["since", "lastEventId"] as const) {
      const again = await open(f.user, how === "since" ? { since: seen.id } : { lastEventId: seen.id });
      const replayed: [number, boolean][] = [];
      for (let i = 0; i < missed.length; i++) {
        const e = await nextEvent(again);
        replayed.push([e.id, e.replayed]);
      }
      expect(replayed).toEqual(missed.map((id) => [id, true]));
      // Live events continue after the backlog, without repeating it.
      const live = await flipUseCase("operations");
      const next = await nextEvent(again);
      expect([next.id, next.replayed]).toEqual([live.id, false]);
      again.abort();
      missed.push(live.id); // from the same point, the next round has missed this one too
    }
    const r = await backlogRoute(request(`/api/realtime/backlog?since=${seen.id}`, f.user));
    expect(r.status).toBe(200);
    const body = (await r.json()) as { ok: boolean; events: RealtimeSwitchEvent[] };
    expect(body.ok).toBe(true);
    expect(body.events.map((e) => e.id)).toEqual(missed);
    expect(body.events.every((e) => e.replayed)).toBe(true);

    // Last-Event-ID wins over ?since (EventSource keeps the URL it was opened with and adds the header on reconnects).
    const both = await open(f.user, { since: 0, lastEventId: m2.id });
    const afterM2 = await nextEvent(both);
    expect(afterM2.id).toBeGreaterThan(m2.id);
    both.abort();
  });

  it("catch-up is bounded to the newest 100, oldest first", async () => {
    const [row] = await f.t.rows<{ id: number }>("select max(id)::int as id from bedrock_model_switches");
    const since = row!.id;
    const made: number[] = [];
    for (let i = 0; i < 105; i++) made.push((await flipUseCase("health")).id);
    const r = await backlogRoute(request(`/api/realtime/backlog?since=${since}`, f.analyst));
    const body = (await r.json()) as { events: RealtimeSwitchEvent[] };
    expect(body.events.map((e) => e.id)).toEqual(made.slice(-100));
    // An end user with no conversation in health: nothing.
    const none = await backlogRoute(request(`/api/realtime/backlog?since=${since}`, f.user));
    expect(((await none.json()) as { events: unknown[] }).events).toEqual([]);
  });

  it("loses and repeats nothing when switches are committed while the stream opens", async () => {
    const [row] = await f.t.rows<{ id: number }>("select max(id)::int as id from bedrock_model_switches");
    const since = row!.id;
    // Switches race the subscribe-then-read-the-log sequence of the handler.
    const racing = Promise.all(Array.from({ length: 12 }, (_, i) => (i % 2 ? flipUseCase("general") : flipUseCase("health"))));
    const [o] = await Promise.all([open(f.admin, { since }), racing]);
    const sentinel = await flipUseCase("clinical");
    const ids: number[] = [];
    for (;;) {
      const e = await nextEvent(o);
      ids.push(e.id);
      if (e.id === sentinel.id) break;
    }
    const expected = (await f.t.rows<{ id: number }>("select id::int as id from bedrock_model_switches where id > $1 order by id", [since])).map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort((x, y) => x - y)).toEqual(expected);
    o.abort();
  });

  it("lets go of its subscription when the request is aborted or the body is cancelled", async () => {
    const before = switchSubscriberCount();
    const o = await open(f.user);
    expect(switchSubscriberCount()).toBe(before + 1);
    o.abort();
    await o.reader.end();
    expect(switchSubscriberCount()).toBe(before);

    const c = await open(f.user);
    expect(switchSubscriberCount()).toBe(before + 1);
    await c.reader.cancel();
    expect(switchSubscriberCount()).toBe(before);

    // Shutdown ends every open stream (next start waits for open connections before it exits).
    const s1 = await open(f.user);
    const s2 = await open(f.admin);
    expect(switchSubscriberCount()).toBe(before + 2);
    closeAllStreams();
    await Promise.all([s1.reader.end(), s2.reader.end()]);
    expect(switchSubscriberCount()).toBe(before);

    // A stream that was aborted before it answered never subscribes at all.
    const ac = new AbortController();
    ac.abort();
    const res = await streamRoute(request("/api/realtime", f.user, {}, ac.signal));
    expect(res.status).not.toBe(200);
    expect(switchSubscriberCount()).toBe(before);
  });

  it("starts with a retry hint", async () => {
    const o = await open(f.user);
    await o.reader.rawUntil(/: connected\n\n/);
    expect(o.reader.raw).toMatch(/^retry: 1000\n: connected\n\n/);
    o.abort();
  });

  it("sends a heartbeat comment on every tick of its clock, and stops the clock when the browser leaves", async () => {
    // The heartbeat's clock is injected: the test ticks it instead of waiting HEARTBEAT_MS.
    const clocks: { tick: () => void; ms: number; stopped: boolean }[] = [];
    const every: Every = (tick, ms) => {
      const clock = { tick, ms, stopped: false };
      clocks.push(clock);
      return () => {
        clock.stopped = true;
      };
    };
    const ac = new AbortController();
    const user = (f.user as Extract<Actor, { kind: "user" }>).user;
    const reader = new SseReader(await openSwitchStream({ user, since: null, signal: ac.signal, every }));
    await reader.rawUntil(/: connected\n\n/);
    expect(clocks.map((c) => c.ms)).toEqual([HEARTBEAT_MS]);
    expect(reader.raw).not.toContain(": ping");
    clocks[0]!.tick();
    await reader.rawUntil(/\n\n: ping \d+\n\n$/);
    clocks[0]!.tick();
    await reader.rawUntil(/(: ping \d+\n\n){2}$/);
    ac.abort();
    await reader.end();
    expect(clocks[0]!.stopped).toBe(true);
  });
});
