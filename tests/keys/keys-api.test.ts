// The keys actions of POST /api/orchestrate (what the CLI calls): service key or an admin's session only, the
// secrets in the create answer and nowhere else, field-named 400s, 404 for an unknown key, idempotent revoke.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/server/auth/roles";
import { createSession } from "@/server/auth/session";
import { authenticateGatewayRequest } from "@/server/keys/authenticate";
import { call, expectError, expectOk } from "../api/support/orchestrate-client";
import { codeOf } from "../support/errors";
import { createServiceFixture, type ServiceFixture } from "../support/service-fixture";
import { drivers } from "../support/test-db";

const userId = (a: Actor) => (a.kind === "user" ? a.user.id : "");
const KEY_FIELDS = ["accessKeyId", "createdAt", "createdBy", "id", "lastUsedAt", "name", "revokedAt", "tokenPrefix", "useCases"];

describe.each(drivers)("keys actions of /api/orchestrate on %s", (kind) => {
  let f: ServiceFixture;
  const tok = { admin: "", analyst: "" };
  const keyCount = () => f.count("select count(*)::int as n from api_keys");

  beforeAll(async () => {
    f = await createServiceFixture(kind);
    tok.admin = (await createSession(userId(f.admin))).value;
    tok.analyst = (await createSession(userId(f.analyst))).value;
  });
  afterAll(async () => f?.t.drop());

  it("keys-create answers the key and its secrets once; keys-list never shows them", async () => {
    const body = expectOk(await call({ action: "keys-create", name: "checkout", useCases: ["health"] }));
    expect(Object.keys(body).sort()).toEqual(["accessKeyId", "key", "ok", "secretAccessKey", "token"]);
    expect(Object.keys(body.key).sort()).toEqual(KEY_FIELDS);
    expect(body.key).toMatchObject({ name: "checkout", useCases: ["health"], createdBy: "service", revokedAt: null, accessKeyId: body.accessKeyId });
    const principal = await authenticateGatewayRequest({
      method: "POST",
      pathWithQuery: "/v1/chat/completions",
      headers: new Headers({ authorization: `Bearer ${body.token}` }),
      body: new Uint8Array(),
    });
    expect(principal).toMatchObject({ kind: "key", keyId: body.key.id });

    const list = expectOk(await call({ action: "keys-list" }));
    // The key was used once since (the authentication above): the listing shows when.
    expect(list.keys.find((k: { id: string }) => k.id === body.key.id)).toEqual({ ...body.key, lastUsedAt: expect.any(String) });
    expect(JSON.stringify(list)).not.toContain(body.token);
    expect(JSON.stringify(list)).not.toContain(body.secretAccessKey);
  });

  it("lets an admin's session manage keys and refuses an analyst's", async () => {
    const created = expectOk(await call({ action: "keys-create", name: "by admin" }, { token: tok.admin }));
    expect(created.key.createdBy).toBe("a@test.local");
    const before = await keyCount();
    expectError(await call({ action: "keys-create", name: "by analyst" }, { token: tok.analyst }), 403, "forbidden");
    expectError(await call({ action: "keys-list" }, { token: tok.analyst }), 403, "forbidden");
    expectError(await call({ action: "keys-revoke", id: created.key.id }, { token: tok.analyst }), 403, "forbidden");
    expectError(await call({ action: "keys-list" }, { token: null }), 401, "unauthorized");
    expect(await keyCount()).toBe(before);
    expect((expectOk(await call({ action: "keys-list" })).keys as { revokedAt: string | null }[]).every((k) => k.revokedAt === null)).toBe(true);
  });

  it.each([
    ["no name", { action: "keys-create" }, /^name: is required/],
    ["a name over 80 characters", { action: "keys-create", name: "x".repeat(81) }, /^name: .*80/],
    ["an unknown use case", { action: "keys-create", name: "k", useCases: ["health", "nope"] }, "useCases: Unknown use case: nope."],
    ["use cases not a list", { action: "keys-create", name: "k", useCases: "health" }, /^useCases: /],
    ["a misspelt parameter", { action: "keys-create", name: "k", usecases: ["health"] }, "Unknown parameter: usecases."],
    ["a revoke without id", { action: "keys-revoke" }, /^id: is required/],
  ])("refuses %s with a 400 naming the field, and stores nothing", async (_what, body, message) => {
    const before = await keyCount();
    expectError(await call(body), 400, "invalid_request", message);
    expect(await keyCount()).toBe(before);
  });

  it("revokes idempotently, and answers 404 for an unknown key", async () => {
    const created = expectOk(await call({ action: "keys-create", name: "temp" }));
    const first = expectOk(await call({ action: "keys-revoke", id: created.key.id }));
    expect(first.key.revokedAt).toEqual(expect.any(String));
    const second = expectOk(await call({ action: "keys-revoke", id: created.key.id }));
    expect(second.key.revokedAt).toBe(first.key.revokedAt);
    const bearer = { method: "POST", pathWithQuery: "/v1/models", headers: new Headers({ authorization: `Bearer ${created.token}` }), body: new Uint8Array() };
    expect(await codeOf(authenticateGatewayRequest(bearer))).toBe("unauthorized");
    expectError(await call({ action: "keys-revoke", id: "00000000-0000-4000-8000-000000000000" }), 404, "not_found", /No API key/);
    expectError(await call({ action: "keys-revoke", id: "not-an-id" }), 404, "not_found");
  });

  it("does not let an API key's token call the control-plane API", async () => {
    const created = expectOk(await call({ action: "keys-create", name: "gateway only" }));
    expectError(await call({ action: "keys-list" }, { token: created.token }), 401, "unauthorized");
  });
});
