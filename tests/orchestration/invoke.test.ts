// The invoke path with fallback on a real database: retryable Bedrock errors move along the use case's fallback chain,
// cool the failing model down and record a `fallback` switch with the error code; others do not.
import {
  AccessDeniedException,
  BedrockRuntimeClient,
  ConverseStreamCommand,
  ServiceUnavailableException,
  ThrottlingException,
  ValidationException,
  type ConverseStreamOutput,
} from "@aws-sdk/client-bedrock-runtime";
import { mockClient } from "aws-sdk-client-mock";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { clearFaults, injectFault } from "@/server/bedrock/fault-injection";
import { resetBedrockGateways } from "@/server/bedrock";
import { invoke } from "@/server/invoke/invoke";
import { flushInvocations } from "@/server/invoke/record";
import { switchModel } from "@/server/switching/switch-model";
import { drivers } from "../support/test-db";
import { createServiceFixture, type ServiceFixture } from "../support/service-fixture";
import { NOVA_LITE, NOVA_MICRO, NOVA_PRO } from "../support/models";

// One mock for the whole file: a second mockClient() of the same class would replace the first one's stub.
// Files share a process: put the real send() back for the files after this one.
const runtime = mockClient(BedrockRuntimeClient);
afterAll(() => runtime.restore());
const hello = [{ role: "user" as const, text: "How much sleep do I need after a marathon?" }];

