// The gateway in aws mode: the official SDKs call Switchboard, whose aws gateway calls the Bedrock stand-in through the
// real AWS SDK (both drivers). What only a wire upstream shows: an error after the stream started reaches the caller as
// the stream's own error (OpenAI's error event, Bedrock's exception frame), an error before the first event still falls
// back, and tool calls cross the real Converse wire in both directions.
import { BedrockRuntimeClient, ConverseStreamCommand, ThrottlingException, type ConverseStreamOutput } from "@aws-sdk/client-bedrock-runtime";
import OpenAI from "openai";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { resetBedrockGateways } from "@/server/bedrock";
import { flushInvocations } from "@/server/invoke/record";
import { startBedrockStandIn, type BedrockStandIn } from "@/stand-ins/bedrock";
import { createServiceFixture, type ServiceFixture } from "../support/service-fixture";
import { drivers } from "../support/test-db";
import { NOVA_LITE, NOVA_MICRO } from "../support/models";
import { startGatewayServer, type GatewayServer } from "./support/gateway-server";

const SERVICE_KEY = process.env.SWITCHBOARD_SERVICE_KEY!;
const envGlobal = globalThis as { __switchboardEnv?: unknown };

describe.each(drivers)("gateway in aws mode against the Bedrock stand-in on %s", (kind) => {
  let f: ServiceFixture;
  let standIn: BedrockStandIn;
  let server: GatewayServer;
  let openai: OpenAI;
  let bedrock: BedrockRuntimeClient;
  const lastInvocation = async (modelId: string) => {
    await flushInvocations();
    return (await f.t.rows<Record<string, unknown>>("select * from invocations where model_id = $1 order by id desc limit 1", [modelId]))[0]!;
  };

  beforeAll(async () => {
    standIn = await startBedrockStandIn({ port: 0 });
    Object.assign(process.env, {
      BEDROCK_MODE: "aws",
      BEDROCK_RUNTIME_ENDPOINT: standIn.url,
      BEDROCK_CONTROL_ENDPOINT: standIn.url,
      AWS_ACCESS_KEY_ID: "AKIDSTANDINTEST",
      AWS_SECRET_ACCESS_KEY: "stand-in-secret",
    });
    envGlobal.__switchboardEnv = undefined;
    resetBedrockGateways();
    f = await createServiceFixture(kind, { max: 10 });
    server = await startGatewayServer();
    openai = new OpenAI({ apiKey: SERVICE_KEY, baseURL: `${server.url}/v1`, maxRetries: 0 });
    bedrock = new BedrockRuntimeClient({
      region: "eu-central-1",
      endpoint: `${server.url}/bedrock`,
      token: { token: SERVICE_KEY },
      authSchemePreference: ["httpBearerAuth"],
      maxAttempts: 1,
    });
  });
  afterAll(async () => {
    bedrock?.destroy();
    await server?.close();
    await f?.t.drop();
    await standIn?.close();
    resetBedrockGateways();
  });
  afterEach(async () => {
    standIn.setFault("*", null);
    standIn.setFault(NOVA_LITE, null);
    await f.t.rows("delete from model_cooldowns");
    await f.t.rows("update use_cases set current_model_id = $1 where name = 'health'", [NOVA_LITE]);
  });

  it("an upstream error after the first chunk ends the OpenAI stream with an error event; nothing falls back", async () => {
    standIn.setFault(NOVA_LITE, { kind: "midstream", exception: "throttlingException", afterChunks: 2 });
    const stream = await openai.chat.completions.create({
      model: "health",
      messages: [{ role: "user", content: "a long enough question to stream" }],
      stream: true,
    });
    let text = "";
    const err = await (async () => {
      for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? "";
    })().catch((e: unknown) => e);
    expect(text.length).toBeGreaterThan(0);
    expect(err).toBeInstanceOf(OpenAI.APIError);
    expect((err as InstanceType<typeof OpenAI.APIError>).message).toMatch(/ThrottlingException/);
    expect(standIn.calls.filter((c) => c.modelId === NOVA_MICRO)).toHaveLength(0);
    expect(await lastInvocation(NOVA_LITE)).toMatchObject({ outcome: "throttled", error_code: "ThrottlingException", source: "openai" });
  });

  it("an upstream error after the first chunk ends the Bedrock stream with an exception frame the SDK raises", async () => {
    standIn.setFault(NOVA_LITE, { kind: "midstream", exception: "throttlingException", afterChunks: 2 });
    const out = await bedrock.send(
      new ConverseStreamCommand({ modelId: "health", messages: [{ role: "user", content: [{ text: "a long enough question to stream" }] }] }),
    );
    const seen: ConverseStreamOutput[] = [];
    const err = await (async () => {
      for await (const e of out.stream ?? []) seen.push(e);
    })().catch((e: unknown) => e);
    expect(seen[0]?.messageStart).toEqual({ role: "assistant" });
    expect(seen.filter((e) => e.contentBlockDelta).length).toBe(2);
    expect(err).toBeInstanceOf(ThrottlingException);
  });

  it.each([false, true])("an upstream error before the first chunk falls back (OpenAI stream %s)", async (stream) => {
    standIn.setFault(NOVA_LITE, { kind: "midstream", exception: "serviceUnavailableException", afterChunks: 0 });
    const body = { model: "health", messages: [{ role: "user" as const, content: "hello" }] };
    const { response } = stream
      ? await openai.chat.completions.create({ ...body, stream: true }).withResponse()
      : await openai.chat.completions.create(body).withResponse();
    expect(response.headers.get("x-switchboard-model-id")).toBe(NOVA_MICRO);
    expect(response.headers.get("x-switchboard-fallback")).toBe(`${NOVA_LITE}=ServiceUnavailableException`);
  });

  it("a 429 from Bedrock falls back; tool calls cross the Converse wire both ways", async () => {
    standIn.setFault(NOVA_LITE, { kind: "throttle", retryAfterSeconds: 2 });
    const fell = await openai.chat.completions.create({ model: "health", messages: [{ role: "user", content: "hi" }] });
    expect(fell.model).toBe(NOVA_MICRO);
    standIn.setFault(NOVA_LITE, null);

    const tools = [{ type: "function" as const, function: { name: "get_weather", parameters: { type: "object", properties: { city: { type: "string" } } } } }];
    const ask: OpenAI.ChatCompletionMessageParam[] = [{ role: "user", content: 'please call get_weather {"city":"Paris"}' }];
    const first = await openai.chat.completions.create({ model: "operations", messages: ask, tools });
    const call = first.choices[0]!.message.tool_calls![0]!;
    if (call.type !== "function") throw new Error("function call expected");
    expect(JSON.parse(call.function.arguments)).toEqual({ city: "Paris" });
    const second = await openai.chat.completions.create({
      model: "operations",
      tools,
      messages: [...ask, first.choices[0]!.message, { role: "tool", tool_call_id: call.id, content: "sunny" }],
    });
    expect(second.choices[0]!.message.content).toContain("sunny");
    // What reached Bedrock: the tool spec, then the toolUse and toolResult blocks.
    const sent = standIn.calls.filter((c) => c.operation === "ConverseStream").at(-1)!.request as { messages: unknown[]; toolConfig: unknown };
    expect(sent.toolConfig).toEqual({ tools: [{ toolSpec: { name: "get_weather", inputSchema: { json: tools[0]!.function.parameters } } }] });
    expect(sent.messages).toEqual([
      { role: "user", content: [{ text: 'please call get_weather {"city":"Paris"}' }] },
      { role: "assistant", content: [{ toolUse: { toolUseId: call.id, name: "get_weather", input: { city: "Paris" } } }] },
      { role: "user", content: [{ toolResult: { toolUseId: call.id, content: [{ text: "sunny" }] } }] },
    ]);
  });
});
