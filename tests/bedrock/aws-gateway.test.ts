// The aws gateway against mocked SDK clients: errors become BedrockCallErrors with the right fallback decision,
// successes are normalized, pagination is followed, ResourceNotFound reads as null.
import {
  BedrockClient,
  GetFoundationModelAvailabilityCommand,
  GetFoundationModelCommand,
  GetInferenceProfileCommand,
  ListFoundationModelsCommand,
  ListInferenceProfilesCommand,
  ResourceNotFoundException as CpResourceNotFoundException,
  ThrottlingException as CpThrottlingException,
} from "@aws-sdk/client-bedrock";
import {
  AccessDeniedException,
  BedrockRuntimeClient,
  ConverseCommand,
  ConverseStreamCommand,
  ModelTimeoutException,
  ServiceUnavailableException,
  ThrottlingException,
  ValidationException,
  type ConverseStreamOutput,
} from "@aws-sdk/client-bedrock-runtime";
import { mockClient } from "aws-sdk-client-mock";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { AwsBedrockGateway } from "@/server/bedrock/aws-gateway";
import { caught, collect } from "./support/gateway-helpers";

const runtimeMock = mockClient(BedrockRuntimeClient);
const controlMock = mockClient(BedrockClient);

const PROFILE = "eu.amazon.nova-lite-v1:0";
const gateway = () => new AwsBedrockGateway({ region: "eu-central-1" });
const input = { modelId: PROFILE, messages: [{ role: "user" as const, text: "Hello" }] };
const meta = (message: string) => ({ message, $metadata: {} });

async function* events(list: ConverseStreamOutput[]): AsyncIterable<ConverseStreamOutput> {
  for (const e of list) yield e;
}

beforeEach(() => {
  runtimeMock.reset();
  controlMock.reset();
});
afterEach(() => {
  runtimeMock.reset();
  controlMock.reset();
});
// Files share a process: put the real send() back for the files after this one.
afterAll(() => {
  runtimeMock.restore();
  controlMock.restore();
});

describe("client configuration", () => {
  it("makes one runtime attempt so a throttle reaches the fallback decision at once", async () => {
    const gw = gateway() as unknown as { runtime: BedrockRuntimeClient };
    expect(await gw.runtime.config.maxAttempts()).toBe(1);
  });

  it("caps runtime attempts at two", async () => {
    const gw = new AwsBedrockGateway({ region: "eu-central-1", runtimeMaxAttempts: 5 }) as unknown as { runtime: BedrockRuntimeClient };
    expect(await gw.runtime.config.maxAttempts()).toBe(2);
  });

  it("uses the region it is given", async () => {
    const gw = new AwsBedrockGateway({ region: "eu-west-1" }) as unknown as { runtime: BedrockRuntimeClient; control: BedrockClient };
    expect(await gw.runtime.config.region()).toBe("eu-west-1");
    expect(await gw.control.config.region()).toBe("eu-west-1");
  });
});

describe("converse errors", () => {
  it.each([
    {
      exception: () => new ThrottlingException(meta("Too many requests")),
      code: "ThrottlingException",
      httpStatus: 429,
      retryable: true,
      outcome: "throttled",
    },
    {
      exception: () => new ServiceUnavailableException(meta("Unavailable")),
      code: "ServiceUnavailableException",
      httpStatus: 503,
      retryable: true,
      outcome: "server_error",
    },
    { exception: () => new ModelTimeoutException(meta("Timed out")), code: "ModelTimeoutException", httpStatus: 408, retryable: true, outcome: "timeout" },
    {
      exception: () => new AccessDeniedException(meta("No access")),
      code: "AccessDeniedException",
      httpStatus: 403,
      retryable: false,
      outcome: "access_denied",
    },
    { exception: () => new ValidationException(meta("Bad id")), code: "ValidationException", httpStatus: 400, retryable: false, outcome: "validation_error" },
  ])("$code → BedrockCallError, retryable $retryable", async ({ exception, code, httpStatus, retryable, outcome }) => {
    runtimeMock.on(ConverseCommand).rejects(exception());
    const err = await caught(gateway().converse(input));
    expect(err).toMatchObject({ code, httpStatus, retryable, outcome, modelId: PROFILE });
  });

  it("turns a Node socket timeout into a retryable timeout", async () => {
    runtimeMock.on(ConverseCommand).rejects(Object.assign(new Error("read ETIMEDOUT"), { code: "ETIMEDOUT" }));
    expect(await caught(gateway().converse(input))).toMatchObject({ code: "ETIMEDOUT", retryable: true, outcome: "timeout" });
  });
});

