// Bad input through the real doors (route handlers, server actions, the API) on a real database, both drivers:
// a clear 4xx, a named wrong type, and nothing written. Also a body over a route's limit, read only up to it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import postgres from "postgres";

// Next's cookies(): the session cookie of the caller of the current test.
const signedInAs = (token: string) => setRequestCookies(cookieJarWith(SESSION_COOKIE, token));

import { NextRequest } from "next/server";
import { switchModelAction } from "@/actions/dashboard";
import { POST as postMessage } from "@/app/api/chat/[id]/messages/route";
import { createConversationAction, switchConversationModelAction } from "@/actions/chat";
import { GET as exportHistory } from "@/app/(dashboard)/history/export/route";
import { loadHistory } from "@/server/analytics/service";
import type { Actor } from "@/server/auth/roles";
import { createSession, SESSION_COOKIE } from "@/server/auth/session";
import { toPublicError } from "@/server/errors";
import { createServiceFixture, type ServiceFixture } from "../support/service-fixture";
import { cookieJarWith, setRequestCookies } from "../support/next-headers";
import { drivers } from "../support/test-db";
import { NOVA_LITE, SONNET_45 } from "../support/models";
import { call, expectError } from "./support/orchestrate-client";

const userId = (a: Actor) => (a.kind === "user" ? a.user.id : "");

