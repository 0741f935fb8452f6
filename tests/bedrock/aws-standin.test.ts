// The aws gateway through the real AWS SDK (HTTP/2 runtime client, HTTP/1.1 control client, SigV4 with dummy
// credentials) against the Bedrock stand-in on loopback: answers, streams, each fault classified as the fallback path
// needs it, and the control-plane reads of the catalog sync.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { catalogSnapshot } from "@/db/seed/catalog-snapshot";
import { AwsBedrockGateway } from "@/server/bedrock/aws-gateway";
import { startBedrockStandIn, type BedrockStandIn } from "@/stand-ins/bedrock";
import { NOVA_LITE } from "../support/models";
import { caught, collect } from "./support/gateway-helpers";

const hello = [{ role: "user" as const, text: "How much sleep do I need after a marathon?" }];
const expectedText = `Stand-in reply from ${NOVA_LITE}: How much sleep do I need after a marathon?`;

let standIn: BedrockStandIn;
let gw: AwsBedrockGateway;

beforeAll(async () => {
  process.env.AWS_ACCESS_KEY_ID = "AKIDSTANDINTEST";
  process.env.AWS_SECRET_ACCESS_KEY = "stand-in-secret";
  standIn = await startBedrockStandIn({ profilesPageSize: 7 });
  gw = new AwsBedrockGateway({ region: "eu-central-1", runtimeEndpoint: standIn.url, controlEndpoint: standIn.url, runtimeTimeoutMs: 300 });
});
afterAll(async () => standIn?.close());
afterEach(() => {
  standIn.setFault("*", null);
  standIn.setFault(NOVA_LITE, null);
  standIn.clearCalls();
});

