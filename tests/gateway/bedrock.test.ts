// The Bedrock-native gateway through the AWS SDK's own BedrockRuntimeClient over real HTTP (bearer auth), on a
// real database (both drivers): Converse, ConverseStream in event-stream framing, tool use, fallback, and errors the
// SDK raises as its own exception classes.
import {
  AccessDeniedException,
  BedrockRuntimeClient,
  ConverseCommand,
  ConverseStreamCommand,
  ServiceUnavailableException,
  ThrottlingException,
  ValidationException,
  type ConverseStreamOutput,
  type Message,
} from "@aws-sdk/client-bedrock-runtime";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { injectFault } from "@/server/bedrock/fault-injection";
import type { ServiceFixture } from "../support/service-fixture";
import { drivers } from "../support/test-db";
import { HAIKU, NOVA_LITE, NOVA_MICRO, NOVA_PRO } from "../support/models";
import type { GatewayServer } from "./support/gateway-server";
import { records, resetFaults, startOfflineGateway } from "./support/offline-gateway";

const SERVICE_KEY = process.env.SWITCHBOARD_SERVICE_KEY!;
const hello: Message[] = [{ role: "user", content: [{ text: "How much water a day?" }] }];
const weatherTool = {
  tools: [
    {
      toolSpec: { name: "get_weather", description: "Weather in a city", inputSchema: { json: { type: "object", properties: { city: { type: "string" } } } } },
    },
  ],
};

async function collect(stream: AsyncIterable<ConverseStreamOutput> | undefined): Promise<ConverseStreamOutput[]> {
  const out: ConverseStreamOutput[] = [];
  for await (const e of stream ?? []) out.push(e);
  return out;
}

