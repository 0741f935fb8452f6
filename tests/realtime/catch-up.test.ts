// A dropped broadcast is caught up, on a real database (PGlite, and Postgres when DATABASE_URL is set): the Supabase
// transport (with a hand-driven supabase-js channel) talks to the app's real route handlers, GET /api/realtime/latest
// and GET /api/realtime/backlog, with each viewer's session cookie. Realtime drops every broadcast here (none is ever
// delivered); the periodic check of the latest switch id brings each switch to exactly the viewers it concerns. A
// forged broadcast with a huge id shows nothing and does not push the cursor past real switches.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { GET as backlogRoute } from "@/app/api/realtime/backlog/route";
import { GET as latestRoute } from "@/app/api/realtime/latest/route";
import { appFeed, createSupabaseTransport, topicsFor, type FetchLike } from "@/components/realtime/supabase-transport";
import type { Transport } from "@/components/realtime/transport";
import type { RealtimeSwitchEvent } from "@/lib/realtime-event";
import type { Actor } from "@/server/auth/roles";
import { createSession, SESSION_COOKIE } from "@/server/auth/session";
import { latestSwitchId } from "@/server/realtime/backlog";
import { switchModel } from "@/server/switching/switch-model";
import { createServiceFixture, type ServiceFixture } from "../support/service-fixture";
import { drivers } from "../support/test-db";
import { CHECK_MS, fakeClient, flush, harness, manualTimers } from "./support/fake-realtime";

const ALTERNATES: Record<string, [string, string]> = {
  clinical: ["eu.anthropic.claude-sonnet-4-5-20250929-v1:0", "eu.anthropic.claude-sonnet-4-6"],
  operations: ["eu.amazon.nova-pro-v1:0", "eu.amazon.nova-lite-v1:0"],
};

describe.each(drivers)("catching up dropped broadcasts on %s", (kind) => {
  let f: ServiceFixture;
  const cookies = new Map<Actor, string>();

  /** The browser's fetch for one viewer: the app's route handlers, with that viewer's session cookie; counts answers. */
  const fetchAs =
    (actor: Actor | null, answered = { latest: 0, backlog: 0 }): FetchLike =>
    async (url) => {
      const request = new Request(`http://localhost${url}`, { headers: actor ? { cookie: `${SESSION_COOKIE}=${cookies.get(actor)}` } : {} });
      const path = new URL(request.url).pathname;
      if (path === "/api/realtime/latest") {
        const res = await latestRoute(request);
        answered.latest++;
        return res;
      }
      if (path === "/api/realtime/backlog") {
        const res = await backlogRoute(request);
        answered.backlog++;
        return res;
      }
      return new Response(null, { status: 404 });
    };

  /** Waits (on the condition, not on time) until a page's fetches were answered `n` times, then lets it deliver. */
  const answeredBacklog = async (p: { answered: { backlog: number } }, n: number) => {
    await vi.waitFor(() => expect(p.answered.backlog).toBe(n), { timeout: 15_000, interval: 5 });
    await flush();
  };

  const flip = async (input: { useCase: string } | { conversationId: string; useCase: string }) => {
    const [row] =
      "conversationId" in input
        ? await f.t.rows<{ m: string }>(
            "select coalesce(c.model_override_id, u.current_model_id) as m from conversations c join use_cases u on u.name = c.use_case where c.id = $1",
            [input.conversationId],
          )
        : await f.t.rows<{ m: string }>("select current_model_id as m from use_cases where name = $1", [input.useCase]);
    const [a, b] = ALTERNATES[input.useCase]!;
    const modelId = row!.m === a ? b : a;
    const target = "conversationId" in input ? { conversationId: input.conversationId } : { useCase: input.useCase };
    return (await switchModel({ actor: f.admin, input: { ...target, modelId, reason: "catch-up test" } })).switch;
  };

  /** A viewer's page: the Supabase transport on their topics, every channel joined, Realtime delivering nothing. */
  const page = async (actor: Actor, since: number) => {
    const user = actor.kind === "user" ? actor.user : null;
    const viewer = { id: user!.id, role: user!.role };
    const h = harness(since, viewer);
    const events: RealtimeSwitchEvent[] = [];
    h.connection.subscribe((e) => events.push(e));
    const { client, channels } = fakeClient();
    const timers = manualTimers();
    const answered = { latest: 0, backlog: 0 };
    const transport: Transport = createSupabaseTransport({
      client,
      topics: topicsFor(viewer),
      callbacks: h.callbacks,
      timers,
      checkEveryMs: CHECK_MS,
      ...appFeed(fetchAs(actor, answered)),
    });
    await flush();
    for (const ch of channels) ch.status!("SUBSCRIBED");
    const p = { h, events, channels, timers, transport, answered };
    await answeredBacklog(p, 1); // the catch-up after joining
    return p;
  };

  beforeAll(async () => {
    f = await createServiceFixture(kind);
    for (const a of [f.admin, f.user, f.otherUser]) {
      if (a.kind === "user") cookies.set(a, (await createSession(a.user.id)).value);
    }
  });
  afterAll(async () => {
    await f?.t.drop();
  });

  it("the latest switch id is for signed-in viewers only", async () => {
    expect((await fetchAs(null)("/api/realtime/latest", {})).status).toBe(401);
    const body = (await (await fetchAs(f.user)("/api/realtime/latest", {})).json()) as { latestId: number };
    expect(body.latestId).toBe(await latestSwitchId());
  });

  it("brings a switch whose broadcast was dropped at the next check, to exactly the viewers it concerns", async () => {
    const since = await latestSwitchId();
    const user = await page(f.user, since);
    const other = await page(f.otherUser, since);
    const staff = await page(f.admin, since);

    // The user's operations conversation follows the use case; the other user has none there.
    const sw = await flip({ useCase: "operations" });
    await flush();
    expect(user.events).toEqual([]); // no broadcast arrived: nothing yet

    for (const p of [user, other, staff]) p.timers.runChecks();
    // Each one's check saw a newer switch id and asked for its backlog.
    for (const p of [user, other, staff]) await answeredBacklog(p, 2);
    expect(user.events.map((e) => e.id)).toEqual([sw.id]);
    expect(user.events[0]).toMatchObject({
      newModelId: sw.newModelId,
      affectedConversationIds: [f.conv.operations],
      affectedConversationTitles: ["o"],
      replayed: true,
    });
    expect(user.events[0]!.notification?.title).toBeTruthy();
    expect(user.events[0]).not.toHaveProperty("actor");
    expect(staff.events.map((e) => e.id)).toEqual([sw.id]);
    expect(other.events).toEqual([]);
    // The checks go on.
    expect(user.timers.checks()).toBe(1);

    // A forged hint with an id far past every real switch: nothing shown, the cursor stays on real ids.
    user.channels[1]!.broadcast!({ payload: { id: 9_007_199_254_740_000, scope: "use_case", useCase: "operations", newModelId: "evil" } });
    await answeredBacklog(user, 3);
    expect(user.events.map((e) => e.id)).toEqual([sw.id]);
    expect(user.h.connection.lastId()).toBe(sw.id);

    // The next real switch (of the user's own conversation; its broadcast dropped too) still arrives.
    const next = await flip({ conversationId: f.conv.clinical, useCase: "clinical" });
    user.timers.runChecks();
    other.timers.runChecks();
    await answeredBacklog(user, 4);
    await answeredBacklog(other, 3);
    expect(user.events.map((e) => e.id)).toEqual([sw.id, next.id]);
    expect(other.events).toEqual([]);

    for (const p of [user, other, staff]) p.transport.close();
  });
});