describe("converse success", () => {
  it("maps text, usage, latency and stop reason, and sends system and inference config", async () => {
    runtimeMock.on(ConverseCommand).resolves({
      output: { message: { role: "assistant", content: [{ text: "Hi " }, { text: "there" }] } },
      stopReason: "end_turn",
      usage: { inputTokens: 12, outputTokens: 34, totalTokens: 46 },
      metrics: { latencyMs: 321 },
    });
    const result = await gateway().converse({ ...input, system: "Be brief", maxTokens: 100, temperature: 0.2 });
    expect(result).toEqual({
      text: "Hi there",
      content: [{ text: "Hi " }, { text: "there" }],
      inputTokens: 12,
      outputTokens: 34,
      latencyMs: 321,
      stopReason: "end_turn",
    });

    const sent = runtimeMock.commandCalls(ConverseCommand)[0]?.args[0].input;
    expect(sent).toEqual({
      modelId: PROFILE,
      messages: [{ role: "user", content: [{ text: "Hello" }] }],
      system: [{ text: "Be brief" }],
      inferenceConfig: { maxTokens: 100, temperature: 0.2 },
    });
  });
});

describe("converseStream", () => {
  it("yields text deltas, then done with usage and latency", async () => {
    runtimeMock.on(ConverseStreamCommand).resolves({
      stream: events([
        { messageStart: { role: "assistant" } },
        { contentBlockDelta: { contentBlockIndex: 0, delta: { text: "Hel" } } },
        { contentBlockDelta: { contentBlockIndex: 0, delta: { text: "lo" } } },
        { contentBlockStop: { contentBlockIndex: 0 } },
        { messageStop: { stopReason: "max_tokens" } },
        { metadata: { usage: { inputTokens: 5, outputTokens: 2, totalTokens: 7 }, metrics: { latencyMs: 80 } } },
      ]),
    });
    expect(await collect(gateway().converseStream(input))).toEqual([
      { type: "text", index: 0, text: "Hel" },
      { type: "text", index: 0, text: "lo" },
      { type: "blockStop", index: 0 },
      { type: "done", inputTokens: 5, outputTokens: 2, latencyMs: 80, stopReason: "max_tokens" },
    ]);
  });

  it("passes tools, tool results and images through, and yields a toolUse's start, input pieces and stop", async () => {
    runtimeMock.on(ConverseStreamCommand).resolves({
      stream: events([
        { messageStart: { role: "assistant" } },
        { contentBlockStart: { contentBlockIndex: 0, start: { toolUse: { toolUseId: "t1", name: "lookup" } } } },
        { contentBlockDelta: { contentBlockIndex: 0, delta: { toolUse: { input: '{"q":' } } } },
        { contentBlockDelta: { contentBlockIndex: 0, delta: { toolUse: { input: '"x"}' } } } },
        { contentBlockStop: { contentBlockIndex: 0 } },
        { messageStop: { stopReason: "tool_use" } },
        { metadata: { usage: { inputTokens: 9, outputTokens: 4, totalTokens: 13 }, metrics: { latencyMs: 20 } } },
      ]),
    });
    const toolConfig = { tools: [{ toolSpec: { name: "lookup", inputSchema: { json: { type: "object" } } } }], toolChoice: { any: {} } };
    const messages = [
      { role: "user" as const, content: [{ text: "look" }, { image: { format: "png" as const, source: { bytes: new Uint8Array([1, 2]) } } }] },
      { role: "assistant" as const, content: [{ toolUse: { toolUseId: "t0", name: "lookup", input: { q: "a" } } }] },
      { role: "user" as const, content: [{ toolResult: { toolUseId: "t0", content: [{ json: { hit: 1 } }] } }] },
    ];
    const got = await collect(gateway().converseStream({ modelId: PROFILE, messages, toolConfig, inferenceConfig: { topP: 0.5, stopSequences: ["END"] } }));
    expect(got).toEqual([
      { type: "toolUseStart", index: 0, toolUseId: "t1", name: "lookup" },
      { type: "toolUseDelta", index: 0, input: '{"q":' },
      { type: "toolUseDelta", index: 0, input: '"x"}' },
      { type: "blockStop", index: 0 },
      { type: "done", inputTokens: 9, outputTokens: 4, latencyMs: 20, stopReason: "tool_use" },
    ]);
    expect(runtimeMock.commandCalls(ConverseStreamCommand)[0]?.args[0].input).toEqual({
      modelId: PROFILE,
      messages,
      toolConfig,
      inferenceConfig: { topP: 0.5, stopSequences: ["END"] },
    });
  });

  it("throws a retryable error when the stream carries a throttling event", async () => {
    runtimeMock.on(ConverseStreamCommand).resolves({
      stream: events([
        { contentBlockDelta: { contentBlockIndex: 0, delta: { text: "Hel" } } },
        { throttlingException: new ThrottlingException(meta("Too many requests")) },
      ]),
    });
    const err = await caught(collect(gateway().converseStream(input)));
    expect(err).toMatchObject({ code: "ThrottlingException", httpStatus: 429, retryable: true });
  });

  it("throws a BedrockCallError when the call itself is throttled", async () => {
    runtimeMock.on(ConverseStreamCommand).rejects(new ThrottlingException(meta("Too many requests")));
    expect(await caught(collect(gateway().converseStream(input)))).toMatchObject({ code: "ThrottlingException", retryable: true });
  });
});

