// The chat service on a real database (PGlite, and Postgres when DATABASE_URL is set): conversations are their owner's
// only, detection picks the use case of a new conversation, messages go through the invoke path and are stored with
// the model that answered, a message of another use case auto-switches the conversation, and a throttled model
// falls back while the answer still arrives.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { clearFaults, injectFault } from "@/server/bedrock/fault-injection";
import { resetBedrockGateways } from "@/server/bedrock";
import { createConversation, getConversation, listConversations, MESSAGE_LIMIT } from "@/server/chat/conversations";
import { sendMessage } from "@/server/chat/send-message";
import { flushInvocations } from "@/server/invoke/record";
import { AppError } from "@/server/errors";
import { getForUseCase } from "@/server/orchestration/get-for-use-case";
import { switchModel } from "@/server/switching/switch-model";
import { drivers } from "../support/test-db";
import { createServiceFixture, type ServiceFixture } from "../support/service-fixture";
import { HAIKU, NOVA2_LITE, NOVA_LITE, SONNET_45, SONNET_46 } from "../support/models";
import { codeOf } from "../support/errors";

const CLINICAL_MESSAGE = "What is the usual dosage of amoxicillin for this patient, and are there contraindications with warfarin?";

describe.each(drivers)("chat on %s", (kind) => {
  let f: ServiceFixture;
  beforeAll(async () => {
    process.env.BEDROCK_MODE = "offline";
    resetBedrockGateways();
    f = await createServiceFixture(kind);
  });
  afterAll(async () => f?.t.drop());
  afterEach(async () => {
    clearFaults();
    await f.t.rows("delete from model_cooldowns");
  });

  describe("conversations", () => {
    it("detects the use case of a new conversation from its first message and titles it", async () => {
      const r = await createConversation({ actor: f.user, firstMessage: `  ${CLINICAL_MESSAGE}  ` });
      expect(r.useCaseSource).toBe("detected");
      expect(r.confidence).toBeGreaterThanOrEqual(0.5);
      expect(r.conversation).toMatchObject({
        useCase: "clinical",
        model: { modelId: SONNET_45, name: "Claude Sonnet 4.5 (EU)" },
        overrideModelId: null,
        allowUserChoice: true,
        messages: [],
      });
      expect(r.conversation.title.length).toBeLessThanOrEqual(60);
      expect(r.conversation.title).toMatch(/^What is the usual dosage of amoxicillin.*…$/);
      // createConversation does not store the message: it goes through sendMessage like every other.
      expect(await f.count("select count(*)::int as n from messages where conversation_id = $1", [r.conversation.id])).toBe(0);
    });

    it("lands in general when nothing stands out, and takes a given use case as is", async () => {
      const vague = await createConversation({ actor: f.user, firstMessage: "Hello there!" });
      expect(vague).toMatchObject({ useCaseSource: "default", conversation: { useCase: "general", title: "Hello there!" } });
      const given = await createConversation({ actor: f.user, useCase: "operations", firstMessage: CLINICAL_MESSAGE });
      expect(given).toMatchObject({ useCaseSource: "given", confidence: null, conversation: { useCase: "operations", allowUserChoice: false } });
      expect(await codeOf(createConversation({ actor: f.user, useCase: "astrology", firstMessage: "hi" }))).toBe("invalid_request");
    });

    it("shows each user their own conversations only, even to an admin", async () => {
      const mine = await listConversations({ actor: f.user });
      expect(mine.map((c) => c.id)).toEqual(expect.arrayContaining([f.conv.clinical, f.conv.operations]));
      expect(mine.map((c) => c.id)).not.toContain(f.conv.other);
      expect(mine.find((c) => c.id === f.conv.clinical)?.model.modelId).toBe(SONNET_45);
      expect((await listConversations({ actor: f.otherUser })).map((c) => c.id)).toEqual([f.conv.other]);

      expect(await codeOf(getConversation({ actor: f.otherUser, id: f.conv.clinical }))).toBe("not_found");
      expect(await codeOf(getConversation({ actor: f.admin, id: f.conv.clinical }))).toBe("not_found");
      expect(await codeOf(getConversation({ actor: f.user, id: "not-a-uuid" }))).toBe("not_found");
      expect(await codeOf(listConversations({ actor: f.service }))).toBe("forbidden");
      expect(await codeOf(sendMessage({ actor: f.otherUser, conversationId: f.conv.clinical, text: "hi" }))).toBe("not_found");
      expect(await f.count("select count(*)::int as n from messages where conversation_id = $1", [f.conv.clinical])).toBe(0);
    });

    it("loads the last messages only, oldest first", async () => {
      const { conversation } = await createConversation({ actor: f.user, useCase: "general", firstMessage: "long" });
      await f.t.rows(
        `insert into messages (conversation_id, role, content, created_at)
         select $1, 'user', 'm' || i, now() - ((300 - i) || ' seconds')::interval from generate_series(1, ${MESSAGE_LIMIT + 5}) as i`,
        [conversation.id],
      );
      const c = await getConversation({ actor: f.user, id: conversation.id });
      expect(c.messages).toHaveLength(MESSAGE_LIMIT);
      expect(c.hasEarlierMessages).toBe(true);
      expect(c.messages[0]!.content).toBe("m6");
      expect(c.messages.at(-1)!.content).toBe(`m${MESSAGE_LIMIT + 5}`);
    });
  });

  describe("sendMessage", () => {
    it("stores the message and the streamed answer with the model that gave it", async () => {
      const streamed: string[] = [];
      let started: string | null = null;
      const r = await sendMessage({
        actor: f.user,
        conversationId: f.conv.clinical,
        text: "Summarise the discharge summary for the patient in two lines.",
        onText: (t) => streamed.push(t),
        onStart: (s) => (started = s.model.modelId),
      });
      expect(started).toBe(SONNET_45);
      expect(r.modelId).toBe(SONNET_45);
      expect(r.autoSwitch).toBeUndefined();
      expect(r.fallback).toBeUndefined();
      expect(r.assistantMessage.content).toMatch(/offline simulation/i);
      expect(r.assistantMessage.content).toContain("Claude Sonnet 4.5");
      expect(streamed.join("")).toBe(r.assistantMessage.content);
      const rows = await f.t.rows<{ role: string; content: string; model_id: string | null }>(
        "select role, content, model_id from messages where conversation_id = $1 order by created_at",
        [f.conv.clinical],
      );
      expect(rows).toEqual([
        { role: "user", content: "Summarise the discharge summary for the patient in two lines.", model_id: null },
        { role: "assistant", content: r.assistantMessage.content, model_id: SONNET_45 },
      ]);
      const c = await getConversation({ actor: f.user, id: f.conv.clinical });
      expect(c.messages.map((m) => [m.role, m.model?.modelId ?? null])).toEqual([
        ["user", null],
        ["assistant", SONNET_45],
      ]);
      await flushInvocations();
      const [inv] = await f.t.rows<{ outcome: string; user_id: string }>("select outcome, user_id from invocations where conversation_id = $1", [
        f.conv.clinical,
      ]);
      expect(inv).toMatchObject({ outcome: "success" });
    });

    it("refuses an empty or oversized message and stores nothing", async () => {
      const before = await f.count("select count(*)::int as n from messages");
      expect(await codeOf(sendMessage({ actor: f.user, conversationId: f.conv.clinical, text: "   " }))).toBe("invalid_request");
      expect(await codeOf(sendMessage({ actor: f.user, conversationId: f.conv.clinical, text: "x".repeat(8001) }))).toBe("invalid_request");
      expect(await f.count("select count(*)::int as n from messages")).toBe(before);
    });

    it("auto-switches a general conversation to a clinical model when a message is about dosage and contraindications", async () => {
      const { conversation } = await createConversation({ actor: f.user, useCase: "general", firstMessage: "Hello" });
      expect(conversation.model.modelId).toBe(HAIKU);
      const r = await sendMessage({ actor: f.user, conversationId: conversation.id, text: CLINICAL_MESSAGE });
      expect(r.autoSwitch).toMatchObject({ useCase: "clinical", fromModelId: HAIKU });
      const clinical = await getForUseCase({ actor: f.user, useCase: "clinical" });
      const eligible = clinical.models.filter((m) => m.eligible).map((m) => m.modelId);
      const [conv] = await f.t.rows<{ model_override_id: string; use_case: string }>("select model_override_id, use_case from conversations where id = $1", [
        conversation.id,
      ]);
      expect(conv!.use_case).toBe("general");
      expect(eligible).toContain(conv!.model_override_id);
      expect(r.autoSwitch!.to.modelId).toBe(conv!.model_override_id);
      expect(r.modelId).toBe(conv!.model_override_id);
      expect(r.servingModel.modelId).toBe(conv!.model_override_id);
      const switches = await f.t.rows<Record<string, unknown>>("select * from bedrock_model_switches where conversation_id = $1", [conversation.id]);
      expect(switches).toHaveLength(1);
      expect(switches[0]).toMatchObject({
        switch_type: "auto",
        trigger: "detection",
        scope: "conversation",
        previous_model_id: HAIKU,
        new_model_id: conv!.model_override_id,
      });

      // Another clinical message: the conversation already has the clinical model, so nothing switches again.
      const again = await sendMessage({ actor: f.user, conversationId: conversation.id, text: "And the dosage for a child with reduced kidney function?" });
      expect(again.autoSwitch).toBeUndefined();
      expect(await f.count("select count(*)::int as n from bedrock_model_switches where conversation_id = $1", [conversation.id])).toBe(1);
    });

    it("does not auto-switch away from a model the owner picked", async () => {
      const { conversation } = await createConversation({ actor: f.user, useCase: "general", firstMessage: "Hello" });
      await switchModel({ actor: f.user, input: { conversationId: conversation.id, modelId: NOVA_LITE } });
      const r = await sendMessage({ actor: f.user, conversationId: conversation.id, text: CLINICAL_MESSAGE });
      expect(r.autoSwitch).toBeUndefined();
      expect(r.modelId).toBe(NOVA_LITE);
    });

    it("does not auto-switch when the detected use case's policy forbids it", async () => {
      await f.t.rows("update use_cases set allow_auto_switch = false where name = 'clinical'");
      try {
        const { conversation } = await createConversation({ actor: f.user, useCase: "general", firstMessage: "Hello" });
        const r = await sendMessage({ actor: f.user, conversationId: conversation.id, text: CLINICAL_MESSAGE });
        expect(r.autoSwitch).toBeUndefined();
        expect(r.modelId).toBe(HAIKU);
        expect(await f.count("select count(*)::int as n from bedrock_model_switches where conversation_id = $1", [conversation.id])).toBe(0);
      } finally {
        await f.t.rows("update use_cases set allow_auto_switch = true where name = 'clinical'");
      }
    });

    it("keeps the model and still answers when the detected model does not fit the conversation's policy", async () => {
      // Operations limited to Amazon models: clinical's best (an Anthropic model) is refused by the switch's validation.
      await f.t.rows("update use_cases set allowed_providers = '{Amazon}' where name = 'operations'");
      try {
        const clinicalBest = (await getForUseCase({ actor: f.user, useCase: "clinical" })).models[0]!;
        expect(clinicalBest.provider).not.toBe("Amazon");
        const { conversation } = await createConversation({ actor: f.user, useCase: "operations", firstMessage: "Hello" });
        const before = conversation.model.modelId;
        const r = await sendMessage({ actor: f.user, conversationId: conversation.id, text: CLINICAL_MESSAGE });
        expect(r.autoSwitch).toBeUndefined();
        expect(r.modelId).toBe(before);
        expect(r.assistantMessage.content).toMatch(/offline simulation/i);
        expect(await f.count("select count(*)::int as n from bedrock_model_switches where conversation_id = $1", [conversation.id])).toBe(0);
      } finally {
        await f.t.rows("update use_cases set allowed_providers = '{}' where name = 'operations'");
      }
    });

    it("falls back under an injected throttle, still answers, and logs a fallback switch", async () => {
      const { conversation } = await createConversation({ actor: f.user, useCase: "general", firstMessage: "Hello" });
      // An override other than the use case's model keeps the fallback on this conversation.
      await switchModel({ actor: f.user, input: { conversationId: conversation.id, modelId: NOVA2_LITE } });
      injectFault(NOVA2_LITE, { kind: "throttle", remaining: 1 });
      const streamed: string[] = [];
      const r = await sendMessage({
        actor: f.user,
        conversationId: conversation.id,
        text: "Write a short poem about autumn.",
        onText: (t) => streamed.push(t),
      });
      expect(r.fallback).toMatchObject({ fromModelId: NOVA2_LITE, errorCode: "ThrottlingException", to: { modelId: NOVA_LITE } });
      expect(r.modelId).toBe(NOVA_LITE);
      expect(r.servingModel.modelId).toBe(NOVA_LITE);
      expect(r.assistantMessage).toMatchObject({ role: "assistant", model: { modelId: NOVA_LITE } });
      expect(streamed.join("")).toContain("Nova Lite");
      const [row] = await f.t.rows<Record<string, unknown>>("select * from bedrock_model_switches where conversation_id = $1 order by id desc limit 1", [
        conversation.id,
      ]);
      expect(row).toMatchObject({
        switch_type: "fallback",
        trigger: "bedrock_error",
        error_code: "ThrottlingException",
        previous_model_id: NOVA2_LITE,
        new_model_id: NOVA_LITE,
        scope: "conversation",
      });
    });

    it("falls back on a conversation that follows its use case by switching the use case", async () => {
      const { conversation } = await createConversation({ actor: f.user, useCase: "clinical", firstMessage: "Hello" });
      const current = conversation.model.modelId;
      injectFault(current, { kind: "throttle", remaining: 1 });
      const r = await sendMessage({ actor: f.user, conversationId: conversation.id, text: "List the vital signs to record at triage." });
      expect(r.fallback?.fromModelId).toBe(current);
      expect(r.modelId).toBe(SONNET_46);
      const [row] = await f.t.rows<Record<string, unknown>>("select * from bedrock_model_switches where switch_type = 'fallback' order by id desc limit 1");
      expect(row).toMatchObject({
        scope: "use_case",
        use_case: "clinical",
        previous_model_id: current,
        new_model_id: SONNET_46,
        user_id: (f.user as { user: { id: string } }).user.id,
      });
      await switchModel({ actor: f.admin, input: { useCase: "clinical", modelId: current } });
    });

    it("answers with a safe error when every model of the chain fails, keeping the user's message", async () => {
      const { conversation } = await createConversation({ actor: f.user, useCase: "health", firstMessage: "Hello" });
      for (const m of ["eu.amazon.nova-lite-v1:0", "eu.amazon.nova-micro-v1:0", "eu.amazon.nova-pro-v1:0"]) injectFault(m, { kind: "5xx" });
      const err = await sendMessage({ actor: f.user, conversationId: conversation.id, text: "How much sleep do I need?" }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(AppError);
      expect((err as AppError).code).toBe("unavailable");
      expect(await f.count("select count(*)::int as n from messages where conversation_id = $1 and role = 'user'", [conversation.id])).toBe(1);
      expect(await f.count("select count(*)::int as n from messages where conversation_id = $1 and role = 'assistant'", [conversation.id])).toBe(0);
    });
  });
});
