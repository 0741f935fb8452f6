// `switchboard keys create|list|revoke` as a user runs it, against a started server over a real database.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authenticateGatewayRequest } from "@/server/keys/authenticate";
import { codeOf } from "../support/errors";
import { drivers } from "../support/test-db";
import { startApiServer, type ApiServer } from "./support/api-server";
import { runCli, type Run } from "./support/run-cli";

// biome-ignore lint/suspicious/noExplicitAny: the CLI's JSON output, read loosely in assertions.
type Json = Record<string, any>;

const bearer = (token: string) =>
  authenticateGatewayRequest({
    method: "POST",
    pathWithQuery: "/v1/chat/completions",
    headers: new Headers({ authorization: `Bearer ${token}` }),
    body: new Uint8Array(),
  });

describe.each(drivers)("switchboard keys on %s", (kind) => {
  let server: ApiServer;
  let scratch: string;
  const cli = (args: string[], extra: Record<string, string | undefined> = {}): Promise<Run> => runCli(server.url, args, extra, scratch);

  beforeAll(async () => {
    server = await startApiServer(kind);
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), "sb-cli-keys-"));
  });
  afterAll(async () => {
    await server?.close();
    if (scratch) fs.rmSync(scratch, { recursive: true, force: true });
  });

  it("list says there are no keys yet", async () => {
    const r = await cli(["keys", "list"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("No API keys yet. Create one with `switchboard keys create <name>`.");
  });

  it("create prints the token, access key id and secret once, with a warning, and the token works", async () => {
    const r = await cli(["keys", "create", "checkout", "service", "--use-cases", "health, general"]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^✓ Created API key checkout service \(id [0-9a-f-]{36}; general, health\)$/m);
    const token = r.stdout.match(/^ {2}token {14}(sb-[A-Za-z0-9_-]{43})$/m)?.[1];
    expect(r.stdout).toMatch(/^ {2}access key id {6}SBK[A-Z0-9]{17}$/m);
    expect(r.stdout).toMatch(/^ {2}secret access key {2}\S{40}$/m);
    expect(r.stdout).toContain("! Copy them now: the token and the secret access key are shown only this once.");
    expect(await bearer(token!)).toMatchObject({ kind: "key", name: "checkout service", useCases: ["general", "health"] });
  });

  it("create --json prints the API's answer with the key and its secrets", async () => {
    const r = await cli(["keys", "create", "batch", "--json"]);
    expect(r.code).toBe(0);
    const body = JSON.parse(r.stdout) as Json;
    expect(r.stdout).toBe(`${JSON.stringify(body, null, 2)}\n`);
    expect(body).toMatchObject({ ok: true, key: { name: "batch", useCases: [], createdBy: "service", revokedAt: null }, accessKeyId: body.key.accessKeyId });
    expect(Object.keys(body).sort()).toEqual(["accessKeyId", "key", "ok", "secretAccessKey", "token"]);
    expect(body.key.id).toEqual(expect.any(String));
    expect(body.key.createdAt).toEqual(expect.any(String));
  });

  it("list shows every key with its prefix, use cases, last use and status, and never a secret", async () => {
    const created = JSON.parse((await cli(["keys", "create", "listed", "--json"])).stdout) as Json;
    await bearer(created.token);
    const r = await cli(["keys", "list"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^ID\s+NAME\s+TOKEN\s+ACCESS KEY ID\s+USE CASES\s+CREATED\s+LAST USED\s+STATUS$/m);
    const row = r.stdout.split("\n").find((l) => l.startsWith(created.key.id));
    expect(row).toMatch(
      new RegExp(
        `listed\\s+${created.key.tokenPrefix}…\\s+${created.key.accessKeyId}\\s+every use case\\s+\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d UTC\\s+\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d UTC\\s+active$`,
      ),
    );
    expect(r.stdout).not.toContain(created.token);
    expect(r.stdout).not.toContain(created.secretAccessKey);
    expect(r.stdout).toMatch(/^\d+ keys, \d+ active; last use is recorded to the minute$/m);
    const json = JSON.parse((await cli(["keys", "list", "--json"])).stdout) as { ok: boolean; keys: { id: string }[] };
    expect(json.ok).toBe(true);
    expect(json.keys.map((k) => k.id)).toContain(created.key.id);
  });

  it("revoke refuses the key from then on, is idempotent, and shows in the list", async () => {
    const created = JSON.parse((await cli(["keys", "create", "doomed", "--json"])).stdout) as Json;
    expect(await codeOf(bearer(created.token))).toBe("ok");
    const r = await cli(["keys", "revoke", created.key.id]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`^✓ Revoked API key doomed \\(id ${created.key.id}, since \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d UTC\\)$`, "m"));
    expect(await codeOf(bearer(created.token))).toBe("unauthorized");
    expect((await cli(["keys", "revoke", created.key.id])).code).toBe(0);
    const row = (await cli(["keys", "list"])).stdout.split("\n").find((l) => l.startsWith(created.key.id));
    expect(row).toMatch(/revoked \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC$/);
  });

  it("revoke of an unknown key is an API error (exit 1)", async () => {
    const r = await cli(["keys", "revoke", "00000000-0000-4000-8000-000000000000"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("error not_found: No API key with id 00000000-0000-4000-8000-000000000000.");
  });

  it("create with an unknown use case is refused by the server and creates nothing (exit 1)", async () => {
    const before = JSON.parse((await cli(["keys", "list", "--json"])).stdout).keys.length;
    const r = await cli(["keys", "create", "x", "--use-cases", "health,nope"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("error invalid_request: useCases: Unknown use case: nope.");
    expect(JSON.parse((await cli(["keys", "list", "--json"])).stdout).keys.length).toBe(before);
  });

  it.each([
    [["keys"], "missing <create|list|revoke>"],
    [["keys", "rotate"], 'unknown keys command "rotate" (create, list or revoke)'],
    [["keys", "create"], "missing <name>"],
    [["keys", "revoke"], "missing <id>"],
    [["keys", "create", "x".repeat(81)], "<name|id> must be at most 80 characters"],
    [["keys", "create", "x", "--use-cases", "Health"], "--use-cases must be a use-case name"],
    [["keys", "create", "x", "--use-cases", ","], "--use-cases needs at least one use case name"],
    [["keys", "list", "--use-cases", "health"], "--use-cases is only for create"],
    [["keys", "list", "extra"], 'unexpected argument "extra": list takes none'],
  ])("%j is a usage error (exit 2)", async (args, message) => {
    const r = await cli(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`error: ${message}`);
    expect(r.stderr).toContain("usage: switchboard keys create <name> [--use-cases a,b] | list | revoke <id>");
  });

  it("help keys documents the subcommands", async () => {
    const r = await cli(["help", "keys"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("--use-cases a,b");
    expect(r.stdout).toContain("switchboard keys create checkout-service --use-cases health,general");
    expect((await cli(["--help"])).stdout).toContain("keys create <name> [--use-cases a,b] | list | revoke <id>");
  });
});