describe("control plane", () => {
  it("normalizes foundation models, keeping undeclared inference types and lifecycle dates", async () => {
    controlMock.on(ListFoundationModelsCommand).resolves({
      modelSummaries: [
        {
          modelArn: "arn:aws:bedrock:eu-central-1::foundation-model/anthropic.claude-sonnet-4-5-20250929-v1:0",
          modelId: "anthropic.claude-sonnet-4-5-20250929-v1:0",
          modelName: "Claude Sonnet 4.5",
          providerName: "Anthropic",
          inputModalities: ["TEXT", "IMAGE"],
          outputModalities: ["TEXT"],
          responseStreamingSupported: true,
          // Real responses carry this value although the API model does not declare it.
          inferenceTypesSupported: ["INFERENCE_PROFILE"] as unknown as ["ON_DEMAND"],
          modelLifecycle: { status: "LEGACY", legacyTime: new Date("2026-04-15T00:00:00Z"), endOfLifeTime: new Date("2026-10-15T00:00:00Z") },
        },
      ],
    });
    const models = await gateway().listFoundationModels({ provider: "Anthropic" });
    expect(models).toEqual([
      {
        modelId: "anthropic.claude-sonnet-4-5-20250929-v1:0",
        modelArn: "arn:aws:bedrock:eu-central-1::foundation-model/anthropic.claude-sonnet-4-5-20250929-v1:0",
        name: "Claude Sonnet 4.5",
        provider: "Anthropic",
        inputModalities: ["TEXT", "IMAGE"],
        outputModalities: ["TEXT"],
        streamingSupported: true,
        inferenceTypes: ["INFERENCE_PROFILE"],
        lifecycleStatus: "legacy",
        legacyDate: "2026-04-15",
        endOfLifeDate: "2026-10-15",
      },
    ]);
    expect(controlMock.commandCalls(ListFoundationModelsCommand)[0]?.args[0].input).toEqual({ byProvider: "Anthropic" });
  });

  it("GetFoundationModel: ResourceNotFound → null, other errors throw", async () => {
    controlMock.on(GetFoundationModelCommand).rejects(new CpResourceNotFoundException(meta("not found")));
    expect(await gateway().getFoundationModel("nope.model-v1:0")).toBeNull();

    controlMock.reset();
    controlMock.on(GetFoundationModelCommand).rejects(new CpThrottlingException(meta("slow down")));
    expect(await caught(gateway().getFoundationModel("amazon.nova-lite-v1:0"))).toMatchObject({ code: "ThrottlingException" });
  });

  it("follows nextToken across pages and derives destination regions", async () => {
    const profile = (id: string, regions: string[], global = false) => ({
      inferenceProfileId: id,
      inferenceProfileName: id,
      inferenceProfileArn: `arn:aws:bedrock:eu-central-1:123456789012:inference-profile/${id}`,
      status: "ACTIVE" as const,
      type: "SYSTEM_DEFINED" as const,
      models: [
        ...regions.map((r) => ({ modelArn: `arn:aws:bedrock:${r}::foundation-model/${id.split(".").slice(1).join(".")}` })),
        ...(global ? [{ modelArn: `arn:aws:bedrock:::foundation-model/${id.split(".").slice(1).join(".")}` }] : []),
      ],
    });
    controlMock
      .on(ListInferenceProfilesCommand)
      .resolvesOnce({ inferenceProfileSummaries: [profile("eu.amazon.nova-lite-v1:0", ["eu-west-1", "eu-central-1"])], nextToken: "page-2" })
      .resolvesOnce({ inferenceProfileSummaries: [profile("global.anthropic.claude-sonnet-4-5-20250929-v1:0", ["eu-central-1", "us-east-1"], true)] });

    const profiles = await gateway().listInferenceProfiles();
    expect(profiles.map((p) => p.profileId)).toEqual(["eu.amazon.nova-lite-v1:0", "global.anthropic.claude-sonnet-4-5-20250929-v1:0"]);
    expect(profiles[0]).toMatchObject({ destinationRegions: ["eu-central-1", "eu-west-1"], includesGlobal: false, type: "SYSTEM_DEFINED", status: "ACTIVE" });
    expect(profiles[1]).toMatchObject({ destinationRegions: ["eu-central-1", "us-east-1"], includesGlobal: true });
    expect(profiles[1]?.modelArns).toContain("arn:aws:bedrock:::foundation-model/anthropic.claude-sonnet-4-5-20250929-v1:0");

    const calls = controlMock.commandCalls(ListInferenceProfilesCommand);
    expect(calls).toHaveLength(2);
    expect(calls[0]?.args[0].input.nextToken).toBeUndefined();
    expect(calls[1]?.args[0].input.nextToken).toBe("page-2");
  });

  it("GetInferenceProfile: maps the profile, ResourceNotFound → null", async () => {
    controlMock.on(GetInferenceProfileCommand, { inferenceProfileIdentifier: "eu.amazon.nova-lite-v1:0" }).resolves({
      inferenceProfileId: "eu.amazon.nova-lite-v1:0",
      inferenceProfileName: "EU Nova Lite",
      description: "Routes requests to Nova Lite in eu-central-1 and eu-west-1.",
      inferenceProfileArn: "arn:aws:bedrock:eu-central-1:123456789012:inference-profile/eu.amazon.nova-lite-v1:0",
      status: "ACTIVE",
      type: "SYSTEM_DEFINED",
      models: [
        { modelArn: "arn:aws:bedrock:eu-central-1::foundation-model/amazon.nova-lite-v1:0" },
        { modelArn: "arn:aws:bedrock:eu-west-1::foundation-model/amazon.nova-lite-v1:0" },
      ],
    });
    controlMock.on(GetInferenceProfileCommand, { inferenceProfileIdentifier: "eu.nope.model" }).rejects(new CpResourceNotFoundException(meta("no")));

    expect(await gateway().getInferenceProfile("eu.amazon.nova-lite-v1:0")).toMatchObject({
      profileId: "eu.amazon.nova-lite-v1:0",
      name: "EU Nova Lite",
      description: "Routes requests to Nova Lite in eu-central-1 and eu-west-1.",
      destinationRegions: ["eu-central-1", "eu-west-1"],
      includesGlobal: false,
    });
    expect(await gateway().getInferenceProfile("eu.nope.model")).toBeNull();
  });

  it("asks availability for the model behind a profile id and maps the statuses", async () => {
    controlMock.on(GetFoundationModelAvailabilityCommand).resolves({
      modelId: "anthropic.claude-sonnet-4-5-20250929-v1:0",
      agreementAvailability: { status: "NOT_AVAILABLE" },
      authorizationStatus: "AUTHORIZED",
      entitlementAvailability: "AVAILABLE",
      regionAvailability: "AVAILABLE",
    });
    expect(await gateway().getModelAvailability("eu.anthropic.claude-sonnet-4-5-20250929-v1:0")).toEqual({
      authorized: true,
      agreement: "NOT_AVAILABLE",
      entitlement: true,
      regionAvailable: true,
    });
    expect(controlMock.commandCalls(GetFoundationModelAvailabilityCommand)[0]?.args[0].input).toEqual({
      modelId: "anthropic.claude-sonnet-4-5-20250929-v1:0",
    });
  });
});
