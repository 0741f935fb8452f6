// The gateway's pure translation files, table-driven: OpenAI <-> Converse, the event-stream frames, the two error
// shapes, parameter names, the Bedrock path, and the offline gateway's tool trigger.
import { describe, expect, it } from "vitest";
import { AppError } from "@/server/errors";
import { simulateToolTurn } from "@/server/bedrock/offline-tools";
import { StreamAssembler } from "@/server/bedrock/content";
import { decodeFrame, endFrames, exceptionFrame, frameOf, streamExceptionType } from "@/server/gateway/bedrock/event-stream";
import { converseSchema } from "@/server/gateway/bedrock/schema";
import { bedrockExceptionOf, openAiErrorBody } from "@/server/gateway/errors";
import { modelIdFromPath } from "@/server/gateway/http/bedrock-converse";
import { ChunkBuilder, chatCompletionOf, finishReasonOf } from "@/server/gateway/openai/from-converse";
import { chatCompletionSchema } from "@/server/gateway/openai/schema";
import { openAiToConverse } from "@/server/gateway/openai/to-converse";
import { paramName, parseJsonBody } from "@/server/gateway/parse";

const PNG_1PX = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";
const bytes = (json: unknown) => new TextEncoder().encode(JSON.stringify(json));
const openAi = (body: Record<string, unknown>) => openAiToConverse(chatCompletionSchema.parse({ model: "health", ...body }));
const caught = (fn: () => unknown): unknown => {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error("did not throw");
};