describe("runtime", () => {
  it("converses: text, usage from the input length, stop reason; the request carries system and inference config", async () => {
    const r = await gw.converse({ modelId: NOVA_LITE, messages: hello, system: "Be brief", maxTokens: 100, temperature: 0.2 });
    expect(r).toMatchObject({ text: expectedText, stopReason: "end_turn", outputTokens: Math.ceil(expectedText.length / 4) });
    // 8 system characters plus the question's 42, four characters a token.
    expect(r.inputTokens).toBe(Math.ceil((8 + hello[0]!.text.length) / 4));
    const [call] = standIn.calls;
    expect(call).toMatchObject({ operation: "Converse", modelId: NOVA_LITE, auth: "sigv4", status: 200 });
    expect(call!.request).toMatchObject({ system: [{ text: "Be brief" }], inferenceConfig: { maxTokens: 100, temperature: 0.2 } });
  });

  it("keeps one connection alive across calls, streamed or not (no new connection, or TLS handshake, per call)", async () => {
    await gw.converse({ modelId: NOVA_LITE, messages: hello });
    await collect(gw.converseStream({ modelId: NOVA_LITE, messages: hello }));
    await gw.converse({ modelId: NOVA_LITE, messages: hello });
    expect(standIn.calls.map((c) => [c.httpVersion, c.connection])).toEqual(Array(3).fill(["1.1", standIn.calls[0]!.connection]));
  });

  it("stops at maxTokens as Bedrock does", async () => {
    const r = await gw.converse({ modelId: NOVA_LITE, messages: hello, maxTokens: 3 });
    expect(r).toMatchObject({ stopReason: "max_tokens", outputTokens: 3, text: expectedText.slice(0, 12) });
  });

  it("streams the same text in pieces, then usage", async () => {
    const events = await collect(gw.converseStream({ modelId: NOVA_LITE, messages: hello }));
    const texts = events.flatMap((e) => (e.type === "text" ? [e.text] : []));
    expect(texts.length).toBeGreaterThan(2);
    expect(texts.join("")).toBe(expectedText);
    expect(events.at(-1)).toMatchObject({ type: "done", stopReason: "end_turn", outputTokens: Math.ceil(expectedText.length / 4) });
    expect(standIn.calls[0]).toMatchObject({ operation: "ConverseStream", modelId: NOVA_LITE, status: 200 });
  });

  it("refuses an unknown model id with Bedrock's ValidationException", async () => {
    const err = await caught(gw.converse({ modelId: "health", messages: hello }));
    expect(err).toMatchObject({ code: "ValidationException", httpStatus: 400, retryable: false, outcome: "validation_error" });
    expect(err.message).toBe("The provided model identifier is invalid.");
  });

  it.each([
    { fault: { kind: "throttle", retryAfterSeconds: 2 }, code: "ThrottlingException", httpStatus: 429, retryable: true, outcome: "throttled" },
    { fault: { kind: "unavailable" }, code: "ServiceUnavailableException", httpStatus: 503, retryable: true, outcome: "server_error" },
    { fault: { kind: "validation" }, code: "ValidationException", httpStatus: 400, retryable: false, outcome: "validation_error" },
    { fault: { kind: "access_denied" }, code: "AccessDeniedException", httpStatus: 403, retryable: false, outcome: "access_denied" },
    { fault: { kind: "timeout", ms: 3000 }, code: "TimeoutError", httpStatus: 504, retryable: true, outcome: "timeout" },
  ] as const)("$fault.kind → $code (retryable $retryable), converse and stream, one attempt each", async ({ fault, code, httpStatus, retryable, outcome }) => {
    standIn.setFault(NOVA_LITE, fault);
    expect(await caught(gw.converse({ modelId: NOVA_LITE, messages: hello }))).toMatchObject({ code, httpStatus, retryable, outcome, modelId: NOVA_LITE });
    expect(await caught(collect(gw.converseStream({ modelId: NOVA_LITE, messages: hello })))).toMatchObject({ code, retryable, outcome });
    // No SDK retry: the fallback chain is the retry.
    expect(standIn.calls.filter((c) => c.modelId === NOVA_LITE)).toHaveLength(2);
  });

  it("a fault on '*' hits every model; a model's own fault wins over it", async () => {
    standIn.setFault("*", { kind: "unavailable" });
    standIn.setFault(NOVA_LITE, { kind: "throttle", retryAfterSeconds: 1 });
    expect((await caught(gw.converse({ modelId: "eu.amazon.nova-micro-v1:0", messages: hello }))).code).toBe("ServiceUnavailableException");
    expect((await caught(gw.converse({ modelId: NOVA_LITE, messages: hello }))).code).toBe("ThrottlingException");
  });

  it("an error mid-stream arrives after the first text as an exception frame", async () => {
    standIn.setFault(NOVA_LITE, { kind: "midstream" });
    const seen: string[] = [];
    const err = await caught(
      (async () => {
        for await (const e of gw.converseStream({ modelId: NOVA_LITE, messages: hello })) if (e.type === "text") seen.push(e.text);
      })(),
    );
    expect(seen).toEqual([expectedText.slice(0, 16)]);
    expect(err).toMatchObject({ code: "ModelStreamErrorException", retryable: false });
  });

  it("a throttle mid-stream before any text is retryable", async () => {
    standIn.setFault(NOVA_LITE, { kind: "midstream", exception: "throttlingException", afterChunks: 0 });
    expect(await caught(collect(gw.converseStream({ modelId: NOVA_LITE, messages: hello })))).toMatchObject({ code: "ThrottlingException", retryable: true });
  });
});

describe("on the wire", () => {
  const body = JSON.stringify({ messages: [{ role: "user", content: [{ text: "hi" }] }] });
  const post = (path: string, headers: Record<string, string>) =>
    fetch(`${standIn.url}${path}`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body });

  it("a throttle is 429 with Retry-After and x-amzn-ErrorType", async () => {
    standIn.setFault("*", { kind: "throttle", retryAfterSeconds: 7 });
    const res = await post(`/model/${encodeURIComponent(NOVA_LITE)}/converse`, { authorization: "Bearer any-token" });
    expect(res.status).toBe(429);
    expect(res.headers.get("retry-after")).toBe("7");
    expect(res.headers.get("x-amzn-errortype")).toMatch(/^ThrottlingException(:|$)/);
    expect(await res.json()).toEqual({ message: "Too many requests, please wait before trying again." });
  });

  it("takes a bearer token over HTTP/1.1, and refuses a request with neither bearer nor SigV4", async () => {
    const ok = await post(`/model/${encodeURIComponent(NOVA_LITE)}/converse`, { authorization: "Bearer any-token" });
    expect(ok.status).toBe(200);
    expect(standIn.calls.at(-1)).toMatchObject({ auth: "bearer", httpVersion: "1.1" });
    const refused = await post(`/model/${encodeURIComponent(NOVA_LITE)}/converse`, {});
    expect(refused.status).toBe(403);
    expect(refused.headers.get("x-amzn-errortype")).toMatch(/^MissingAuthenticationTokenException/);
  });

  it("sets and clears faults over HTTP for a stand-in in another process", async () => {
    const put = await fetch(`${standIn.url}/_standin/faults/${encodeURIComponent(NOVA_LITE)}`, {
      method: "PUT",
      body: JSON.stringify({ kind: "unavailable" }),
    });
    expect(put.status).toBe(200);
    expect((await caught(gw.converse({ modelId: NOVA_LITE, messages: hello }))).code).toBe("ServiceUnavailableException");
    await fetch(`${standIn.url}/_standin/faults/${encodeURIComponent(NOVA_LITE)}`, { method: "DELETE" });
    expect((await gw.converse({ modelId: NOVA_LITE, messages: hello })).text).toBe(expectedText);
    const bad = await fetch(`${standIn.url}/_standin/faults/*`, { method: "PUT", body: JSON.stringify({ kind: "meteor" }) });
    expect(bad.status).toBe(400);
  });
});

