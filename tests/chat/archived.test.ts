// An archived conversation is read-only, through every door, on a real database (both drivers): the chat's message
// route and service, the chat's model switch, switches of every kind by the service layer and the orchestrate API's
// calls in it answer a clear 409 and change nothing; its owner still reads it.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { setConversationArchivedAction, switchConversationModelAction } from "@/actions/chat";
import { POST as postMessage } from "@/app/api/chat/[id]/messages/route";
import { resetBedrockGateways } from "@/server/bedrock";
import type { Actor } from "@/server/auth/roles";
import { createSession, SESSION_COOKIE } from "@/server/auth/session";
import { getConversation, listConversations } from "@/server/chat/conversations";
import { sendMessage } from "@/server/chat/send-message";
import { invoke } from "@/server/invoke/invoke";
import { loadViewerConversations, ViewerState } from "@/server/realtime/viewer";
import { resolveGatewayScope } from "@/server/invoke/scope";
import { switchModel } from "@/server/switching/switch-model";
import { call, expectError } from "../api/support/orchestrate-client";
import { codeOf } from "../support/errors";
import { NOVA_LITE, SONNET_46 } from "../support/models";
import { cookieJarWith, setRequestCookies } from "../support/next-headers";
import { createServiceFixture, type ServiceFixture } from "../support/service-fixture";
import { drivers } from "../support/test-db";

const userId = (a: Actor) => (a.kind === "user" ? a.user.id : "");
const ARCHIVED = /archived and read-only/;

