// Named API keys at the gateway's doors, through the official SDKs over real HTTP on a real database (both drivers):
// a key's bearer token with the openai SDK, its access key pair with the AWS SDK's ordinary SigV4 (and its token with
// the bearer scheme), a key limited to one use case refused elsewhere (403, nothing written), a revoked key refused at once.
import {
  AccessDeniedException,
  BedrockRuntimeClient,
  ConverseCommand,
  ConverseStreamCommand,
  type ConverseStreamOutput,
} from "@aws-sdk/client-bedrock-runtime";
import OpenAI from "openai";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { CreatedApiKey } from "@/lib/api-keys";
import { createApiKey } from "@/server/keys/create-key";
import { revokeApiKey } from "@/server/keys/revoke-key";
import type { ServiceFixture } from "../support/service-fixture";
import { drivers } from "../support/test-db";
import { HAIKU, NOVA_LITE } from "../support/models";
import type { GatewayServer } from "./support/gateway-server";
import { records, resetFaults, startOfflineGateway } from "./support/offline-gateway";

const hello = [{ role: "user" as const, content: [{ text: "hello" }] }];

describe.each(drivers)("API keys at the gateway on %s", (kind) => {
  let f: ServiceFixture;
  let server: GatewayServer;
  let healthOnly: CreatedApiKey;
  let everything: CreatedApiKey;
  const clients: BedrockRuntimeClient[] = [];
  const sigv4 = (k: CreatedApiKey) => {
    const c = new BedrockRuntimeClient({
      region: "eu-central-1",
      endpoint: `${server.url}/bedrock`,
      credentials: { accessKeyId: k.accessKeyId, secretAccessKey: k.secretAccessKey },
      maxAttempts: 1,
    });
    clients.push(c);
    return c;
  };
  const openai = (token: string) => new OpenAI({ apiKey: token, baseURL: `${server.url}/v1`, maxRetries: 0 });
  let close: () => Promise<void>;
  const { written, lastInvocation } = records(() => f);

  beforeAll(async () => {
    ({ f, server, close } = await startOfflineGateway(kind));
    healthOnly = await createApiKey({ actor: f.admin, input: { name: "health backend", useCases: ["health"] } });
    everything = await createApiKey({ actor: f.admin, input: { name: "platform" } });
  });
  afterAll(async () => {
    for (const c of clients) c.destroy();
    await close?.();
  });
  afterEach(async () => resetFaults(f));

  it("openai SDK with a key's token: served and recorded under the key; another use case or a model id is 403", async () => {
    const client = openai(healthOnly.token);
    const ok = await client.chat.completions.create({ model: "health", messages: [{ role: "user", content: "hi" }], user: "u-1" });
    expect(ok.model).toBe(NOVA_LITE);
    expect(await lastInvocation()).toMatchObject({ api_key_id: healthOnly.key.id, end_user: "u-1", source: "openai" });

    const before = await written();
    for (const model of ["clinical", HAIKU]) {
      const err = await client.chat.completions
        .create({ model, messages: [{ role: "user", content: "hi" }] }, { headers: { "x-switchboard-conversation-id": `k-${kind}-${model}` } })
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(OpenAI.PermissionDeniedError);
      expect((err as InstanceType<typeof OpenAI.PermissionDeniedError>).error).toMatchObject({ type: "permission_error", code: "forbidden" });
    }
    expect(await written()).toEqual(before);

    // The model list shows what the key may call: its use case only.
    const ids: string[] = [];
    for await (const m of client.models.list()) ids.push(m.id);
    expect(ids).toEqual(["health"]);
    const all: string[] = [];
    for await (const m of openai(everything.token).models.list()) all.push(m.id);
    expect(all).toEqual(expect.arrayContaining(["clinical", "health", HAIKU]));
  });

  it("AWS SDK with the key's access key pair (SigV4): converse and converse-stream; another use case is AccessDeniedException", async () => {
    const client = sigv4(healthOnly);
    const out = await client.send(new ConverseCommand({ modelId: "health", messages: hello }));
    expect(out.output?.message?.content?.[0]?.text).toContain(NOVA_LITE);
    expect(await lastInvocation()).toMatchObject({ api_key_id: healthOnly.key.id, source: "bedrock" });
    const events: ConverseStreamOutput[] = [];
    for await (const e of (await client.send(new ConverseStreamCommand({ modelId: "health", messages: hello }))).stream ?? []) events.push(e);
    expect(events.at(-1)?.metadata?.usage?.outputTokens).toBeGreaterThan(0);

    const before = await written();
    const denied = await client.send(new ConverseCommand({ modelId: "clinical", messages: hello })).catch((e: unknown) => e);
    expect(denied).toBeInstanceOf(AccessDeniedException);
    const deniedStream = await client.send(new ConverseStreamCommand({ modelId: HAIKU, messages: hello })).catch((e: unknown) => e);
    expect(deniedStream).toBeInstanceOf(AccessDeniedException);
    expect(await written()).toEqual(before);

    // A wrong secret does not verify.
    const forged = sigv4({ ...healthOnly, secretAccessKey: `${healthOnly.secretAccessKey.slice(0, -2)}xx` });
    const err = await forged.send(new ConverseCommand({ modelId: "health", messages: hello })).catch((e: unknown) => e);
    expect((err as { $metadata: { httpStatusCode: number } }).$metadata.httpStatusCode).toBe(403);
    expect((err as Error).name).toBe("UnrecognizedClientException");
    expect(await written()).toEqual(before);
  });

  it("AWS SDK with the key's token (bearer scheme) works; a revoked key is refused at once by both doors", async () => {
    const key = await createApiKey({ actor: f.admin, input: { name: `short-lived ${kind}` } });
    const bearer = new BedrockRuntimeClient({
      region: "eu-central-1",
      endpoint: `${server.url}/bedrock`,
      token: { token: key.token },
      authSchemePreference: ["httpBearerAuth"],
      maxAttempts: 1,
    });
    clients.push(bearer);
    expect((await bearer.send(new ConverseCommand({ modelId: "general", messages: hello }))).stopReason).toBe("end_turn");
    expect((await openai(key.token).chat.completions.create({ model: "general", messages: [{ role: "user", content: "hi" }] })).model).toBe(HAIKU);

    await revokeApiKey({ actor: f.admin, id: key.key.id });
    const before = await written();
    await expect(openai(key.token).chat.completions.create({ model: "general", messages: [{ role: "user", content: "hi" }] })).rejects.toBeInstanceOf(
      OpenAI.AuthenticationError,
    );
    const refused = await bearer.send(new ConverseCommand({ modelId: "general", messages: hello })).catch((e: unknown) => e);
    expect((refused as Error).name).toBe("UnrecognizedClientException");
    const refusedSigV4 = await sigv4(key)
      .send(new ConverseCommand({ modelId: "general", messages: hello }))
      .catch((e: unknown) => e);
    expect((refusedSigV4 as Error).name).toBe("UnrecognizedClientException");
    expect(await written()).toEqual(before);
  });
});
