// A backend's own conversations through the gateway, on a real database (both drivers): the conversation scope made on
// first sight, switched by its external id through the orchestrate API, seen by its end user and switched back by them,
// a fallback that stays in the conversation, and traffic splits that pick once per conversation and keep to it.
import { BedrockRuntimeClient, ConverseCommand } from "@aws-sdk/client-bedrock-runtime";
import OpenAI from "openai";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { injectFault } from "@/server/bedrock/fault-injection";
import { getDb } from "@/server/db";
import { flushInvocations } from "@/server/invoke/record";
import { resolveGatewayScope } from "@/server/invoke/scope";
import { affectedConversations } from "@/server/realtime/audience";
import { switchBack } from "@/server/realtime/switch-back";
import { loadViewerConversations } from "@/server/realtime/viewer";
import { setTrafficSplit } from "@/server/traffic/update";
import { call, expectOk } from "../api/support/orchestrate-client";
import type { ServiceFixture } from "../support/service-fixture";
import { drivers } from "../support/test-db";
import { NOVA_LITE, NOVA_MICRO, NOVA_PRO } from "../support/models";
import type { GatewayServer } from "./support/gateway-server";
import { resetFaults, startOfflineGateway } from "./support/offline-gateway";

const SERVICE_KEY = process.env.SWITCHBOARD_SERVICE_KEY!;