describe.each(drivers)("bad input on %s", (kind) => {
  let f: ServiceFixture;
  const tok = { admin: "", user: "" };
  const writes = async () => ({
    switches: await f.count("select count(*)::int as n from bedrock_model_switches"),
    conversations: await f.count("select count(*)::int as n from conversations"),
    messages: await f.count("select count(*)::int as n from messages"),
    useCases: await f.t.rows("select name, current_model_id from use_cases order by name"),
    overrides: await f.t.rows("select id, model_override_id from conversations order by id"),
  });

  beforeAll(async () => {
    expect(SESSION_COOKIE).toBe("sb_session");
    f = await createServiceFixture(kind);
    tok.admin = (await createSession(userId(f.admin))).value;
    tok.user = (await createSession(userId(f.user))).value;
  });
  afterAll(async () => f?.t.drop());

  describe("history filters", () => {
    const bad: Record<string, string>[] = [{ model: "\u0000" }, { to: "9999-12-31" }, { from: "9999-12-31" }];

    it.each(bad)("the History page reads %o as a problem shown above the results, not an error", async (params) => {
      const data = await loadHistory({ actor: f.admin, params });
      expect(data.problems).toHaveLength(1);
      expect(data.problems[0]).toMatch(/ignored|instead/);
    });

    it.each(bad)("the export answers 400 naming the problem for %o, before any CSV starts", async (params) => {
      signedInAs(tok.admin);
      const response = await exportHistory(new NextRequest(`http://localhost/history/export?${new URLSearchParams(params)}`));
      expect(response.status).toBe(400);
      expect(response.headers.get("content-type")).toMatch(/^application\/json/);
      const body = (await response.json()) as { ok: boolean; error: { code: string; message: string } };
      expect(body.ok).toBe(false);
      expect(body.error.code).toBe("invalid_request");
      expect(body.error.message).toMatch(/ignored|instead/);
    });
  });

  describe("NUL characters", () => {
    it("in a chat message: 400, nothing stored", async () => {
      signedInAs(tok.user);
      const before = await writes();
      const response = await postMessage(
        new Request(`http://localhost/api/chat/${f.conv.clinical}/messages`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ text: "dose\u0000" }),
        }),
        { params: Promise.resolve({ id: f.conv.clinical }) },
      );
      expect(response.status).toBe(400);
      expect((await response.json()).error).toEqual({ code: "invalid_request", message: "text: must not contain NUL characters." });
      expect(await writes()).toEqual(before);
    });

    it("in a conversation's first message: invalid_request, no conversation", async () => {
      signedInAs(tok.user);
      const before = await writes();
      const r = await createConversationAction({ firstMessage: "hello\u0000" });
      expect(r).toMatchObject({ ok: false, code: "invalid_request" });
      expect(await writes()).toEqual(before);
    });

    it("in a switch reason or an idempotency key: invalid_request, no switch", async () => {
      const before = await writes();
      signedInAs(tok.admin);
      const viaReason = await switchModelAction({ modelId: NOVA_LITE, useCase: "general", expectedCurrentModelId: "x", reason: "cheaper\u0000" });
      expect(viaReason).toMatchObject({ ok: false, code: "invalid_request" });
      const viaKey = await switchModelAction({ modelId: NOVA_LITE, useCase: "general", expectedCurrentModelId: "x", idempotencyKey: "key-1234\u0000" });
      expect(viaKey).toMatchObject({ ok: false, code: "invalid_request" });
      signedInAs(tok.user);
      const own = await switchConversationModelAction({
        conversationId: f.conv.clinical,
        modelId: SONNET_45,
        expectedCurrentModelId: SONNET_45,
        reason: "mine\u0000",
      });
      expect(own).toMatchObject({ ok: false, code: "invalid_request" });
      expect(await writes()).toEqual(before);
    });
  });

  describe("wrong types are named as such", () => {
    it('{ "modelId": 123 } says "modelId: must be a string" in the API, the actions and the chat route', async () => {
      expectError(await call({ action: "validate", modelId: 123 }), 400, "invalid_request", /^modelId: must be a string$/);
      expectError(await call({ action: "validate" }), 400, "invalid_request", /^modelId: is required$/);
      expectError(await call({ action: "validate", modelId: NOVA_LITE, probe: "yes" }), 400, "invalid_request", /^probe: must be a boolean$/);
      signedInAs(tok.admin);
      const action = await switchModelAction({ modelId: 123 as unknown as string, useCase: "general", expectedCurrentModelId: NOVA_LITE });
      expect(action).toMatchObject({ ok: false, code: "invalid_request", fieldErrors: { modelId: "must be a string" } });
      signedInAs(tok.user);
      const response = await postMessage(
        new Request(`http://localhost/api/chat/${f.conv.clinical}/messages`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ text: 123 }),
        }),
        { params: Promise.resolve({ id: f.conv.clinical }) },
      );
      expect(response.status).toBe(400);
      expect((await response.json()).error.message).toBe("text: must be a string");
    });
  });

  it("a chat message body over the route's limit, sent chunked, is refused with 413 after reading no more than the limit", async () => {
    signedInAs(tok.user);
    let sent = 0;
    const chunk = new TextEncoder().encode("x".repeat(16 * 1024));
    const body = new ReadableStream<Uint8Array>(
      {
        pull: (c) => {
          if (sent >= 4 * 1024 * 1024) return c.close();
          c.enqueue(chunk);
          sent += chunk.byteLength;
        },
      },
      { highWaterMark: 0 },
    );
    const before = await writes();
    const response = await postMessage(
      new Request(`http://localhost/api/chat/${f.conv.clinical}/messages`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body,
        duplex: "half",
      } as RequestInit),
      { params: Promise.resolve({ id: f.conv.clinical }) },
    );
    expect(response.status).toBe(413);
    expect(sent).toBeLessThan(100 * 1024);
    expect(await writes()).toEqual(before);
  });

  if (kind === "postgres") {
    it("a database that does not exist (3D000) is unavailable (503), not internal", async () => {
      const url = new URL(f.t.url!);
      url.pathname = "/sb_no_such_database_3d000";
      const sql = postgres(url.toString(), { max: 1, onnotice: () => {} });
      const err = await sql`select 1`.then(
        () => null,
        (e: unknown) => e,
      );
      await sql.end();
      expect((err as { code?: string }).code).toBe("3D000");
      expect(toPublicError(err).code).toBe("unavailable");
      // As Drizzle throws it: the driver's error on `cause`.
      expect(toPublicError(new Error("Failed query", { cause: err })).code).toBe("unavailable");
    });
  }
});