describe("tools", () => {
  const tools = [{ toolSpec: { name: "get_weather", inputSchema: { json: { type: "object" } } } }];
  const converse = (text: string, toolChoice?: object) =>
    fetch(`${standIn.url}/model/${encodeURIComponent(NOVA_LITE)}/converse`, {
      method: "POST",
      headers: { authorization: "Bearer t", "content-type": "application/json" },
      body: JSON.stringify({ messages: [{ role: "user", content: [{ text }] }], toolConfig: { tools, ...(toolChoice ? { toolChoice } : {}) } }),
    }).then((r) => r.json() as Promise<{ stopReason: string; output: { message: { content: object[] } } }>);

  it("answers a toolUse when the message says `call <tool> {json}`, text otherwise", async () => {
    const used = await converse('Please call get_weather {"city":"Paris"}');
    expect(used.stopReason).toBe("tool_use");
    expect(used.output.message.content[0]).toMatchObject({ toolUse: { name: "get_weather", input: { city: "Paris" } } });
    expect((await converse("What is the weather?")).stopReason).toBe("end_turn");
    expect((await converse("What is the weather?", { tool: { name: "get_weather" } })).stopReason).toBe("tool_use");
  });
});

describe("control plane", () => {
  it("lists the snapshot's foundation models, marking those reachable only through a profile", async () => {
    const models = await gw.listFoundationModels();
    const lite = models.find((m) => m.modelId === "amazon.nova-lite-v1:0");
    expect(lite).toMatchObject({ provider: "Amazon", outputModalities: ["TEXT"], streamingSupported: true, lifecycleStatus: "active" });
    const sonnet = models.find((m) => m.modelId === "anthropic.claude-sonnet-4-5-20250929-v1:0");
    expect(sonnet?.inferenceTypes).toEqual(["INFERENCE_PROFILE"]);
    expect(new Set((await gw.listFoundationModels({ provider: "Anthropic" })).map((m) => m.provider))).toEqual(new Set(["Anthropic"]));
  });

  it("follows nextToken over every page of inference profiles", async () => {
    const profiles = await gw.listInferenceProfiles();
    const expected = catalogSnapshot
      .filter((e) => e.geoScope === "eu" || e.geoScope === "global")
      .map((e) => e.modelId)
      .sort();
    expect(profiles.map((p) => p.profileId).sort()).toEqual(expected);
    expect(standIn.calls.filter((c) => c.operation === "ListInferenceProfiles").length).toBe(Math.ceil(expected.length / 7));
    expect(profiles.find((p) => p.profileId.startsWith("global."))?.includesGlobal).toBe(true);
  });

  it("gets one model, one profile and availability; unknown ones read as null", async () => {
    expect(await gw.getFoundationModel("amazon.nova-lite-v1:0")).toMatchObject({ modelId: "amazon.nova-lite-v1:0" });
    expect(await gw.getFoundationModel("nope.model-v1:0")).toBeNull();
    expect(await gw.getInferenceProfile(NOVA_LITE)).toMatchObject({ profileId: NOVA_LITE, type: "SYSTEM_DEFINED", includesGlobal: false });
    expect(await gw.getInferenceProfile("eu.nope.model-v1:0")).toBeNull();
    expect(await gw.getModelAvailability(NOVA_LITE)).toEqual({ authorized: true, agreement: "AVAILABLE", entitlement: true, regionAvailable: true });
    expect(standIn.calls.find((c) => c.operation === "GetFoundationModelAvailability")?.modelId).toBe("amazon.nova-lite-v1:0");
  });
});
