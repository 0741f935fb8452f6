// The offline gateway: honest simulated replies, catalog-backed listings, and fault injection that throws exactly
// what the aws gateway throws for the real exception.
import * as rt from "@aws-sdk/client-bedrock-runtime";
import { afterEach, describe, expect, it } from "vitest";
import { toBedrockCallError, type BedrockCallError } from "@/server/bedrock/gateway";
import { OfflineBedrockGateway } from "@/server/bedrock/offline-gateway";
import { clearFaults, faultError, injectFault, listFaults, type FaultKind } from "@/server/bedrock/fault-injection";
import { CATALOG, MINIMAX_IN_REGION, NOVA_LITE_EU, SONNET_45_EU, SONNET_45_GLOBAL } from "./support/catalog-fixture";
import { caught, collect } from "./support/gateway-helpers";

const gateway = (latencyScale = 0) =>
  new OfflineBedrockGateway({
    loadCatalog: async () => CATALOG,
    region: "eu-central-1",
    latencyScale,
    now: () => new Date("2026-11-24T12:00:00Z"),
  });

const ask = (modelId: string, text = "How do I reset my password?") => ({ modelId, messages: [{ role: "user" as const, text }] });

afterEach(() => clearFaults());

describe("converse", () => {
  it("says it is a simulation, names the model and quotes the user", async () => {
    const result = await gateway().converse(ask(NOVA_LITE_EU.modelId));
    expect(result.text).toContain("[Offline simulation]");
    expect(result.text).toContain("simulated");
    expect(result.text).toContain("Nova Lite (EU)");
    expect(result.text).toContain("eu.amazon.nova-lite-v1:0");
    expect(result.text).toContain("no AWS call was made");
    expect(result.text).toContain("How do I reset my password?");
    expect(result.stopReason).toBe("end_turn");
  });

  it("counts tokens at about four characters each", async () => {
    const message = "x".repeat(400);
    const result = await gateway().converse({ ...ask(MINIMAX_IN_REGION.modelId, message), system: "y".repeat(40) });
    expect(result.inputTokens).toBe(110);
    expect(result.outputTokens).toBe(Math.ceil(result.text.length / 4));
  });

  it("stops at maxTokens with stop reason max_tokens", async () => {
    const result = await gateway().converse({ ...ask(NOVA_LITE_EU.modelId), maxTokens: 5 });
    expect(result.outputTokens).toBe(5);
    expect(result.stopReason).toBe("max_tokens");
    expect(result.text.length).toBeLessThanOrEqual(20);
  });

  it("takes simulated time scaled by tier, and none with latencyScale 0", async () => {
    const slow = await gateway(1).converse(ask(SONNET_45_EU.modelId));
    expect(slow.latencyMs).toBeGreaterThanOrEqual(100);
    expect(slow.latencyMs).toBeLessThan(1_000);
    const fast = await gateway(0).converse(ask(SONNET_45_EU.modelId));
    expect(fast.latencyMs).toBeLessThan(50);
  });

  it.each([
    { label: "an unknown id", modelId: "acme.unknown-v1:0", message: /model identifier is invalid/ },
    { label: "a bare Claude id that only a profile serves", modelId: "anthropic.claude-sonnet-4-5-20250929-v1:0", message: /inference profile/ },
    { label: "an embedding model", modelId: "amazon.titan-embed-text-v2:0", message: /doesn't support the model/ },
  ])("rejects $label with a ValidationException (no fallback)", async ({ modelId, message }) => {
    const err = await caught(gateway().converse(ask(modelId)));
    expect(err).toMatchObject({ code: "ValidationException", httpStatus: 400, retryable: false, outcome: "validation_error" });
    expect(err.message).toMatch(message);
  });

  it("rejects a conversation that does not start with a user message", async () => {
    const err = await caught(gateway().converse({ modelId: NOVA_LITE_EU.modelId, messages: [] }));
    expect(err).toMatchObject({ code: "ValidationException", retryable: false });
  });

  it("rejects a model past its end of life as AWS does", async () => {
    const err = await caught(gateway().converse(ask("eu.meta.llama3-2-1b-instruct-v1:0")));
    expect(err).toMatchObject({ code: "ResourceNotFoundException", httpStatus: 404, retryable: false });
  });
});

describe("converseStream", () => {
  it("yields the reply in several text chunks, then done", async () => {
    const events = await collect(gateway().converseStream(ask(SONNET_45_GLOBAL.modelId)));
    const texts = events.filter((e) => e.type === "text");
    expect(texts.length).toBeGreaterThanOrEqual(3);
    expect(events.at(-1)).toMatchObject({ type: "done", stopReason: "end_turn" });
    // Text deltas of block 0, its stop, then done.
    expect(events.slice(0, -2).every((e) => e.type === "text" && e.index === 0)).toBe(true);
    expect(events.at(-2)).toEqual({ type: "blockStop", index: 0 });
    const joined = texts.map((e) => (e.type === "text" ? e.text : "")).join("");
    expect(joined).toContain("[Offline simulation]");
    expect(joined).toContain("global.anthropic.claude-sonnet-4-5-20250929-v1:0");
    const done = events.at(-1);
    if (done?.type === "done") expect(done.outputTokens).toBe(Math.ceil(joined.length / 4));
  });

  it("fails before the first chunk when a fault is injected", async () => {
    injectFault(SONNET_45_GLOBAL.modelId, { kind: "5xx", remaining: 1 });
    const err = await caught(collect(gateway().converseStream(ask(SONNET_45_GLOBAL.modelId))));
    expect(err).toMatchObject({ code: "ServiceUnavailableException", retryable: true });
  });
});

describe("fault injection", () => {
  it("an injected throttle fails N times, then the model answers again", async () => {
    const gw = gateway();
    gw.injectFault(NOVA_LITE_EU.modelId, { kind: "throttle", remaining: 2 });
    for (let i = 0; i < 2; i++) {
      expect(await caught(gw.converse(ask(NOVA_LITE_EU.modelId)))).toMatchObject({ code: "ThrottlingException", httpStatus: 429, retryable: true });
    }
    expect((await gw.converse(ask(NOVA_LITE_EU.modelId))).text).toContain("[Offline simulation]");
    expect(gw.listFaults()).toEqual([]);
  });

  it("a fault without remaining lasts until cleared, and only hits its own model", async () => {
    const gw = gateway();
    gw.injectFault(NOVA_LITE_EU.modelId, { kind: "timeout" });
    for (let i = 0; i < 3; i++) await caught(gw.converse(ask(NOVA_LITE_EU.modelId)));
    await expect(gw.converse(ask(MINIMAX_IN_REGION.modelId))).resolves.toBeTruthy();
    expect(gw.listFaults()).toMatchObject([{ modelId: NOVA_LITE_EU.modelId, kind: "timeout", remaining: null }]);
    gw.clearFaults(NOVA_LITE_EU.modelId);
    await expect(gw.converse(ask(NOVA_LITE_EU.modelId))).resolves.toBeTruthy();
  });

  it("is one registry per process, shared by every gateway instance", async () => {
    injectFault(MINIMAX_IN_REGION.modelId, { kind: "access-denied" });
    expect(gateway().listFaults()).toHaveLength(1);
    expect(await caught(gateway().converse(ask(MINIMAX_IN_REGION.modelId)))).toMatchObject({ code: "AccessDeniedException", retryable: false });
    expect((await gateway().getModelAvailability(MINIMAX_IN_REGION.modelId)).authorized).toBe(false);
    clearFaults();
    expect(listFaults()).toEqual([]);
  });

  it("rejects a bad remaining count", () => {
    expect(() => injectFault("x", { kind: "throttle", remaining: 0 })).toThrow(/positive integer/);
  });

  // The fallback path must not be able to tell an injected fault from the real exception.
  it.each<{ kind: FaultKind; real: () => Error }>([
    { kind: "throttle", real: () => new rt.ThrottlingException({ message: "m", $metadata: { httpStatusCode: 429 } }) },
    { kind: "timeout", real: () => new rt.ModelTimeoutException({ message: "m", $metadata: { httpStatusCode: 408 } }) },
    { kind: "5xx", real: () => new rt.ServiceUnavailableException({ message: "m", $metadata: { httpStatusCode: 503 } }) },
    { kind: "access-denied", real: () => new rt.AccessDeniedException({ message: "m", $metadata: { httpStatusCode: 403 } }) },
    { kind: "validation", real: () => new rt.ValidationException({ message: "m", $metadata: { httpStatusCode: 400 } }) },
  ])("an injected $kind equals the aws translation of the real exception", ({ kind, real }) => {
    const injected = faultError(kind, "m1");
    const fromAws = toBedrockCallError(real(), "m1");
    const shape = (e: BedrockCallError) => ({ code: e.code, httpStatus: e.httpStatus, retryable: e.retryable, outcome: e.outcome, name: e.name });
    expect(shape(injected)).toEqual(shape(fromAws));
  });
});

describe("catalog answers", () => {
  it("lists one foundation model per base model, bare Claude as INFERENCE_PROFILE only", async () => {
    const models = await gateway().listFoundationModels();
    const byId = new Map(models.map((m) => [m.modelId, m]));
    expect(byId.get("anthropic.claude-sonnet-4-5-20250929-v1:0")).toMatchObject({
      name: "Claude Sonnet 4.5",
      provider: "Anthropic",
      inferenceTypes: ["INFERENCE_PROFILE"],
      modelArn: "arn:aws:bedrock:eu-central-1::foundation-model/anthropic.claude-sonnet-4-5-20250929-v1:0",
    });
    expect(byId.get("minimax.minimax-m2.5")?.inferenceTypes).toEqual(["ON_DEMAND"]);
    expect(byId.has("eu.amazon.nova-lite-v1:0")).toBe(false);
    expect(byId.get("meta.llama3-2-1b-instruct-v1:0")).toMatchObject({ lifecycleStatus: "legacy", endOfLifeDate: "2026-07-07" });
  });

  it("filters by provider, case-insensitively", async () => {
    const models = await gateway().listFoundationModels({ provider: "anthropic" });
    expect(models.map((m) => m.modelId)).toEqual(["anthropic.claude-sonnet-4-5-20250929-v1:0"]);
  });

  it("getFoundationModel answers a bare Claude id with INFERENCE_PROFILE, and null for unknown ids", async () => {
    expect((await gateway().getFoundationModel("anthropic.claude-sonnet-4-5-20250929-v1:0"))?.inferenceTypes).toEqual(["INFERENCE_PROFILE"]);
    expect(await gateway().getFoundationModel("acme.nothing-v1:0")).toBeNull();
  });

  it("lists eu. and global. entries as profiles with their destinations", async () => {
    const profiles = await gateway().listInferenceProfiles();
    expect(profiles.map((p) => p.profileId)).toEqual([
      "eu.amazon.nova-lite-v1:0",
      "eu.anthropic.claude-sonnet-4-5-20250929-v1:0",
      "eu.meta.llama3-2-1b-instruct-v1:0",
      "global.anthropic.claude-sonnet-4-5-20250929-v1:0",
    ]);
    const global = await gateway().getInferenceProfile("global.anthropic.claude-sonnet-4-5-20250929-v1:0");
    expect(global).toMatchObject({ includesGlobal: true, destinationRegions: ["eu-central-1", "us-east-1", "us-west-2"], type: "SYSTEM_DEFINED" });
    expect(global?.modelArns).toContain("arn:aws:bedrock:::foundation-model/anthropic.claude-sonnet-4-5-20250929-v1:0");
    expect(await gateway().getInferenceProfile("eu.acme.none")).toBeNull();
  });

  it("reports availability from the catalog", async () => {
    expect(await gateway().getModelAvailability(SONNET_45_EU.modelId)).toEqual({
      authorized: true,
      agreement: "AVAILABLE",
      entitlement: true,
      regionAvailable: true,
    });
    expect(await gateway().getModelAvailability("acme.none-v1:0")).toMatchObject({ authorized: false, regionAvailable: false });
  });
});