describe("OpenAI request -> Converse", () => {
  it.each([
    [
      "system and developer messages become system blocks; parts of text join",
      {
        messages: [
          { role: "system", content: "A" },
          { role: "developer", content: [{ type: "text", text: "B" }] },
          { role: "user", content: "hi" },
        ],
      },
      { system: [{ text: "A" }, { text: "B" }], messages: [{ role: "user", content: [{ text: "hi" }] }] },
    ],
    [
      "inference parameters: max_completion_tokens wins over max_tokens; stop as a string",
      { messages: [{ role: "user", content: "hi" }], max_tokens: 9, max_completion_tokens: 7, temperature: 0.5, top_p: 0.9, stop: "END" },
      { messages: [{ role: "user", content: [{ text: "hi" }] }], inferenceConfig: { maxTokens: 7, temperature: 0.5, topP: 0.9, stopSequences: ["END"] } },
    ],
    [
      "an assistant tool call and the tool results (two in a row) become toolUse and one user turn of toolResults",
      {
        messages: [
          { role: "user", content: "weather?" },
          {
            role: "assistant",
            content: null,
            tool_calls: [
              { id: "c1", type: "function", function: { name: "w", arguments: '{"city":"Oslo"}' } },
              { id: "c2", type: "function", function: { name: "w", arguments: "" } },
            ],
          },
          { role: "tool", tool_call_id: "c1", content: "cold" },
          { role: "tool", tool_call_id: "c2", content: [{ type: "text", text: "warm" }] },
        ],
        tools: [{ type: "function", function: { name: "w", parameters: { type: "object" } } }],
      },
      {
        messages: [
          { role: "user", content: [{ text: "weather?" }] },
          {
            role: "assistant",
            content: [{ toolUse: { toolUseId: "c1", name: "w", input: { city: "Oslo" } } }, { toolUse: { toolUseId: "c2", name: "w", input: {} } }],
          },
          {
            role: "user",
            content: [{ toolResult: { toolUseId: "c1", content: [{ text: "cold" }] } }, { toolResult: { toolUseId: "c2", content: [{ text: "warm" }] } }],
          },
        ],
        toolConfig: { tools: [{ toolSpec: { name: "w", inputSchema: { json: { type: "object" } } } }] },
      },
    ],
    [
      "tool_choice: required is any, a named function is tool; a tool without parameters gets an empty object schema",
      { messages: [{ role: "user", content: "x" }], tools: [{ type: "function", function: { name: "f", description: "d" } }], tool_choice: "required" },
      {
        messages: [{ role: "user", content: [{ text: "x" }] }],
        toolConfig: {
          tools: [{ toolSpec: { name: "f", description: "d", inputSchema: { json: { type: "object", properties: {} } } } }],
          toolChoice: { any: {} },
        },
      },
    ],
    [
      "tool_choice none leaves the tools out when the conversation holds no tool calls",
      { messages: [{ role: "user", content: "x" }], tools: [{ type: "function", function: { name: "f" } }], tool_choice: "none" },
      { messages: [{ role: "user", content: [{ text: "x" }] }] },
    ],
    [
      "consecutive user turns merge (Converse wants alternation)",
      {
        messages: [
          { role: "user", content: "a" },
          { role: "user", content: "b" },
        ],
      },
      { messages: [{ role: "user", content: [{ text: "a" }, { text: "b" }] }] },
    ],
  ])("%s", (_label, body, expected) => {
    expect(openAi(body)).toEqual(expected);
  });

  it("a data URL image becomes an image block with its bytes", () => {
    const out = openAi({
      messages: [
        {
          role: "user",
          content: [
            { type: "text", text: "what is this" },
            { type: "image_url", image_url: { url: `data:image/png;base64,${PNG_1PX}` } },
          ],
        },
      ],
    });
    const image = out.messages[0]!.content[1] as { image: { format: string; source: { bytes: Uint8Array } } };
    expect(image.image.format).toBe("png");
    expect(Buffer.from(image.image.source.bytes).toString("base64")).toBe(PNG_1PX);
  });

  it.each([
    [
      "messages[0].content[0].image_url.url",
      { messages: [{ role: "user", content: [{ type: "image_url", image_url: { url: "https://example.com/x.png" } }] }] },
    ],
    [
      "messages[0].content[0].image_url.url",
      { messages: [{ role: "user", content: [{ type: "image_url", image_url: { url: "data:image/tiff;base64,AAAA" } }] }] },
    ],
    [
      "messages[1].tool_calls[0].function.arguments",
      {
        messages: [
          { role: "user", content: "x" },
          { role: "assistant", tool_calls: [{ id: "c", type: "function", function: { name: "f", arguments: "[1]" } }] },
        ],
      },
    ],
    ["tool_choice", { messages: [{ role: "user", content: "x" }], tool_choice: "auto" }],
    [
      "tool_choice",
      {
        messages: [{ role: "user", content: "x" }],
        tools: [{ type: "function", function: { name: "f" } }],
        tool_choice: { type: "function", function: { name: "g" } },
      },
    ],
    ["messages", { messages: [{ role: "system", content: "only a system prompt" }] }],
  ])("refuses with a 400 naming %s", (param, body) => {
    const err = caught(() => openAi(body));
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({ code: "invalid_request", details: { param } });
  });
});

