// A key revoked on one instance is refused by another within a second: two real server processes on one Postgres, each
// keeping the keys it authenticated in memory (server/keys/cache.ts) until a key change is announced (NOTIFY inside
// the revoking transaction). A change behind the app's back shows that the copy is real, so the NOTIFY is what works.
// Postgres only (instances share a database; PGlite is one process by construction): runs when DATABASE_URL is set.
import { Sha256 } from "@smithy/core/checksum";
import { SignatureV4 } from "@smithy/signature-v4";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDatabase } from "@/db/seed";
import { createTestDatabase, type TestDatabase } from "../support/test-db";
import { startInstance, within, type Instance, type Json } from "../cache/support/instances";

const ENTRY = new URL("./support/gateway-auth-instance.ts", import.meta.url).pathname;
const PATH = "/bedrock/model/health/converse";
/** The contract (issue 10, points 3 and 8): every instance refuses a revoked key within a second. */
const PROPAGATION_MS = 1_000;

describe.runIf(!!process.env.DATABASE_URL)("API keys across two instances on one Postgres", () => {
  let t: TestDatabase;
  let a: Instance;
  let b: Instance;
  const previousSecret = process.env.SWITCHBOARD_SESSION_SECRET;

  const bearerOn = async (i: Instance, token: string) => {
    const r = await fetch(`http://127.0.0.1:${i.port}${PATH}`, { method: "POST", headers: { authorization: `Bearer ${token}` }, body: "{}" });
    return { status: r.status, body: (await r.json()) as Json };
  };
  const signedOn = async (i: Instance, creds: { accessKeyId: string; secretAccessKey: string }) => {
    const host = `127.0.0.1:${i.port}`;
    const signer = new SignatureV4({ service: "bedrock", region: "eu-central-1", credentials: creds, sha256: Sha256 });
    const body = '{"messages":[]}';
    const signed = await signer.sign({
      method: "POST",
      protocol: "http:",
      hostname: "127.0.0.1",
      port: i.port,
      path: PATH,
      query: {},
      headers: { host, "content-type": "application/json" },
      body,
    });
    const headers = { ...signed.headers } as Record<string, string>;
    delete headers.host;
    const r = await fetch(`http://${host}${PATH}`, { method: "POST", headers, body });
    return { status: r.status, body: (await r.json()) as Json };
  };

  beforeAll(async () => {
    t = await createTestDatabase("postgres");
    await seedDatabase(t.db, { demo: false });
    // One deployment, one session secret: SigV4 secrets are encrypted under a key derived from it.
    process.env.SWITCHBOARD_SESSION_SECRET = "two-instances-session-secret-0123456789abcdef";
    [a, b] = await Promise.all([startInstance("A", t.url!, { entry: ENTRY }), startInstance("B", t.url!, { entry: ENTRY })]);
  });

  afterAll(async () => {
    if (previousSecret === undefined) delete process.env.SWITCHBOARD_SESSION_SECRET;
    else process.env.SWITCHBOARD_SESSION_SECRET = previousSecret;
    await Promise.all([a, b].filter(Boolean).map((i) => i.stop()));
    await t?.drop();
  });

  it("a key created on A works on B (bearer and SigV4); revoked on A, A refuses at once and B within a second", async () => {
    expect(a.child.pid).not.toBe(b.child.pid);
    const created = await a.orchestrate({ action: "keys-create", name: "shared", useCases: ["health"] });
    expect(created.status, JSON.stringify(created.body)).toBe(200);
    const { token, accessKeyId, secretAccessKey } = created.body as { token: string; accessKeyId: string; secretAccessKey: string };

    for (const i of [a, b]) {
      expect(await bearerOn(i, token)).toEqual({
        status: 200,
        body: { ok: true, principal: { kind: "key", keyId: created.body.key.id, name: "shared", useCases: ["health"] } },
      });
      expect((await signedOn(i, { accessKeyId, secretAccessKey })).status).toBe(200);
    }

    // Behind the app's back (no announcement), B keeps accepting the key it holds: it reads no row per request.
    await t.rows("update api_keys set name = 'renamed' where id = $1", [created.body.key.id]);
    expect((await bearerOn(b, token)).body.principal.name).toBe("shared");
    await t.rows("update api_keys set name = 'shared' where id = $1", [created.body.key.id]);

    expect((await a.orchestrate({ action: "keys-revoke", id: created.body.key.id })).status).toBe(200);
    // A refuses its very next request; B, on either scheme, as soon as the NOTIFY arrives (milliseconds).
    expect((await bearerOn(a, token)).status).toBe(401);
    const took = await within(PROPAGATION_MS, "B refuses the key revoked on A", async () => (await bearerOn(b, token)).status === 401);
    expect(took).toBeLessThanOrEqual(PROPAGATION_MS);
    expect(await bearerOn(b, token)).toEqual({ status: 401, body: { ok: false, message: "This API key was revoked." } });
    expect(await signedOn(b, { accessKeyId, secretAccessKey })).toEqual({ status: 401, body: { ok: false, message: "This API key was revoked." } });
  });

  it("revoking on B is honoured by A too", async () => {
    const created = await b.orchestrate({ action: "keys-create", name: "other" });
    const token = created.body.token as string;
    expect((await bearerOn(a, token)).status).toBe(200);
    expect((await b.orchestrate({ action: "keys-revoke", id: created.body.key.id })).status).toBe(200);
    await within(PROPAGATION_MS, "A refuses the key revoked on B", async () => (await bearerOn(a, token)).status === 401);
  });
});