describe.each(drivers)("gateway conversations on %s", (kind) => {
  let f: ServiceFixture;
  let server: GatewayServer;
  let client: OpenAI;
  let close: () => Promise<void>;
  let account = "";
  const ask = (conversation: string, model = "health") =>
    client.chat.completions
      .create({ model, messages: [{ role: "user", content: "hello" }], user: account }, { headers: { "x-switchboard-conversation-id": conversation } })
      .withResponse();
  const internalId = async (external: string) => (await f.t.rows<{ id: string }>("select id from conversations where external_id = $1", [external]))[0]!.id;

  beforeAll(async () => {
    ({ f, server, close } = await startOfflineGateway(kind));
    account = f.user.kind === "user" ? f.user.user.id : "";
    client = new OpenAI({ apiKey: SERVICE_KEY, baseURL: `${server.url}/v1`, maxRetries: 0 });
  });
  afterAll(async () => close?.());
  afterEach(async () => {
    await resetFaults(f);
    await setTrafficSplit({ actor: f.admin, input: { useCase: "health", rows: [], reason: "reset" } });
  });

  it("the orchestrate API switches it by its external id, its end user sees the switch and switches back", async () => {
    const external = `crm-${kind}-thread-1`;
    expect((await ask(external)).data.model).toBe(NOVA_LITE);
    const id = await internalId(external);

    const switched = expectOk(await call({ action: "switch", modelId: NOVA_PRO, conversationId: external, reason: "long thread" }));
    expect(switched.switch).toMatchObject({ scope: "conversation", conversationId: id, newModelId: NOVA_PRO, previousModelId: NOVA_LITE });
    const { data, response } = await ask(external);
    expect(data.model).toBe(NOVA_PRO);
    expect(response.headers.get("x-switchboard-model-id")).toBe(NOVA_PRO);
    // Other callers of the use case are not moved.
    expect((await client.chat.completions.create({ model: "health", messages: [{ role: "user", content: "hi" }] })).model).toBe(NOVA_LITE);

    // The conversation is its end user's: the switch reaches them, and they may switch back.
    const mine = await loadViewerConversations({ db: await getDb(), userId: account });
    expect(affectedConversations(switched.switch, mine).map((c) => c.id)).toEqual([id]);
    await switchBack({ actor: f.user, conversationIds: [id], modelId: NOVA_LITE, expectedCurrentModelId: NOVA_PRO });
    expect((await ask(external)).data.model).toBe(NOVA_LITE);

    // auto-switch takes the external id too.
    expectOk(await call({ action: "auto-switch", useCase: "health", conversationId: external, dryRun: true }));
  });

  it("a fallback in a conversation with its own model stays in that conversation", async () => {
    const external = `crm-${kind}-thread-2`;
    await ask(external);
    expectOk(await call({ action: "switch", modelId: NOVA_PRO, conversationId: external }));
    injectFault(NOVA_PRO, { kind: "throttle", remaining: 1 });
    // health's fallback chain: Nova Micro, then Nova Pro (the model that failed).
    const { data, response } = await ask(external);
    expect(data.model).toBe(NOVA_MICRO);
    expect(response.headers.get("x-switchboard-fallback")).toBe(`${NOVA_PRO}=ThrottlingException`);
    const [sw] = await f.t.rows<Record<string, unknown>>("select * from bedrock_model_switches order by id desc limit 1");
    expect(sw).toMatchObject({
      scope: "conversation",
      conversation_id: await internalId(external),
      switch_type: "fallback",
      previous_model_id: NOVA_PRO,
      new_model_id: NOVA_MICRO,
    });
    const [uc] = await f.t.rows<{ current_model_id: string }>("select current_model_id from use_cases where name = 'health'");
    expect(uc!.current_model_id).toBe(NOVA_LITE);
  });

  it("a split picks once for a new conversation and the conversation keeps that model while the split lists it", async () => {
    await setTrafficSplit({ actor: f.admin, input: { useCase: "health", rows: [{ modelId: NOVA_MICRO, weight: 30 }], reason: "canary" } });
    // The pick: the split row takes [0, 0.30), the current model the rest.
    const onSplit = await resolveGatewayScope({ model: "health", externalConversationId: `split-${kind}-a`, random: () => 0.1 });
    const onCurrent = await resolveGatewayScope({ model: "health", externalConversationId: `split-${kind}-b`, random: () => 0.5 });
    expect([onSplit.modelId, onSplit.via]).toEqual([NOVA_MICRO, "split"]);
    expect([onCurrent.modelId, onCurrent.via]).toEqual([NOVA_LITE, "use_case"]);
    for (let i = 0; i < 3; i++) {
      expect((await ask(`split-${kind}-a`)).data.model).toBe(NOVA_MICRO);
      expect((await ask(`split-${kind}-b`)).data.model).toBe(NOVA_LITE);
    }
    // Without a conversation each call is picked on its own.
    expect((await resolveGatewayScope({ model: "health", random: () => 0.29 })).modelId).toBe(NOVA_MICRO);
    expect((await resolveGatewayScope({ model: "health", random: () => 0.3 })).modelId).toBe(NOVA_LITE);

    // Once the split no longer lists the model, the conversation follows the use case again.
    await setTrafficSplit({ actor: f.admin, input: { useCase: "health", rows: [], reason: "canary over" } });
    expect((await ask(`split-${kind}-a`)).data.model).toBe(NOVA_LITE);
  });

  it("the AWS SDK names the conversation and end user in requestMetadata (it sends no custom headers)", async () => {
    const bedrock = new BedrockRuntimeClient({
      region: "eu-central-1",
      endpoint: `${server.url}/bedrock`,
      token: { token: SERVICE_KEY },
      authSchemePreference: ["httpBearerAuth"],
      maxAttempts: 1,
    });
    const external = `crm-${kind}-bedrock-1`;
    const metadata = { "x-switchboard-conversation-id": external, user: account };
    for (let i = 0; i < 2; i++)
      await bedrock.send(new ConverseCommand({ modelId: "health", messages: [{ role: "user", content: [{ text: "hi" }] }], requestMetadata: metadata }));
    bedrock.destroy();
    const rows = await f.t.rows<Record<string, unknown>>("select use_case, user_id, end_user from conversations where external_id = $1", [external]);
    expect(rows).toEqual([{ use_case: "health", user_id: account, end_user: account }]);
    await flushInvocations();
    expect(await f.count("select count(*)::int as n from invocations where conversation_id = $1 and source = 'bedrock'", [await internalId(external)])).toBe(2);
  });

  it("a conversation belongs to one use case: naming another is a 400 on model", async () => {
    const external = `crm-${kind}-thread-3`;
    await ask(external, "health");
    const err = await ask(external, "clinical").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAI.BadRequestError);
    expect((err as InstanceType<typeof OpenAI.BadRequestError>).param).toBe("model");
  });
});