describe("Converse answer -> OpenAI", () => {
  it.each([
    ["end_turn", "stop"],
    ["stop_sequence", "stop"],
    ["max_tokens", "length"],
    ["tool_use", "tool_calls"],
    ["guardrail_intervened", "content_filter"],
    ["content_filtered", "content_filter"],
  ])("stop reason %s is finish_reason %s", (stop, finish) => expect(finishReasonOf(stop)).toBe(finish));

  it("a completion with text and tool calls, usage summed", () => {
    const meta = { id: "chatcmpl-1", created: 1700000000, modelId: "m" };
    expect(chatCompletionOf(meta, { content: [{ text: "Hi" }], stopReason: "end_turn", inputTokens: 3, outputTokens: 2 })).toEqual({
      id: "chatcmpl-1",
      object: "chat.completion",
      created: 1700000000,
      model: "m",
      choices: [{ index: 0, message: { role: "assistant", content: "Hi", refusal: null }, finish_reason: "stop", logprobs: null }],
      usage: { prompt_tokens: 3, completion_tokens: 2, total_tokens: 5 },
    });
    const tool = chatCompletionOf(meta, {
      content: [{ toolUse: { toolUseId: "t", name: "f", input: { a: 1 } } }],
      stopReason: "tool_use",
      inputTokens: 1,
      outputTokens: 1,
    });
    expect(tool.choices[0]!.message).toEqual({
      role: "assistant",
      content: null,
      refusal: null,
      tool_calls: [{ id: "t", type: "function", function: { name: "f", arguments: '{"a":1}' } }],
    });
  });

  it("chunks: role first, text, tool calls numbered in order (id and name once), the finish, the usage chunk", () => {
    const b = new ChunkBuilder({ id: "c", created: 1, modelId: "m" });
    const deltas = [
      b.first(),
      b.of({ type: "text", index: 0, text: "Let me look." }),
      b.of({ type: "blockStop", index: 0 }),
      b.of({ type: "toolUseStart", index: 1, toolUseId: "t1", name: "f" }),
      b.of({ type: "toolUseDelta", index: 1, input: '{"a"' }),
      b.of({ type: "toolUseStart", index: 2, toolUseId: "t2", name: "g" }),
      b.of({ type: "toolUseDelta", index: 2, input: "{}" }),
      b.of({ type: "toolUseDelta", index: 1, input: ":1}" }),
      b.last("tool_use"),
    ].map((c) => (c ? [c.choices[0]!.delta, c.choices[0]!.finish_reason] : null));
    expect(deltas).toEqual([
      [{ role: "assistant", content: "" }, null],
      [{ content: "Let me look." }, null],
      null,
      [{ tool_calls: [{ index: 0, id: "t1", type: "function", function: { name: "f", arguments: "" } }] }, null],
      [{ tool_calls: [{ index: 0, function: { arguments: '{"a"' } }] }, null],
      [{ tool_calls: [{ index: 1, id: "t2", type: "function", function: { name: "g", arguments: "" } }] }, null],
      [{ tool_calls: [{ index: 1, function: { arguments: "{}" } }] }, null],
      [{ tool_calls: [{ index: 0, function: { arguments: ":1}" } }] }, null],
      [{}, "tool_calls"],
    ]);
    expect(b.usage({ inputTokens: 4, outputTokens: 6 })).toMatchObject({ choices: [], usage: { prompt_tokens: 4, completion_tokens: 6, total_tokens: 10 } });
  });

  it("the stream assembler rebuilds the blocks from events", () => {
    const a = new StreamAssembler();
    for (const e of [
      { type: "text", index: 0, text: "a" },
      { type: "toolUseStart", index: 1, toolUseId: "t", name: "f" },
      { type: "toolUseDelta", index: 1, input: '{"x":' },
      { type: "text", index: 0, text: "b" },
      { type: "toolUseDelta", index: 1, input: "2}" },
    ] as const)
      a.add(e);
    expect(a.content()).toEqual([{ text: "ab" }, { toolUse: { toolUseId: "t", name: "f", input: { x: 2 } } }]);
  });
});

