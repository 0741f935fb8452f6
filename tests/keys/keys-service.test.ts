// API keys through the service layer on a real database: create, list, revoke, and the bearer path of
// authenticateGatewayRequest (service key, a key's token, a revoked one), last use and the use-case limit.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiKeys } from "@/db/schema";
import { authenticateGatewayRequest, LAST_USED_RESOLUTION_MS } from "@/server/keys/authenticate";
import { createApiKey } from "@/server/keys/create-key";
import { listApiKeys } from "@/server/keys/list-keys";
import { assertKeyMayUse } from "@/server/keys/may-use";
import { decryptSecret, hashToken } from "@/server/keys/material";
import { revokeApiKey } from "@/server/keys/revoke-key";
import type { GatewayRequestParts } from "@/server/gateway/principal";
import { createServiceFixture, type ServiceFixture } from "../support/service-fixture";
import { codeOf, failure } from "../support/errors";
import { drivers } from "../support/test-db";

const SERVICE_KEY = "test-service-key-0123456789abcdef";

const bearer = (token: string): GatewayRequestParts => ({
  method: "POST",
  pathWithQuery: "/v1/chat/completions",
  headers: new Headers({ authorization: `Bearer ${token}` }),
  body: new Uint8Array(),
});

describe.each(drivers)("API keys on %s", (kind) => {
  let f: ServiceFixture;
  beforeAll(async () => {
    f = await createServiceFixture(kind);
  });
  afterAll(async () => f?.t.drop());

  const storedRow = async (id: string) => (await f.t.db.select().from(apiKeys)).find((r) => r.id === id)!;

  it("creates a key whose secrets are answered once and stored only hashed or encrypted", async () => {
    const created = await createApiKey({ actor: f.admin, input: { name: "  billing backend ", useCases: ["health", "clinical", "health"] } });
    expect(created.token).toMatch(/^sb-[A-Za-z0-9_-]{43}$/);
    expect(created.accessKeyId).toMatch(/^SBK[A-Z0-9]{17}$/);
    expect(created.secretAccessKey).toHaveLength(40);
    expect(created.key).toMatchObject({
      name: "billing backend",
      useCases: ["clinical", "health"],
      accessKeyId: created.accessKeyId,
      tokenPrefix: created.token.slice(0, 9),
      createdBy: "a@test.local",
      lastUsedAt: null,
      revokedAt: null,
    });
    const row = await storedRow(created.key.id);
    expect(row.tokenHash).toBe(hashToken(created.token));
    const stored = JSON.stringify(row);
    expect(stored).not.toContain(created.token);
    expect(stored).not.toContain(created.secretAccessKey);
    // The secret decrypts only with its own access key id (bound as associated data).
    expect(decryptSecret(row.secretEncrypted, created.accessKeyId)).toBe(created.secretAccessKey);
    expect(decryptSecret(row.secretEncrypted, "SBKAAAAAAAAAAAAAAAAA")).toBeNull();
  });

  it("gives every key different secrets", async () => {
    const a = await createApiKey({ actor: f.service, input: { name: "a" } });
    const b = await createApiKey({ actor: f.service, input: { name: "a" } });
    expect(new Set([a.token, b.token]).size).toBe(2);
    expect(new Set([a.accessKeyId, b.accessKeyId]).size).toBe(2);
    expect(new Set([a.secretAccessKey, b.secretAccessKey]).size).toBe(2);
    expect(a.key.createdBy).toBe("service");
  });

  it.each([
    ["an empty name", { name: "   " }, "name", /name/],
    ["a name over 80 characters", { name: "x".repeat(81) }, "name", /80/],
    ["an unknown use case", { name: "k", useCases: ["health", "nope"] }, "useCases", /Unknown use case: nope/],
  ])("refuses %s and stores nothing", async (_what, input, field, message) => {
    const before = await f.count("select count(*) as n from api_keys");
    const err = await failure(createApiKey({ actor: f.admin, input }));
    expect(err.code).toBe("invalid_request");
    expect((err.details as { fieldErrors: Record<string, string> }).fieldErrors[field]).toMatch(message);
    expect(await f.count("select count(*) as n from api_keys")).toBe(before);
  });

  it("lets only admins and the service key manage keys", async () => {
    for (const actor of [f.analyst, f.user]) {
      expect(await codeOf(createApiKey({ actor, input: { name: "x" } }))).toBe("forbidden");
      expect(await codeOf(listApiKeys({ actor }))).toBe("forbidden");
      expect(await codeOf(revokeApiKey({ actor, id: "00000000-0000-4000-8000-000000000000" }))).toBe("forbidden");
    }
  });

  it("lists keys newest first without any secret", async () => {
    const created = await createApiKey({ actor: f.admin, input: { name: "listed" } });
    const keys = await listApiKeys({ actor: f.admin });
    expect(keys[0]).toEqual(created.key);
    expect(Object.keys(keys[0]!).sort()).toEqual(
      ["accessKeyId", "createdAt", "createdBy", "id", "lastUsedAt", "name", "revokedAt", "tokenPrefix", "useCases"].sort(),
    );
    expect(JSON.stringify(keys)).not.toContain(created.token);
    expect(JSON.stringify(keys)).not.toContain(created.secretAccessKey);
  });

  it("accepts the service key and a key's token as bearer, and refuses anything else", async () => {
    const created = await createApiKey({ actor: f.admin, input: { name: "bearer", useCases: ["health"] } });
    expect(await authenticateGatewayRequest(bearer(SERVICE_KEY))).toEqual({ kind: "service" });
    expect(await authenticateGatewayRequest(bearer(created.token))).toEqual({ kind: "key", keyId: created.key.id, name: "bearer", useCases: ["health"] });
    expect(await codeOf(authenticateGatewayRequest(bearer(`${created.token}x`)))).toBe("unauthorized");
    expect(await codeOf(authenticateGatewayRequest(bearer(created.accessKeyId)))).toBe("unauthorized");
    const none: GatewayRequestParts = { ...bearer(""), headers: new Headers() };
    expect(await codeOf(authenticateGatewayRequest(none))).toBe("unauthorized");
  });

  it("revokes: the next request with the key is refused, and revoking again changes nothing", async () => {
    const created = await createApiKey({ actor: f.admin, input: { name: "to revoke" } });
    await authenticateGatewayRequest(bearer(created.token));
    const revoked = await revokeApiKey({ actor: f.admin, id: created.key.id });
    expect(revoked.revokedAt).not.toBeNull();
    const err = await failure(authenticateGatewayRequest(bearer(created.token)));
    expect([err.code, err.message]).toEqual(["unauthorized", "This API key was revoked."]);
    const again = await revokeApiKey({ actor: f.service, id: created.key.id });
    expect(again.revokedAt).toBe(revoked.revokedAt);
    expect((await listApiKeys({ actor: f.admin })).find((k) => k.id === created.key.id)?.revokedAt).toBe(revoked.revokedAt);
  });

  it("answers not_found for an unknown key id, UUID or not", async () => {
    expect(await codeOf(revokeApiKey({ actor: f.admin, id: "00000000-0000-4000-8000-000000000000" }))).toBe("not_found");
    expect(await codeOf(revokeApiKey({ actor: f.admin, id: "nope" }))).toBe("not_found");
  });

  it("records the last use at most once a minute per key", async () => {
    const created = await createApiKey({ actor: f.admin, input: { name: "last use" } });
    const t0 = new Date("2026-12-03T10:00:00.000Z");
    const at = (ms: number) => ({ now: () => new Date(t0.getTime() + ms) });
    await authenticateGatewayRequest(bearer(created.token), at(0));
    expect((await storedRow(created.key.id)).lastUsedAt?.toISOString()).toBe(t0.toISOString());
    await authenticateGatewayRequest(bearer(created.token), at(LAST_USED_RESOLUTION_MS - 1_000));
    expect((await storedRow(created.key.id)).lastUsedAt?.toISOString()).toBe(t0.toISOString());
    await authenticateGatewayRequest(bearer(created.token), at(LAST_USED_RESOLUTION_MS + 1_000));
    expect((await storedRow(created.key.id)).lastUsedAt?.toISOString()).toBe(new Date(t0.getTime() + LAST_USED_RESOLUTION_MS + 1_000).toISOString());
    const listed = (await listApiKeys({ actor: f.admin })).find((k) => k.id === created.key.id);
    expect(listed?.lastUsedAt).toBe(new Date(t0.getTime() + LAST_USED_RESOLUTION_MS + 1_000).toISOString());
  });

  it("limits a key to its use cases", async () => {
    const limited = await authenticateGatewayRequest(bearer((await createApiKey({ actor: f.admin, input: { name: "l", useCases: ["health"] } })).token));
    const open = await authenticateGatewayRequest(bearer((await createApiKey({ actor: f.admin, input: { name: "o" } })).token));
    expect(() => assertKeyMayUse(limited, "health")).not.toThrow();
    expect(() => assertKeyMayUse(limited, "clinical")).toThrow(/may not call the use case clinical; it is limited to health/);
    expect(() => assertKeyMayUse(limited, null)).toThrow(/limited to the use cases health/);
    for (const useCase of ["clinical", null]) {
      expect(() => assertKeyMayUse(open, useCase)).not.toThrow();
      expect(() => assertKeyMayUse({ kind: "service" }, useCase)).not.toThrow();
    }
    const thrown = (() => {
      try {
        assertKeyMayUse(limited, "clinical");
      } catch (err) {
        return err;
      }
      return undefined;
    })();
    expect(thrown).toMatchObject({ code: "forbidden", status: 403 });
  });
});