describe.each(drivers)("invoke path on %s", (kind) => {
  let f: ServiceFixture;
  const lastSwitch = async () =>
    (await f.t.rows<Record<string, unknown>>("select * from bedrock_model_switches where use_case = 'health' order by id desc limit 1"))[0];
  beforeAll(async () => {
    f = await createServiceFixture(kind);
  });
  afterAll(async () => f?.t.drop());

  describe("offline gateway with injected faults", () => {
    beforeAll(() => {
      process.env.BEDROCK_MODE = "offline";
      resetBedrockGateways();
    });
    afterEach(() => clearFaults());

    it("answers from the serving model and records the invocation with its cost", async () => {
      const streamed: string[] = [];
      const r = await invoke({ actor: f.service, input: { useCase: "health", messages: hello, onText: (t) => streamed.push(t) } });
      expect(r.modelId).toBe(NOVA_LITE);
      expect(r.text).toMatch(/offline simulation/i);
      expect(streamed.join("")).toBe(r.text);
      expect(r.fallback).toBeNull();
      await flushInvocations();
      const [inv] = await f.t.rows<{ outcome: string; cost_usd: string; input_tokens: number }>("select * from invocations order by id desc limit 1");
      expect(inv!.outcome).toBe("success");
      expect(Number(inv!.cost_usd)).toBeCloseTo((r.inputTokens * 0.078 + r.outputTokens * 0.312) / 1e6, 8);
    });

    it.each(["throttle", "5xx", "timeout"] as const)("falls back on %s, cools the model down and logs a fallback switch", async (fault) => {
      await switchModel({ actor: f.admin, input: { modelId: NOVA_LITE, useCase: "health" } });
      await f.t.rows("delete from model_cooldowns");
      injectFault(NOVA_LITE, { kind: fault, remaining: 1 });
      const r = await invoke({ actor: f.service, input: { useCase: "health", messages: hello } });
      expect(r.modelId).toBe(NOVA_MICRO); // the first model of health's fallback chain
      expect(r.text).toContain("Nova Micro");
      expect(r.fallback?.notification).toMatchObject({ type: "fallback", modelId: NOVA_MICRO, previousModelId: NOVA_LITE });
      const row = await lastSwitch();
      expect(row).toMatchObject({
        switch_type: "fallback",
        trigger: "bedrock_error",
        previous_model_id: NOVA_LITE,
        new_model_id: NOVA_MICRO,
        actor: "invoke-path",
      });
      expect(row!.error_code).toBe(r.failedAttempts[0]!.errorCode);
      const cool = await f.t.rows("select * from model_cooldowns where model_id = $1 and until > now()", [NOVA_LITE]);
      expect(cool).toHaveLength(1);
      await flushInvocations();
      const failedInv = await f.t.rows("select * from invocations where model_id = $1 and outcome <> 'success'", [NOVA_LITE]);
      expect(failedInv.length).toBeGreaterThan(0);
    });

    it.each(["access-denied", "validation"] as const)("does not fall back on %s: the error is answered and nothing switches", async (fault) => {
      await switchModel({ actor: f.admin, input: { modelId: NOVA_LITE, useCase: "health" } });
      await f.t.rows("delete from model_cooldowns");
      const before = await lastSwitch();
      injectFault(NOVA_LITE, { kind: fault });
      const err = await invoke({ actor: f.service, input: { useCase: "health", messages: hello } }).catch((e) => e);
      expect(err.code).toBe(fault === "validation" ? "invalid_request" : "unavailable");
      expect(err.message).toMatch(fault === "validation" ? /ValidationException/ : /AccessDeniedException/);
      expect(await lastSwitch()).toEqual(before);
      expect(await f.t.rows("select * from model_cooldowns")).toHaveLength(0);
    });

    it("skips a cooling-down model until its cooldown expires", async () => {
      // The invoke path reads and sets cooldowns by an injected clock: the test moves it instead of waiting.
      let at = Date.now();
      const now = () => new Date(at);
      const call = () => invoke({ actor: f.service, input: { useCase: "health", messages: hello }, now });
      const seconds = await f.count("select cooldown_seconds as n from use_cases where name = 'health'");
      await f.t.rows("delete from model_cooldowns");
      injectFault(NOVA_LITE, { kind: "throttle", remaining: 1 });
      await switchModel({ actor: f.admin, input: { modelId: NOVA_LITE, useCase: "health" } });
      expect((await call()).modelId).toBe(NOVA_MICRO);
      const [cool] = await f.t.rows<{ until: Date | string }>("select until from model_cooldowns where model_id = $1", [NOVA_LITE]);
      expect(new Date(cool!.until).getTime()).toBe(at + seconds * 1000);
      // An admin moves health back while the model is still cooling down (one second before the end): the call goes
      // to the chain.
      at += (seconds - 1) * 1000;
      await switchModel({ actor: f.admin, input: { modelId: NOVA_LITE, useCase: "health" } });
      const cooling = await call();
      expect(cooling.modelId).toBe(NOVA_MICRO);
      expect(cooling.failedAttempts[0]).toMatchObject({ modelId: NOVA_LITE, errorCode: "ModelCoolingDown" });
      // Past the end of the cooldown, the model serves again.
      at += 2_000;
      await switchModel({ actor: f.admin, input: { modelId: NOVA_LITE, useCase: "health" } });
      const after = await call();
      expect(after.modelId).toBe(NOVA_LITE);
      expect(after.failedAttempts).toEqual([]);
      expect(after.fallback).toBeNull();
    });

    it.each([
      ["5xx", "unavailable"],
      ["throttle", "rate_limited"],
    ] as const)("when the whole chain fails with %s it answers %s, naming every model", async (kind, code) => {
      await f.t.rows("delete from model_cooldowns");
      await switchModel({ actor: f.admin, input: { modelId: NOVA_LITE, useCase: "health" } });
      for (const m of [NOVA_LITE, NOVA_MICRO, NOVA_PRO]) injectFault(m, { kind });
      const err = await invoke({ actor: f.service, input: { useCase: "health", messages: hello } }).catch((e) => e);
      expect(err.code).toBe(code);
      for (const m of [NOVA_LITE, NOVA_MICRO, NOVA_PRO]) expect(err.message).toContain(m);
      // A throttled chain says when to come back: the use case's cooldown (180 s here), at least a second.
      if (kind === "throttle") expect(err.details.retryAfterSeconds).toBe(180);
      clearFaults();
    });

    it("keeps end users to their own conversations", async () => {
      const err = await invoke({ actor: f.otherUser, input: { conversationId: f.conv.clinical, messages: hello } }).catch((e) => e);
      expect(err.code).toBe("not_found");
      const direct = await invoke({ actor: f.user, input: { useCase: "health", messages: hello } }).catch((e) => e);
      expect(direct.code).toBe("forbidden");
    });
  });

  describe("aws gateway (aws-sdk-client-mock)", () => {
    const meta = (message: string) => ({ message, $metadata: {} });
    const okStream = (text: string) => ({
      stream: (async function* (): AsyncGenerator<ConverseStreamOutput> {
        yield { messageStart: { role: "assistant" } } as ConverseStreamOutput;
        yield { contentBlockDelta: { contentBlockIndex: 0, delta: { text } } } as ConverseStreamOutput;
        yield { messageStop: { stopReason: "end_turn" } } as ConverseStreamOutput;
        yield { metadata: { usage: { inputTokens: 12, outputTokens: 7, totalTokens: 19 }, metrics: { latencyMs: 42 } } } as ConverseStreamOutput;
      })(),
      $metadata: {},
    });
    beforeAll(async () => {
      process.env.BEDROCK_MODE = "aws";
      resetBedrockGateways();
      await f.t.rows("delete from model_cooldowns");
    });
    afterEach(async () => {
      runtime.reset();
      await f.t.rows("delete from model_cooldowns");
    });
    afterAll(() => {
      runtime.reset();
      process.env.BEDROCK_MODE = "offline";
      resetBedrockGateways();
    });

    it.each([
      ["ThrottlingException", () => new ThrottlingException(meta("Too many requests, please wait before trying again."))],
      ["ServiceUnavailableException", () => new ServiceUnavailableException(meta("Service is unavailable."))],
    ])("%s leads to fallback", async (code, make) => {
      await switchModel({ actor: f.admin, input: { modelId: NOVA_LITE, useCase: "health" } });
      runtime.on(ConverseStreamCommand, { modelId: NOVA_LITE }).rejects(make());
      runtime.on(ConverseStreamCommand, { modelId: NOVA_MICRO }).resolves(okStream("hello from micro") as never);
      const r = await invoke({ actor: f.service, input: { useCase: "health", messages: hello } });
      expect(r).toMatchObject({ modelId: NOVA_MICRO, text: "hello from micro", inputTokens: 12, outputTokens: 7 });
      expect(await lastSwitch()).toMatchObject({ switch_type: "fallback", error_code: code, new_model_id: NOVA_MICRO });
    });

    it.each([
      ["AccessDeniedException", () => new AccessDeniedException(meta("You don't have access to the model with the specified model ID."))],
      ["ValidationException", () => new ValidationException(meta("The provided model identifier is invalid."))],
    ])("%s does not lead to fallback", async (code, make) => {
      await switchModel({ actor: f.admin, input: { modelId: NOVA_LITE, useCase: "health" } });
      const before = await lastSwitch();
      runtime.on(ConverseStreamCommand).rejects(make());
      const err = await invoke({ actor: f.service, input: { useCase: "health", messages: hello } }).catch((e) => e);
      expect(err.details).toMatchObject({ bedrockCode: code, modelId: NOVA_LITE });
      expect(runtime.commandCalls(ConverseStreamCommand)).toHaveLength(1);
      expect(await lastSwitch()).toEqual(before);
    });
  });
});