describe("event-stream frames (the SDK's codec)", () => {
  it.each([
    [{ type: "text", index: 0, text: "hé" } as const, "contentBlockDelta", { contentBlockIndex: 0, delta: { text: "hé" } }],
    [
      { type: "toolUseStart", index: 1, toolUseId: "t", name: "f" } as const,
      "contentBlockStart",
      { contentBlockIndex: 1, start: { toolUse: { toolUseId: "t", name: "f" } } },
    ],
    [{ type: "toolUseDelta", index: 1, input: "{}" } as const, "contentBlockDelta", { contentBlockIndex: 1, delta: { toolUse: { input: "{}" } } }],
    [{ type: "blockStop", index: 1 } as const, "contentBlockStop", { contentBlockIndex: 1 }],
  ])("%o is a %s event", (event, eventType, payload) => {
    expect(decodeFrame(frameOf(event))).toEqual({
      headers: { ":message-type": "event", ":event-type": eventType, ":content-type": "application/json" },
      payload,
    });
  });

  it("the end: messageStop, then metadata with usage and metrics", () => {
    const [stop, meta] = endFrames({ stopReason: "max_tokens", inputTokens: 2, outputTokens: 3, latencyMs: 40 }).map(decodeFrame);
    expect(stop).toMatchObject({ headers: { ":event-type": "messageStop" }, payload: { stopReason: "max_tokens" } });
    expect(meta).toMatchObject({
      headers: { ":event-type": "metadata" },
      payload: { usage: { inputTokens: 2, outputTokens: 3, totalTokens: 5 }, metrics: { latencyMs: 40 } },
    });
  });

  it.each([
    ["ThrottlingException", "throttlingException"],
    ["ServiceUnavailableException", "serviceUnavailableException"],
    ["ValidationException", "validationException"],
    ["ModelStreamErrorException", "modelStreamErrorException"],
    ["ModelTimeoutException", "serviceUnavailableException"],
    ["AccessDeniedException", "internalServerException"],
  ])("%s travels in a stream as %s", (name, type) => {
    expect(streamExceptionType(name)).toBe(type);
    expect(decodeFrame(exceptionFrame(type, "m"))).toEqual({
      headers: { ":message-type": "exception", ":exception-type": type, ":content-type": "application/json" },
      payload: { message: "m" },
    });
  });
});

describe("error shapes", () => {
  it.each([
    [
      new AppError("invalid_request", "temperature: too big", { param: "temperature" }),
      400,
      "invalid_request_error",
      "temperature",
      "invalid_request",
      "ValidationException",
      400,
    ],
    [new AppError("unauthorized", "no key"), 401, "authentication_error", null, "invalid_api_key", "UnrecognizedClientException", 403],
    [new AppError("forbidden", "not this use case"), 403, "permission_error", null, "forbidden", "AccessDeniedException", 403],
    [new AppError("not_found", "no model", { param: "model" }), 404, "not_found_error", "model", "model_not_found", "ValidationException", 400],
    [new AppError("not_found", "no conversation"), 404, "not_found_error", null, "not_found", "ResourceNotFoundException", 404],
    [new AppError("payload_too_large", "too big", { param: null }), 413, "invalid_request_error", null, "payload_too_large", "ValidationException", 413],
    [new AppError("rate_limited", "throttled", { retryAfterSeconds: 7 }), 429, "rate_limit_error", null, "rate_limit_exceeded", "ThrottlingException", 429],
    [new AppError("unavailable", "down"), 503, "service_unavailable_error", null, "unavailable", "ServiceUnavailableException", 503],
    [
      new AppError("unavailable", "denied upstream", { bedrockCode: "AccessDeniedException" }),
      503,
      "service_unavailable_error",
      null,
      "unavailable",
      "AccessDeniedException",
      403,
    ],
    [
      new AppError("invalid_request", "bad upstream", { bedrockCode: "ValidationException" }),
      400,
      "invalid_request_error",
      null,
      "invalid_request",
      "ValidationException",
      400,
    ],
  ] as const)("%s", (err, status, type, param, code, exception, bedrockStatus) => {
    const o = openAiErrorBody(err);
    expect(o.status).toBe(status);
    expect(o.body).toEqual({ error: { message: err.message, type, param, code } });
    expect(o.headers).toEqual(err.code === "rate_limited" ? { "Retry-After": "7" } : {});
    expect(bedrockExceptionOf(err)).toMatchObject({ name: exception, status: bedrockStatus, message: err.message });
  });

  it("anything else is a generic 500 in both shapes: no message, stack or path of ours leaks", () => {
    const err = new Error('relation "x" does not exist at /work/server/db.ts:12');
    const o = openAiErrorBody(err);
    expect(o.status).toBe(500);
    expect(o.body.error.message).not.toMatch(/relation|\/work|db\.ts/);
    expect(bedrockExceptionOf(err)).toMatchObject({ name: "InternalServerException", status: 500 });
    expect(bedrockExceptionOf(err).message).not.toMatch(/relation|\/work/);
  });
});