describe.each(drivers)("Bedrock-native gateway on %s", (kind) => {
  let f: ServiceFixture;
  let server: GatewayServer;
  let client: BedrockRuntimeClient;
  const bearerClient = (token: string) =>
    new BedrockRuntimeClient({
      region: "eu-central-1",
      endpoint: `${server.url}/bedrock`,
      token: { token },
      authSchemePreference: ["httpBearerAuth"],
      maxAttempts: 1,
    });
  let close: () => Promise<void>;
  const { written, lastInvocation } = records(() => f);

  beforeAll(async () => {
    ({ f, server, close } = await startOfflineGateway(kind));
    client = bearerClient(SERVICE_KEY);
  });
  afterAll(async () => {
    client?.destroy();
    await close?.();
  });
  afterEach(async () => {
    await resetFaults(f);
    await f.t.rows("update use_cases set current_model_id = $1 where name = 'health'", [NOVA_LITE]);
  });

  it("Converse on a use case: Bedrock's response shape, the serving model in headers, recorded as bedrock", async () => {
    const out = await client.send(
      new ConverseCommand({ modelId: "health", messages: hello, system: [{ text: "Be brief." }], inferenceConfig: { maxTokens: 400, temperature: 0.2 } }),
    );
    expect(out.$metadata.httpStatusCode).toBe(200);
    expect(out.output?.message?.role).toBe("assistant");
    const text = out.output?.message?.content?.map((b) => b.text ?? "").join("");
    expect(text).toContain("How much water a day?");
    expect(text).toContain(NOVA_LITE);
    expect(out.stopReason).toBe("end_turn");
    expect(out.usage!.totalTokens).toBe(out.usage!.inputTokens! + out.usage!.outputTokens!);
    expect(out.metrics?.latencyMs).toBeGreaterThanOrEqual(0);
    expect(await lastInvocation()).toMatchObject({
      model_id: NOVA_LITE,
      use_case: "health",
      source: "bedrock",
      outcome: "success",
      input_tokens: out.usage!.inputTokens,
    });

    const raw = await fetch(`${server.url}/bedrock/model/health/converse`, {
      method: "POST",
      headers: { authorization: `Bearer ${SERVICE_KEY}`, "content-type": "application/json" },
      body: JSON.stringify({ messages: [{ role: "user", content: [{ text: "hi" }] }] }),
    });
    expect(raw.headers.get("x-switchboard-model-id")).toBe(NOVA_LITE);
    expect(raw.headers.get("x-switchboard-use-case")).toBe("health");
  });

  it("Converse on a catalog id with a ':' (URL-encoded by the SDK) serves that model", async () => {
    const out = await client.send(new ConverseCommand({ modelId: HAIKU, messages: hello }));
    expect(out.output?.message?.content?.[0]?.text).toContain(HAIKU);
    expect(await lastInvocation()).toMatchObject({ model_id: HAIKU, use_case: "general", source: "bedrock" });
  });

  it("ConverseStream: messageStart, text deltas, contentBlockStop, messageStop, metadata with usage and metrics", async () => {
    const out = await client.send(new ConverseStreamCommand({ modelId: "health", messages: hello }));
    const events = await collect(out.stream);
    expect(events[0]?.messageStart).toEqual({ role: "assistant" });
    const deltas = events.filter((e) => e.contentBlockDelta);
    expect(deltas.length).toBeGreaterThan(2);
    expect(deltas.every((e) => e.contentBlockDelta!.contentBlockIndex === 0)).toBe(true);
    expect(deltas.map((e) => e.contentBlockDelta!.delta!.text).join("")).toContain("How much water a day?");
    expect(events.at(-3)?.contentBlockStop).toEqual({ contentBlockIndex: 0 });
    expect(events.at(-2)?.messageStop).toEqual({ stopReason: "end_turn" });
    const meta = events.at(-1)?.metadata;
    expect(meta?.usage?.outputTokens).toBeGreaterThan(0);
    expect(meta?.metrics?.latencyMs).toBeGreaterThanOrEqual(0);
    expect(await lastInvocation()).toMatchObject({ source: "bedrock", output_tokens: meta?.usage?.outputTokens });
  });

  it("tool use: toolUse answered, the result taken back; streamed as contentBlockStart, input deltas, stop", async () => {
    const ask: Message[] = [{ role: "user", content: [{ text: "Use get_weather for Paris" }] }];
    const first = await client.send(new ConverseCommand({ modelId: "health", messages: ask, toolConfig: weatherTool }));
    expect(first.stopReason).toBe("tool_use");
    const toolUse = first.output!.message!.content![0]!.toolUse!;
    expect(toolUse).toMatchObject({ name: "get_weather", input: { city: "Use get_weather for Paris" } });
    expect(toolUse.toolUseId).toMatch(/^tooluse_/);

    const second = await client.send(
      new ConverseCommand({
        modelId: "health",
        toolConfig: weatherTool,
        messages: [
          ...ask,
          first.output!.message!,
          { role: "user", content: [{ toolResult: { toolUseId: toolUse.toolUseId!, content: [{ json: { celsius: 9 } }] } }] },
        ],
      }),
    );
    expect(second.stopReason).toBe("end_turn");
    expect(second.output!.message!.content![0]!.text).toContain('{"celsius":9}');

    const streamed = await collect(
      (await client.send(new ConverseStreamCommand({ modelId: "health", messages: ask, toolConfig: { ...weatherTool, toolChoice: { any: {} } } }))).stream,
    );
    expect(streamed[1]?.contentBlockStart).toEqual({ contentBlockIndex: 0, start: { toolUse: { toolUseId: toolUse.toolUseId, name: "get_weather" } } });
    const input = streamed.flatMap((e) => (e.contentBlockDelta?.delta?.toolUse?.input ? [e.contentBlockDelta.delta.toolUse.input] : []));
    expect(input.length).toBe(2);
    expect(JSON.parse(input.join(""))).toEqual({ city: "Use get_weather for Paris" });
    expect(streamed.find((e) => e.messageStop)?.messageStop?.stopReason).toBe("tool_use");
  });

  it.each([false, true])("falls back under an injected throttle (stream %s) and names it in the headers", async (stream) => {
    injectFault(NOVA_LITE, { kind: "throttle", remaining: 1 });
    const headers: Record<string, string> = {};
    const spy = bearerClient(SERVICE_KEY);
    spy.middlewareStack.add(
      (next) => async (args) => {
        const r = await next(args);
        Object.assign(headers, (r.response as { headers: Record<string, string> }).headers);
        return r;
      },
      { step: "deserialize", name: "captureHeaders" },
    );
    if (stream) {
      const events = await collect((await spy.send(new ConverseStreamCommand({ modelId: "health", messages: hello }))).stream);
      expect(events.map((e) => e.contentBlockDelta?.delta?.text ?? "").join("")).toContain(NOVA_MICRO);
    } else {
      const out = await spy.send(new ConverseCommand({ modelId: "health", messages: hello }));
      expect(out.output?.message?.content?.[0]?.text).toContain(NOVA_MICRO);
    }
    spy.destroy();
    expect(headers["x-switchboard-model-id"]).toBe(NOVA_MICRO);
    expect(headers["x-switchboard-fallback"]).toBe(`${NOVA_LITE}=ThrottlingException`);
    const [sw] = await f.t.rows<Record<string, unknown>>("select * from bedrock_model_switches where use_case = 'health' order by id desc limit 1");
    expect(sw).toMatchObject({ switch_type: "fallback", error_code: "ThrottlingException", new_model_id: NOVA_MICRO });
  });

  describe("errors the SDK raises as its exception classes", () => {
    it("ThrottlingException (429, Retry-After) when every model is throttled, also for the stream", async () => {
      for (const m of [NOVA_LITE, NOVA_MICRO, NOVA_PRO]) injectFault(m, { kind: "throttle" });
      const err = await client.send(new ConverseCommand({ modelId: "health", messages: hello })).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ThrottlingException);
      expect((err as ThrottlingException).$metadata.httpStatusCode).toBe(429);
      const streamErr = await client.send(new ConverseStreamCommand({ modelId: "health", messages: hello })).catch((e: unknown) => e);
      expect(streamErr).toBeInstanceOf(ThrottlingException);
      const raw = await fetch(`${server.url}/bedrock/model/health/converse`, {
        method: "POST",
        headers: { authorization: `Bearer ${SERVICE_KEY}` },
        body: JSON.stringify({ messages: hello }),
      });
      expect(raw.status).toBe(429);
      expect(raw.headers.get("x-amzn-errortype")).toBe("ThrottlingException");
      expect(Number(raw.headers.get("retry-after"))).toBeGreaterThan(170);
      expect(Object.keys(await raw.json())).toEqual(["message"]);
    });

    it("ServiceUnavailableException (503) when the chain is otherwise unavailable", async () => {
      for (const m of [NOVA_LITE, NOVA_MICRO, NOVA_PRO]) injectFault(m, { kind: "5xx" });
      const err = await client.send(new ConverseCommand({ modelId: "health", messages: hello })).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ServiceUnavailableException);
    });

    it("ValidationException (400) for a bad body or an unknown model, nothing written", async () => {
      const before = await written();
      const bad = await client.send(new ConverseCommand({ modelId: "health", messages: hello, inferenceConfig: { temperature: 5 } })).catch((e: unknown) => e);
      expect(bad).toBeInstanceOf(ValidationException);
      expect((bad as Error).message).toContain("inferenceConfig.temperature");
      const unknown = await client.send(new ConverseCommand({ modelId: "no-such-model", messages: hello })).catch((e: unknown) => e);
      expect(unknown).toBeInstanceOf(ValidationException);
      const stream = await client.send(new ConverseStreamCommand({ modelId: "no-such-model", messages: hello })).catch((e: unknown) => e);
      expect(stream).toBeInstanceOf(ValidationException);
      expect(await written()).toEqual(before);
    });

    it("AccessDeniedException (403) when Bedrock denies the model", async () => {
      injectFault(NOVA_LITE, { kind: "access-denied" });
      const err = await client.send(new ConverseCommand({ modelId: "health", messages: hello })).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(AccessDeniedException);
      expect((err as AccessDeniedException).$metadata.httpStatusCode).toBe(403);
    });

    it("a wrong bearer token is refused (403 UnrecognizedClientException), nothing written", async () => {
      const before = await written();
      const bad = bearerClient("wrong-key-wrong-key-wrong-key");
      const err = await bad.send(new ConverseCommand({ modelId: "health", messages: hello })).catch((e: unknown) => e);
      bad.destroy();
      expect((err as Error).name).toBe("UnrecognizedClientException");
      expect((err as { $metadata: { httpStatusCode: number } }).$metadata.httpStatusCode).toBe(403);
      expect(await written()).toEqual(before);
    });
  });
});
