// The AWS SDK's own BedrockRuntimeClient, unchanged, against a loopback server that authenticates with
// authenticateGatewayRequest: SigV4 with a key's access key id and secret, and the bearer token scheme.
import { BedrockRuntimeClient, ConverseCommand } from "@aws-sdk/client-bedrock-runtime";
import { Sha256 } from "@smithy/core/checksum";
import { SignatureV4 } from "@smithy/signature-v4";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { CreatedApiKey } from "@/lib/api-keys";
import { createApiKey } from "@/server/keys/create-key";
import { revokeApiKey } from "@/server/keys/revoke-key";
import { createServiceFixture, type ServiceFixture } from "../support/service-fixture";
import { drivers } from "../support/test-db";
import { startAuthEchoServer, type AuthEchoServer } from "./support/auth-echo-server";

const MINUTE = 60_000;
type Request = { body?: unknown; headers: Record<string, string> };
type Tamper = (request: Request) => void;

describe.each(drivers)("SigV4 and bearer from the AWS SDK on %s", (kind) => {
  let f: ServiceFixture;
  let server: AuthEchoServer;
  let key: CreatedApiKey;

  beforeAll(async () => {
    f = await createServiceFixture(kind);
    server = await startAuthEchoServer();
    key = await createApiKey({ actor: f.admin, input: { name: "python backend", useCases: ["health"] } });
  });
  afterAll(async () => {
    await server?.close();
    await f?.t.drop();
  });
  beforeEach(() => server.setClockOffset(0));

  /** A client with ordinary credentials; `tamper` changes the request after it was signed. */
  function sigv4Client(credentials = { accessKeyId: key.accessKeyId, secretAccessKey: key.secretAccessKey }, tamper?: Tamper) {
    const client = new BedrockRuntimeClient({ region: "eu-central-1", endpoint: `${server.url}/bedrock`, credentials, maxAttempts: 1 });
    if (tamper) {
      // The deserialize step runs after signing (finalizeRequest), just before the request is sent.
      client.middlewareStack.add(
        (next) => async (args) => {
          tamper(args.request as Request);
          return next(args);
        },
        { step: "deserialize", name: "tamperAfterSigning" },
      );
    }
    return client;
  }

  const converse = (client: BedrockRuntimeClient, modelId = "health", text = "hello there") =>
    client.send(new ConverseCommand({ modelId, messages: [{ role: "user", content: [{ text }] }] }));

  /** The HTTP status the SDK saw when it failed, with the server's reason. */
  async function refusal(p: Promise<unknown>): Promise<{ status: number | undefined; reason: string | null }> {
    const err = await p.then(
      () => null,
      (e: unknown) => e as { $metadata?: { httpStatusCode?: number } },
    );
    expect(err, "the request was accepted").not.toBeNull();
    return { status: err!.$metadata?.httpStatusCode, reason: server.lastRefusal() };
  }

  it("accepts a request signed with the key's access key id and secret", async () => {
    const r = await converse(sigv4Client());
    expect(r.output?.message?.content?.[0]?.text).toBe("key python backend [health]");
    expect(server.lastHeaders().authorization).toMatch(
      new RegExp(`^AWS4-HMAC-SHA256 Credential=${key.accessKeyId}/\\d{8}/eu-central-1/bedrock/aws4_request, `),
    );
  });

  it("accepts a model id that needs escaping in the path, and any region in the scope", async () => {
    const client = new BedrockRuntimeClient({
      region: "us-east-1",
      endpoint: `${server.url}/bedrock`,
      credentials: { accessKeyId: key.accessKeyId, secretAccessKey: key.secretAccessKey },
      maxAttempts: 1,
    });
    const r = await converse(client, "eu.amazon.nova-lite-v1:0");
    expect(r.output?.message?.content?.[0]?.text).toBe("key python backend [health]");
  });

  it("refuses a wrong secret", async () => {
    const wrong = { accessKeyId: key.accessKeyId, secretAccessKey: `${key.secretAccessKey.slice(0, -1)}${key.secretAccessKey.endsWith("A") ? "B" : "A"}` };
    expect(await refusal(converse(sigv4Client(wrong)))).toEqual({ status: 401, reason: expect.stringMatching(/signature does not match/) });
  });

  it("refuses an access key id that is not a key's", async () => {
    const other = { accessKeyId: "SBKAAAAAAAAAAAAAAAAA", secretAccessKey: key.secretAccessKey };
    expect(await refusal(converse(sigv4Client(other)))).toEqual({ status: 401, reason: expect.stringMatching(/not a Switchboard API key/) });
  });

  it("refuses a body changed after signing", async () => {
    const client = sigv4Client(undefined, (r) => {
      r.body = String(r.body).replace("hello there", "HELLO THERE");
    });
    expect(await refusal(converse(client))).toEqual({ status: 401, reason: expect.stringMatching(/signature does not match|x-amz-content-sha256/) });
  });

  it("refuses a body changed after signing even when its declared hash is changed to match", async () => {
    const { createHash } = await import("node:crypto");
    const client = sigv4Client(undefined, (r) => {
      r.body = String(r.body).replace("hello there", "HELLO THERE");
      r.headers["x-amz-content-sha256"] = createHash("sha256").update(String(r.body)).digest("hex");
    });
    expect(await refusal(converse(client))).toEqual({ status: 401, reason: expect.stringMatching(/signature does not match/) });
  });

  it("refuses a request missing one of its signed headers", async () => {
    const client = sigv4Client(undefined, (r) => {
      const name = Object.keys(r.headers).find((h) => h.toLowerCase() === "content-type")!;
      delete r.headers[name];
    });
    expect(await refusal(converse(client))).toEqual({ status: 401, reason: "The signed header content-type is missing from the request." });
  });

  it("refuses a changed signed header", async () => {
    const client = sigv4Client(undefined, (r) => {
      r.headers["content-type"] = "text/plain";
    });
    expect(await refusal(converse(client))).toEqual({ status: 401, reason: expect.stringMatching(/signature does not match/) });
  });

  it("refuses a signature 16 minutes old and accepts one 14 minutes old", async () => {
    server.setClockOffset(16 * MINUTE);
    expect(await refusal(converse(sigv4Client()))).toEqual({ status: 401, reason: expect.stringMatching(/more than 15 minutes/) });
    server.setClockOffset(-16 * MINUTE); // dated in the server's future
    expect(await refusal(converse(sigv4Client()))).toEqual({ status: 401, reason: expect.stringMatching(/more than 15 minutes/) });
    server.setClockOffset(14 * MINUTE);
    expect((await converse(sigv4Client())).output?.message?.content?.[0]?.text).toBe("key python backend [health]");
  });

  it("accepts the key's token through the SDK's bearer scheme, and never a token it does not know", async () => {
    const client = new BedrockRuntimeClient({
      region: "eu-central-1",
      endpoint: `${server.url}/bedrock`,
      token: { token: key.token },
      authSchemePreference: ["httpBearerAuth"],
      maxAttempts: 1,
    });
    expect((await converse(client)).output?.message?.content?.[0]?.text).toBe("key python backend [health]");
    expect(server.lastHeaders().authorization).toBe(`Bearer ${key.token}`);
    const unknown = new BedrockRuntimeClient({
      region: "eu-central-1",
      endpoint: `${server.url}/bedrock`,
      token: { token: "sb-not-a-key" },
      authSchemePreference: ["httpBearerAuth"],
      maxAttempts: 1,
    });
    expect(await refusal(converse(unknown))).toEqual({ status: 401, reason: "The API key is not valid." });
  });

  it("refuses a revoked key on both schemes, at once", async () => {
    const k = await createApiKey({ actor: f.admin, input: { name: "short-lived" } });
    const signed = sigv4Client({ accessKeyId: k.accessKeyId, secretAccessKey: k.secretAccessKey });
    const withToken = new BedrockRuntimeClient({
      region: "eu-central-1",
      endpoint: `${server.url}/bedrock`,
      token: { token: k.token },
      authSchemePreference: ["httpBearerAuth"],
      maxAttempts: 1,
    });
    expect((await converse(signed)).output?.message?.content?.[0]?.text).toBe("key short-lived []");
    expect((await converse(withToken)).output?.message?.content?.[0]?.text).toBe("key short-lived []");
    await revokeApiKey({ actor: f.admin, id: k.key.id });
    expect(await refusal(converse(signed))).toEqual({ status: 401, reason: "This API key was revoked." });
    expect(await refusal(converse(withToken))).toEqual({ status: 401, reason: "This API key was revoked." });
  });

  describe("over HTTP/1.1 with a signed Host header (as boto3 sends it)", () => {
    let key: CreatedApiKey;
    beforeAll(async () => {
      key = await createApiKey({ actor: f.admin, input: { name: "boto3" } });
    });

    async function send(opts: { secret?: string; path?: string; query?: Record<string, string>; sentPath?: string } = {}) {
      const url = new URL(server.http1Url);
      const body = JSON.stringify({ messages: [{ role: "user", content: [{ text: "hi" }] }] });
      const path = opts.path ?? "/bedrock/model/eu.amazon.nova-lite-v1%3A0/converse";
      const signer = new SignatureV4({
        service: "bedrock",
        region: "eu-west-1",
        credentials: { accessKeyId: key.accessKeyId, secretAccessKey: opts.secret ?? key.secretAccessKey },
        sha256: Sha256,
      });
      const signed = await signer.sign({
        method: "POST",
        protocol: "http:",
        hostname: url.hostname,
        port: Number(url.port),
        path,
        query: opts.query ?? {},
        headers: { host: url.host, "content-type": "application/json" },
        body,
      });
      const qs = new URLSearchParams(opts.query ?? {}).toString();
      const headers = { ...signed.headers } as Record<string, string>;
      delete headers.host;
      const r = await fetch(`${server.http1Url}${opts.sentPath ?? path}${qs ? `?${qs}` : ""}`, { method: "POST", headers, body });
      return { status: r.status, signedHeaders: /SignedHeaders=([^,]+)/.exec(headers.authorization!)?.[1], reason: server.lastRefusal() };
    }

    it("accepts it, with an escaped path and a query", async () => {
      const r = await send({ query: { b: "2 3", a: "1" } });
      expect(r).toEqual({ status: 200, signedHeaders: expect.stringMatching(/^content-type;host;/), reason: null });
    });

    it("refuses it with the wrong secret or when sent to another path than signed", async () => {
      expect((await send({ secret: "x".repeat(40) })).status).toBe(401);
      expect(server.lastRefusal()).toMatch(/signature does not match/);
      expect((await send({ sentPath: "/bedrock/model/other/converse" })).status).toBe(401);
      expect(server.lastRefusal()).toMatch(/signature does not match/);
    });
  });
});