describe("parsing", () => {
  it.each([
    [["messages", 0, "content", 1, "image_url", "url"], "messages[0].content[1].image_url.url"],
    [["temperature"], "temperature"],
    [[], ""],
  ] as const)("%o is named %s", (path, name) => expect(paramName(path)).toBe(name));

  it.each([
    [{ messages: [{ role: "user", content: [{ document: { name: "x" } }] }] }, "messages[0].content[0]"],
    [{ messages: [{ role: "user", content: [{ text: "x" }] }], inferenceConfig: { maxTokens: 0 } }, "inferenceConfig.maxTokens"],
    [{ messages: [{ role: "user", content: [{ image: { format: "png", source: { bytes: "not base64!" } } }] }] }, "messages[0].content[0].image.source.bytes"],
    [{ messages: [] }, "messages"],
  ])("a Converse body refused names the field: %o", (body, param) => {
    expect(caught(() => parseJsonBody(converseSchema, bytes(body)))).toMatchObject({ code: "invalid_request", details: { param } });
  });

  it("a Converse image arrives in base64 and becomes bytes", () => {
    const body = parseJsonBody(converseSchema, bytes({ messages: [{ role: "user", content: [{ image: { format: "png", source: { bytes: PNG_1PX } } }] }] }));
    const block = body.messages[0]!.content[0] as { image: { source: { bytes: Uint8Array } } };
    expect(Buffer.from(block.image.source.bytes).toString("base64")).toBe(PNG_1PX);
  });

  it.each([
    ["/bedrock/model/health/converse", "health"],
    ["/bedrock/model/eu.amazon.nova-lite-v1%3A0/converse-stream", "eu.amazon.nova-lite-v1:0"],
    ["/bedrock/model/arn%3Aaws%3Abedrock%3Aeu-central-1%3A1%3Ainference-profile%2Feu.x/converse", "arn:aws:bedrock:eu-central-1:1:inference-profile/eu.x"],
  ])("the model id of %s is %s", (path, id) => expect(modelIdFromPath(path)).toBe(id));

  it("a broken escape in the path is a 400", () => {
    expect(caught(() => modelIdFromPath("/bedrock/model/%E0%A4%A/converse"))).toMatchObject({ code: "invalid_request" });
  });
});

describe("offline tool trigger", () => {
  const tools = {
    tools: [
      {
        toolSpec: {
          name: "get_weather",
          inputSchema: { json: { type: "object", properties: { city: { type: "string" }, days: { type: "integer" }, metric: { type: "boolean" } } } },
        },
      },
    ],
  };
  const user = (text: string) => [{ role: "user" as const, content: [{ text }] }];
  it.each([
    ["names the tool", { messages: user("Use get_weather please"), toolConfig: tools }, "call"],
    ["names it in another case", { messages: user("GET_WEATHER now"), toolConfig: tools }, "call"],
    ["does not name it", { messages: user("what is the weather"), toolConfig: tools }, null],
    ["toolChoice any", { messages: user("what is the weather"), toolConfig: { ...tools, toolChoice: { any: {} } } }, "call"],
    ["no tools", { messages: user("use get_weather") }, null],
  ])("%s", (_label, input, kind) => {
    const turn = simulateToolTurn({ modelId: "m", ...input } as Parameters<typeof simulateToolTurn>[0]);
    expect(turn?.kind ?? null).toBe(kind);
    if (turn?.kind === "call")
      expect(turn.toolUse).toMatchObject({ name: "get_weather", input: { city: input.messages[0]!.content[0]!.text, days: 1, metric: true } });
  });

  it("a JSON object after the tool's name is its input", () => {
    const turn = simulateToolTurn({ modelId: "m", messages: user('call get_weather {"city":"Paris","days":3}'), toolConfig: tools });
    expect(turn).toMatchObject({ kind: "call", toolUse: { name: "get_weather", input: { city: "Paris", days: 3 } } });
  });

  it("the same request gets the same tool use id", () => {
    const input = { modelId: "m", messages: user("use get_weather"), toolConfig: tools };
    expect(simulateToolTurn(input)).toEqual(simulateToolTurn(input));
  });
});