describe.each(drivers)("an archived conversation on %s", (kind) => {
  let f: ServiceFixture;
  let token = "";
  const writes = async () => ({
    messages: await f.count("select count(*)::int as n from messages"),
    switches: await f.count("select count(*)::int as n from bedrock_model_switches"),
    invocations: await f.count("select count(*)::int as n from invocations"),
    conversation: await f.t.rows("select model_override_id, updated_at from conversations where id = $1", [f.conv.clinical]),
  });

  beforeAll(async () => {
    process.env.BEDROCK_MODE = "offline";
    resetBedrockGateways();
    f = await createServiceFixture(kind);
    token = (await createSession(userId(f.user))).value;
  });
  afterAll(async () => f?.t.drop());
  beforeEach(async () => {
    await f.t.rows("update conversations set archived_at = now() - interval '1 day' where id = $1", [f.conv.clinical]);
  });

  it("is still shown to its owner, marked archived", async () => {
    const detail = await getConversation({ actor: f.user, id: f.conv.clinical });
    expect(detail.archivedAt).toEqual(expect.any(String));
    expect((await listConversations({ actor: f.user })).find((c) => c.id === f.conv.clinical)?.archivedAt).toBe(detail.archivedAt);
    expect((await getConversation({ actor: f.user, id: f.conv.operations })).archivedAt).toBeNull();
  });

  it("refuses a message through the chat's route with 409 before any stream, and through the service, storing nothing", async () => {
    const before = await writes();
    setRequestCookies(cookieJarWith(SESSION_COOKIE, token));
    const response = await postMessage(
      new Request(`http://localhost/api/chat/${f.conv.clinical}/messages`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ text: "One more question about the dosage." }),
      }),
      { params: Promise.resolve({ id: f.conv.clinical }) },
    );
    expect(response.status).toBe(409);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    const body = (await response.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe("conflict");
    expect(body.error.message).toMatch(ARCHIVED);

    expect(await codeOf(sendMessage({ actor: f.user, conversationId: f.conv.clinical, text: "hello" }))).toBe("conflict");
    expect(await writes()).toEqual(before);
  });

  it("refuses its owner's model choice (the chat's action) and every switch of the service layer, by anyone", async () => {
    const before = await writes();
    setRequestCookies(cookieJarWith(SESSION_COOKIE, token));
    const current = (await getConversation({ actor: f.user, id: f.conv.clinical })).model.modelId;
    const action = await switchConversationModelAction({ conversationId: f.conv.clinical, modelId: SONNET_46, expectedCurrentModelId: current });
    expect(action).toMatchObject({ ok: false, code: "conflict" });
    expect(action.ok ? "" : action.error).toMatch(ARCHIVED);

    for (const [actor, switchType] of [
      [f.user, "manual"],
      [f.admin, "manual"],
      [f.service, "auto"],
      [f.service, "fallback"],
    ] as const) {
      expect(await codeOf(switchModel({ actor, input: { conversationId: f.conv.clinical, modelId: SONNET_46, reason: "test", switchType } }))).toBe("conflict");
    }
    expect(await writes()).toEqual(before);
  });

  it("refuses a call in it (the invoke path) and the orchestrate API's switches with 409", async () => {
    const before = await writes();
    expect(await codeOf(invoke({ actor: f.service, input: { conversationId: f.conv.clinical, messages: [{ role: "user", text: "hello" }] } }))).toBe(
      "conflict",
    );
    expectError(await call({ action: "switch", conversationId: f.conv.clinical, modelId: NOVA_LITE, reason: "test" }), 409, "conflict", ARCHIVED);
    const auto = await call({ action: "auto-switch", conversationId: f.conv.clinical, message: "Plan the warehouse shipment and the incident follow-up." });
    expectError(auto, 409, "conflict", ARCHIVED);
    expect(await writes()).toEqual(before);
  });

  it("refuses a gateway call in a backend's archived conversation (found by its external id) with conflict", async () => {
    const external = `archived-${kind}-thread`;
    await f.t.rows("insert into conversations (use_case, title, external_id, archived_at) values ('health', 't', $1, now())", [external]);
    const before = await writes();
    expect(await codeOf(resolveGatewayScope({ model: "health", externalConversationId: external }))).toBe("conflict");
    expect(await writes()).toEqual(before);
  });

  it("takes messages again once it is no longer archived (the refusal is the archive, not the conversation)", async () => {
    await f.t.rows("update conversations set archived_at = null where id = $1", [f.conv.clinical]);
    const r = await sendMessage({ actor: f.user, conversationId: f.conv.clinical, text: "hello" });
    expect(r.assistantMessage.content.length).toBeGreaterThan(0);
  });

  it("its owner archives and unarchives it through the chat's action; another user cannot, and learns nothing", async () => {
    await f.t.rows("update conversations set archived_at = null where id = $1", [f.conv.clinical]);
    setRequestCookies(cookieJarWith(SESSION_COOKIE, (await createSession(userId(f.otherUser))).value));
    const other = await setConversationArchivedAction({ conversationId: f.conv.clinical, archived: true });
    expect(other).toMatchObject({ ok: false, code: "not_found" });
    expect((await getConversation({ actor: f.user, id: f.conv.clinical })).archivedAt).toBeNull();

    setRequestCookies(cookieJarWith(SESSION_COOKIE, token));
    const archived = await setConversationArchivedAction({ conversationId: f.conv.clinical, archived: true });
    expect(archived).toMatchObject({ ok: true, data: { archivedAt: expect.any(String) } });
    expect(await codeOf(sendMessage({ actor: f.user, conversationId: f.conv.clinical, text: "hello" }))).toBe("conflict");
    // Archiving again keeps the first date.
    const again = await setConversationArchivedAction({ conversationId: f.conv.clinical, archived: true });
    expect(again.ok && again.data.archivedAt).toBe(archived.ok && archived.data.archivedAt);

    expect(await setConversationArchivedAction({ conversationId: f.conv.clinical, archived: false })).toMatchObject({ ok: true, data: { archivedAt: null } });
    const r = await sendMessage({ actor: f.user, conversationId: f.conv.clinical, text: "hello again" });
    expect(r.assistantMessage.content.length).toBeGreaterThan(0);
    expect(await setConversationArchivedAction({ conversationId: "not-a-uuid", archived: true })).toMatchObject({ ok: false, code: "invalid_request" });
  });

  it("says nothing to its owner when its use case switches: no toast, and no Switch back that would fail", async () => {
    const db = f.t.db;
    const visible = async () => (await loadViewerConversations({ db, userId: userId(f.user) })).map((c) => c.id);
    expect(await visible()).not.toContain(f.conv.clinical);
    expect(await visible()).toContain(f.conv.operations);
    const sw = {
      scope: "use_case",
      useCase: "clinical",
      conversationId: null,
      previousModelId: SONNET_46,
      newModelId: NOVA_LITE,
      switchType: "manual",
    } as const;
    const state = ViewerState.of({ id: userId(f.user), role: "user" }, await loadViewerConversations({ db, userId: userId(f.user) }));
    expect(await state.decide(sw)).toEqual({ visible: false });
  });
});
