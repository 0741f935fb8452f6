// The OpenAI-compatible gateway through the official `openai` SDK over real HTTP, on a real database (both drivers):
// chat, streaming with usage, a tool call round trip, fallback under an injected throttle, the conversation header,
// and every refusal in OpenAI's error shape, with nothing written on refusal.
import OpenAI from "openai";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { clearFaults, injectFault } from "@/server/bedrock/fault-injection";
import { flushInvocations } from "@/server/invoke/record";
import type { ServiceFixture } from "../support/service-fixture";
import { drivers } from "../support/test-db";
import { HAIKU, NOVA_LITE, NOVA_MICRO, NOVA_PRO } from "../support/models";
import { expectSafeErrorBody, type ApiResponse, type Json } from "../api/support/orchestrate-client";
import type { GatewayServer } from "./support/gateway-server";
import { records, resetFaults, startOfflineGateway } from "./support/offline-gateway";

const SERVICE_KEY = process.env.SWITCHBOARD_SERVICE_KEY!;
const weather = {
  type: "function" as const,
  function: {
    name: "get_weather",
    description: "Current weather in a city",
    parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] },
  },
};

describe.each(drivers)("OpenAI-compatible gateway on %s", (kind) => {
  let f: ServiceFixture;
  let server: GatewayServer;
  let client: OpenAI;
  let close: () => Promise<void>;
  const { written, invocationCount, lastInvocation } = records(() => f);

  beforeAll(async () => {
    ({ f, server, close } = await startOfflineGateway(kind));
    client = new OpenAI({ apiKey: SERVICE_KEY, baseURL: `${server.url}/v1`, maxRetries: 0 });
  });
  afterAll(async () => close?.());
  afterEach(async () => resetFaults(f));

  it("answers a chat in a use case with the model that served, usage and the switchboard object, and records it", async () => {
    const { data, response } = await client.chat.completions
      .create({
        model: "health",
        messages: [
          { role: "system", content: "Be brief." },
          { role: "user", content: [{ type: "text", text: "How long should I sleep?" }] },
        ],
        max_completion_tokens: 500,
        temperature: 0.3,
        user: "patient-42",
      })
      .withResponse();
    expect(data.object).toBe("chat.completion");
    expect(data.id).toMatch(/^chatcmpl-/);
    expect(data.model).toBe(NOVA_LITE);
    expect(data.choices[0]!.message.role).toBe("assistant");
    expect(data.choices[0]!.message.content).toContain("How long should I sleep?");
    expect(data.choices[0]!.finish_reason).toBe("stop");
    expect(data.usage!.prompt_tokens).toBeGreaterThan(0);
    expect(data.usage!.total_tokens).toBe(data.usage!.prompt_tokens + data.usage!.completion_tokens);
    expect(response.headers.get("x-switchboard-model-id")).toBe(NOVA_LITE);
    expect(response.headers.get("x-switchboard-use-case")).toBe("health");
    expect(response.headers.get("x-switchboard-fallback")).toBeNull();
    expect((data as unknown as { switchboard: unknown }).switchboard).toEqual({
      modelId: NOVA_LITE,
      useCase: "health",
      conversationId: null,
      fallback: [],
      notification: null,
    });
    expect(await lastInvocation()).toMatchObject({
      model_id: NOVA_LITE,
      use_case: "health",
      source: "openai",
      end_user: "patient-42",
      api_key_id: null,
      outcome: "success",
      input_tokens: data.usage!.prompt_tokens,
      output_tokens: data.usage!.completion_tokens,
    });
  });

  it("serves a catalog model id directly, honours stop and max_tokens", async () => {
    const stopped = await client.chat.completions.create({ model: HAIKU, messages: [{ role: "user", content: "hi" }], stop: ["no AWS"] });
    expect(stopped.model).toBe(HAIKU);
    expect(stopped.choices[0]!.finish_reason).toBe("stop");
    expect(stopped.choices[0]!.message.content).not.toContain("no AWS");
    const cut = await client.chat.completions.create({ model: HAIKU, messages: [{ role: "user", content: "hi" }], max_tokens: 3 });
    expect(cut.choices[0]!.finish_reason).toBe("length");
    expect(cut.usage!.completion_tokens).toBe(3);
    expect(await lastInvocation()).toMatchObject({ model_id: HAIKU, use_case: "general" });
  });

  it("streams chunks: the role first, content pieces, the finish reason, the usage chunk, then [DONE]", async () => {
    const { data: stream, response } = await client.chat.completions
      .create({ model: "health", messages: [{ role: "user", content: "Stream this please" }], stream: true, stream_options: { include_usage: true } })
      .withResponse();
    expect(response.headers.get("content-type")).toMatch(/^text\/event-stream/);
    expect(response.headers.get("x-switchboard-model-id")).toBe(NOVA_LITE);
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);
    expect(chunks.every((c) => c.object === "chat.completion.chunk" && c.model === NOVA_LITE)).toBe(true);
    expect(chunks[0]!.choices[0]!.delta.role).toBe("assistant");
    const text = chunks.map((c) => c.choices[0]?.delta.content ?? "").join("");
    expect(text).toContain("Stream this please");
    expect(chunks.filter((c) => c.choices[0]?.delta.content).length).toBeGreaterThan(2);
    const finish = chunks.at(-2)!;
    expect(finish.choices[0]!.finish_reason).toBe("stop");
    const usage = chunks.at(-1)!;
    expect(usage.choices).toEqual([]);
    expect(usage.usage!.completion_tokens).toBeGreaterThan(0);
    expect(await lastInvocation()).toMatchObject({ source: "openai", output_tokens: usage.usage!.completion_tokens });

    // Without include_usage there is no usage chunk; the raw stream ends with [DONE].
    const raw = await fetch(`${server.url}/v1/chat/completions`, {
      method: "POST",
      headers: { authorization: `Bearer ${SERVICE_KEY}`, "content-type": "application/json" },
      body: JSON.stringify({ model: "health", messages: [{ role: "user", content: "hi" }], stream: true }),
    });
    const events = (await raw.text()).split("\n\n").filter(Boolean);
    expect(events.at(-1)).toBe("data: [DONE]");
    expect(events.some((e) => e.includes('"usage"'))).toBe(false);
  });

  it("a caller who leaves mid-stream does not stop the call: it completes, is recorded, and the server serves on", async () => {
    const before = await invocationCount();
    const abort = new AbortController();
    const res = await fetch(`${server.url}/v1/chat/completions`, {
      method: "POST",
      headers: { authorization: `Bearer ${SERVICE_KEY}`, "content-type": "application/json" },
      body: JSON.stringify({ model: "health", messages: [{ role: "user", content: "a question long enough to stream in pieces" }], stream: true }),
      signal: abort.signal,
    });
    const reader = res.body!.getReader();
    expect(new TextDecoder().decode((await reader.read()).value)).toContain("chat.completion.chunk");
    abort.abort();
    await expect.poll(invocationCount, { timeout: 5_000 }).toBe(before + 1);
    expect(await lastInvocation()).toMatchObject({ outcome: "success", source: "openai" });
    expect((await client.chat.completions.create({ model: "health", messages: [{ role: "user", content: "still there?" }] })).model).toBe(NOVA_LITE);
  });

  it("calls a tool and takes its result back (a full round trip), streamed and not", async () => {
    const ask: OpenAI.ChatCompletionMessageParam[] = [{ role: "user", content: "Call get_weather for Berlin" }];
    const first = await client.chat.completions.create({ model: "health", messages: ask, tools: [weather], tool_choice: "auto" });
    expect(first.choices[0]!.finish_reason).toBe("tool_calls");
    const call = first.choices[0]!.message.tool_calls![0]!;
    expect(call.type).toBe("function");
    if (call.type !== "function") throw new Error("function call expected");
    expect(call.function.name).toBe("get_weather");
    expect(JSON.parse(call.function.arguments)).toEqual({ city: "Call get_weather for Berlin" });
    expect(first.choices[0]!.message.content).toBeNull();

    const second = await client.chat.completions.create({
      model: "health",
      tools: [weather],
      messages: [...ask, first.choices[0]!.message, { role: "tool", tool_call_id: call.id, content: "12 degrees and rain" }],
    });
    expect(second.choices[0]!.finish_reason).toBe("stop");
    expect(second.choices[0]!.message.content).toContain("12 degrees and rain");

    // Streamed: the call arrives as tool_calls deltas (id and name first, then the arguments in pieces).
    const stream = await client.chat.completions.create({ model: "health", messages: ask, tools: [weather], stream: true });
    const deltas = [];
    let finish: string | null | undefined;
    for await (const chunk of stream) {
      deltas.push(...(chunk.choices[0]?.delta.tool_calls ?? []));
      finish = chunk.choices[0]?.finish_reason ?? finish;
    }
    expect(finish).toBe("tool_calls");
    expect(deltas[0]).toMatchObject({ index: 0, id: call.id, type: "function", function: { name: "get_weather" } });
    expect(deltas.length).toBeGreaterThan(2);
    expect(JSON.parse(deltas.map((d) => d.function?.arguments ?? "").join(""))).toEqual({ city: "Call get_weather for Berlin" });
  });

  it.each([false, true])("falls back under an injected throttle (stream %s), says so in headers and logs a fallback switch", async (stream) => {
    const before = await f.count("select count(*)::int as n from bedrock_model_switches where use_case = 'health'");
    injectFault(NOVA_LITE, { kind: "throttle", remaining: 1 });
    const body = { model: "health", messages: [{ role: "user" as const, content: "hello" }] };
    const { data, response } = stream
      ? await client.chat.completions.create({ ...body, stream: true }).withResponse()
      : await client.chat.completions.create(body).withResponse();
    expect(response.headers.get("x-switchboard-model-id")).toBe(NOVA_MICRO);
    expect(response.headers.get("x-switchboard-fallback")).toBe(`${NOVA_LITE}=ThrottlingException`);
    if (stream) {
      let text = "";
      for await (const c of data as AsyncIterable<OpenAI.ChatCompletionChunk>) text += c.choices[0]?.delta.content ?? "";
      expect(text).toContain("Nova Micro");
    } else {
      const completion = data as OpenAI.ChatCompletion & { switchboard: Record<string, unknown> };
      expect(completion.model).toBe(NOVA_MICRO);
      expect(completion.switchboard.fallback).toEqual([{ modelId: NOVA_LITE, errorCode: "ThrottlingException" }]);
      expect(completion.switchboard.notification).toMatchObject({ type: "fallback", modelId: NOVA_MICRO, previousModelId: NOVA_LITE });
    }
    const [sw] = await f.t.rows<Record<string, unknown>>("select * from bedrock_model_switches where use_case = 'health' order by id desc limit 1");
    expect(sw).toMatchObject({ switch_type: "fallback", error_code: "ThrottlingException", previous_model_id: NOVA_LITE, new_model_id: NOVA_MICRO });
    expect(await f.count("select count(*)::int as n from bedrock_model_switches where use_case = 'health'")).toBe(before + 1);
    // Put health back on its model for the next test.
    await f.t.rows("update use_cases set current_model_id = $1 where name = 'health'", [NOVA_LITE]);
  });

  it("makes a conversation scope from x-switchboard-conversation-id and user on first sight, and keeps to it", async () => {
    const account = (f.user.kind === "user" && f.user.user.id) || "";
    const external = `ext-${kind}-${"x".repeat(180)}`;
    const headers = { "x-switchboard-conversation-id": external };
    const r1 = await client.chat.completions.create({ model: "clinical", messages: [{ role: "user", content: "first" }], user: account }, { headers });
    const r2 = await client.chat.completions.create({ model: "clinical", messages: [{ role: "user", content: "second" }], user: account }, { headers });
    const convs = await f.t.rows<Record<string, unknown>>("select * from conversations where external_id = $1", [external]);
    expect(convs).toHaveLength(1);
    expect(convs[0]).toMatchObject({ use_case: "clinical", end_user: account, user_id: account });
    const id = convs[0]!.id;
    expect((r1 as unknown as { switchboard: { conversationId: string } }).switchboard.conversationId).toBe(id);
    expect((r2 as unknown as { switchboard: { conversationId: string } }).switchboard.conversationId).toBe(id);
    await flushInvocations();
    const invs = await f.t.rows<Record<string, unknown>>("select conversation_id, user_id from invocations where conversation_id = $1", [id]);
    expect(invs).toEqual([
      { conversation_id: id, user_id: account },
      { conversation_id: id, user_id: account },
    ]);

    // An end user who is no account here stays an end user only.
    await client.chat.completions.create(
      { model: "clinical", messages: [{ role: "user", content: "hi" }], user: "crm-77" },
      { headers: { "x-switchboard-conversation-id": `other-${kind}` } },
    );
    const [other] = await f.t.rows<Record<string, unknown>>("select user_id, end_user from conversations where external_id = $1", [`other-${kind}`]);
    expect(other).toEqual({ user_id: null, end_user: "crm-77" });
  });

  describe("refusals in OpenAI's error shape", () => {
    const post = async (body: unknown, headers: Record<string, string> = {}, token: string | null = SERVICE_KEY) => {
      const res = await fetch(`${server.url}/v1/chat/completions`, {
        method: "POST",
        headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
        body: typeof body === "string" ? body : JSON.stringify(body),
      });
      const text = await res.text();
      return { status: res.status, body: JSON.parse(text) as Json, text, headers: res.headers };
    };
    /** `{ error: { message, type, param, code } }`, exactly, with the status and param given, and nothing unsafe. */
    const expectOpenAiError = (r: ApiResponse, status: number, type: string, param: string | null) => {
      expect(r.status, r.text).toBe(status);
      expect(Object.keys(r.body)).toEqual(["error"]);
      expect(Object.keys(r.body.error).sort()).toEqual(["code", "message", "param", "type"]);
      expect(r.body.error.type).toBe(type);
      expect(r.body.error.param).toBe(param);
      expect(typeof r.body.error.message).toBe("string");
      expectSafeErrorBody(r);
      return r.body.error as Json;
    };
    const hi = [{ role: "user", content: "hi" }];

    it.each([
      ["temperature", { model: "health", messages: hi, temperature: 3 }],
      ["messages", { model: "health", messages: [] }],
      ["messages[0].content", { model: "health", messages: [{ role: "user", content: 5 }] }],
      [
        "messages[0].content[0].image_url.url",
        { model: "health", messages: [{ role: "user", content: [{ type: "image_url", image_url: { url: "https://x.test/a.png" } }] }] },
      ],
      [
        "messages[1].tool_calls[0].function.arguments",
        {
          model: "health",
          messages: [hi[0], { role: "assistant", tool_calls: [{ id: "c1", type: "function", function: { name: "f", arguments: "{oops" } }] }],
        },
      ],
      ["tool_choice", { model: "health", messages: hi, tools: [weather], tool_choice: { type: "function", function: { name: "nope" } } }],
      ["n", { model: "health", messages: hi, n: 2 }],
      ["model", { messages: hi }],
      ["user", { model: "health", messages: hi, user: "x".repeat(201) }],
    ])("400 naming %s, nothing written", async (param, body) => {
      const before = await written();
      const error = expectOpenAiError(await post(body), 400, "invalid_request_error", param);
      expect(error.message).toContain(param);
      expect(await written()).toEqual(before);
    });

    it("400 for a bad conversation header and for a body that is not JSON; 413 past the size limit", async () => {
      const before = await written();
      expectOpenAiError(
        await post({ model: "health", messages: hi }, { "x-switchboard-conversation-id": "c".repeat(201) }),
        400,
        "invalid_request_error",
        "x-switchboard-conversation-id",
      );
      expectOpenAiError(await post("{not json"), 400, "invalid_request_error", null);
      expectOpenAiError(
        await post({ model: "health", messages: [{ role: "user", content: "x".repeat(21 * 1024 * 1024) }] }),
        413,
        "invalid_request_error",
        null,
      );
      expect(await written()).toEqual(before);
    });

    it("401 without a key or with a wrong one (the SDK raises AuthenticationError), nothing written", async () => {
      const before = await written();
      expect(expectOpenAiError(await post({ model: "health", messages: hi }, {}, null), 401, "authentication_error", null).code).toBe("invalid_api_key");
      expectOpenAiError(await post({ model: "health", messages: hi }, {}, "wrong-key-wrong-key-wrong-key"), 401, "authentication_error", null);
      const bad = new OpenAI({ apiKey: "wrong-key-wrong-key-wrong-key", baseURL: `${server.url}/v1`, maxRetries: 0 });
      await expect(bad.chat.completions.create({ model: "health", messages: [{ role: "user", content: "hi" }] })).rejects.toBeInstanceOf(
        OpenAI.AuthenticationError,
      );
      await expect(bad.models.list()).rejects.toBeInstanceOf(OpenAI.AuthenticationError);
      expect(await written()).toEqual(before);
    });

    it("404 for an unknown model or use case, or a disabled catalog model (NotFoundError), nothing written", async () => {
      const before = await written();
      const error = expectOpenAiError(await post({ model: "no-such-use-case", messages: hi }), 404, "not_found_error", "model");
      expect(error.code).toBe("model_not_found");
      const [disabled] = await f.t.rows<{ model_id: string }>("select model_id from bedrock_models where not enabled limit 1");
      expectOpenAiError(await post({ model: disabled!.model_id, messages: hi }), 404, "not_found_error", "model");
      await expect(client.chat.completions.create({ model: "nope", messages: [{ role: "user", content: "hi" }] })).rejects.toBeInstanceOf(OpenAI.NotFoundError);
      expect(await written()).toEqual(before);
    });

    it("429 with Retry-After when every model that could serve is throttled (RateLimitError)", async () => {
      for (const m of [NOVA_LITE, NOVA_MICRO, NOVA_PRO]) injectFault(m, { kind: "throttle" });
      const r = await post({ model: "health", messages: hi });
      const error = expectOpenAiError(r, 429, "rate_limit_error", null);
      expect(error.code).toBe("rate_limit_exceeded");
      for (const m of [NOVA_LITE, NOVA_MICRO, NOVA_PRO]) expect(error.message).toContain(m);
      // health cools a model down for 180 s: that is when the first one may serve again.
      expect(r.headers.get("retry-after")).toBe("180");
      // Still cooling down: refused again at once, streamed or not, without calling Bedrock (no invocation).
      clearFaults();
      const calls = await invocationCount();
      const streamed = await post({ model: "health", messages: hi, stream: true });
      expectOpenAiError(streamed, 429, "rate_limit_error", null);
      expect(Number(streamed.headers.get("retry-after"))).toBeGreaterThan(170);
      await expect(client.chat.completions.create({ model: "health", messages: [{ role: "user", content: "hi" }] })).rejects.toBeInstanceOf(
        OpenAI.RateLimitError,
      );
      expect(await invocationCount()).toBe(calls);
    });

    it("503 when the models are otherwise unavailable (InternalServerError), streamed and not", async () => {
      for (const m of [NOVA_LITE, NOVA_MICRO, NOVA_PRO]) injectFault(m, { kind: "5xx" });
      const error = expectOpenAiError(await post({ model: "health", messages: hi }), 503, "service_unavailable_error", null);
      expect(error.message).toMatch(/ServiceUnavailableException/);
      await f.t.rows("delete from model_cooldowns");
      expectOpenAiError(await post({ model: "health", messages: hi, stream: true }), 503, "service_unavailable_error", null);
      await f.t.rows("delete from model_cooldowns");
      await expect(client.chat.completions.create({ model: "health", messages: [{ role: "user", content: "hi" }] })).rejects.toBeInstanceOf(
        OpenAI.InternalServerError,
      );
    });
  });

  it("lists the use cases and the enabled catalog models", async () => {
    const ids = [];
    for await (const m of client.models.list()) {
      expect(m.object).toBe("model");
      ids.push(m.id);
    }
    expect(ids).toEqual(expect.arrayContaining(["clinical", "health", "operations", "general", NOVA_LITE, HAIKU]));
    const enabled = await f.count("select count(*)::int as n from bedrock_models where enabled");
    expect(ids).toHaveLength(4 + enabled);
  });
});
