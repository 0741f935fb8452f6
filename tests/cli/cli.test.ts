// The CLI against a started server: a real node:http server answering with the real orchestrate handler over a
// seeded PGlite database. Most cases run cli/main.ts in this process with its own env, cwd and output streams (as
// bin/switchboard.mjs calls it); a few smoke tests run `node bin/switchboard.mjs ...` as a user does, as a child
// process, to cover the launcher, stdio and the exit code.
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApiServer, type ApiServer } from "./support/api-server";
import { CLI_SERVICE_KEY, runCli, runCliProcess, type Run } from "./support/run-cli";
import { NOVA_LITE, NOVA_MICRO, SONNET_45 } from "../support/models";

const ANSI = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`);

let server: ApiServer;
let scratch: string;

const cli = (args: string[], extra: Record<string, string | undefined> = {}, cwd = scratch): Promise<Run> => runCli(server.url, args, extra, cwd);
const cliProcess = (args: string[], extra: Record<string, string | undefined> = {}, cwd = scratch): Promise<Run> => runCliProcess(server.url, args, extra, cwd);

async function closedPort(): Promise<number> {
  const s = http.createServer();
  await new Promise<void>((resolve) => s.listen(0, "127.0.0.1", resolve));
  const { port } = s.address() as AddressInfo;
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return port;
}

beforeAll(async () => {
  server = await startApiServer();
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), "sb-cli-"));
});

afterAll(async () => {
  await server?.close();
  if (scratch) fs.rmSync(scratch, { recursive: true, force: true });
});

describe("switchboard CLI against a started server", () => {
  it("list prints the catalog as a table with $ prices per MTok", async () => {
    const r = await cli(["list"]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    expect(r.stdout).toMatch(/MODEL ID\s+NAME\s+PROVIDER\s+SCOPE\s+IN \$\/MTOK\s+OUT \$\/MTOK\s+CONTEXT\s+LIFECYCLE/);
    const row = r.stdout.split("\n").find((l) => l.startsWith(`${NOVA_LITE} `));
    expect(row).toMatch(/Nova Lite\s+Amazon\s+eu\s+\$0\.078\s+\$0\.312\s+300K\s+active/);
    expect(r.stdout).not.toMatch(ANSI);
  });

  it("list filters by provider and use case, and --all adds disabled models", async () => {
    const amazon = await cli(["list", "--provider", "amazon", "--use-case", "health"]);
    expect(amazon.code).toBe(0);
    const rows = amazon.stdout.split("\n").filter((l) => /^\S+\s+.*\$/.test(l) && !l.startsWith("MODEL ID"));
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row).toContain("Amazon");
    const all = await cli(["list", "--all"]);
    expect(all.stdout).toMatch(/eu\.anthropic\.claude-3-haiku-20240307-v1:0 .*disabled/);
  });

  it("list --json prints the API's body as is and nothing else", async () => {
    const r = await cli(["list", "--json"]);
    expect(r.code).toBe(0);
    const body = JSON.parse(r.stdout) as { ok: boolean; models: { modelId: string }[] };
    expect(body.ok).toBe(true);
    expect(body.models.map((m) => m.modelId)).toContain(NOVA_LITE);
    expect(r.stdout).toBe(`${JSON.stringify(body, null, 2)}\n`);
  });

  it("use-case ranks the models with scores, marks the current one and shortens why others are excluded", async () => {
    const r = await cli(["use-case", "clinical"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`Use case clinical: current model ${SONNET_45}`);
    const current = r.stdout.split("\n").find((l) => l.startsWith("▸"));
    expect(current).toMatch(/^▸\s+\d+\s+\S+\s+Claude Sonnet 4\.5\s+\d+\.\d\s+\$3\.30\s+\$16\.50\s+200K\s+current$/);
    expect(r.stdout).toMatch(/Excluded by the policy \(\d+\):/);
    expect(r.stdout).toMatch(/global\.anthropic\.claude-sonnet-5\s+Geo scope global is not allowed for this use case\n/);
  });

  it("use-case of an unknown use case is an API error (exit 1)", async () => {
    const r = await cli(["use-case", "nope"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("error not_found: Use case nope does not exist.");
  });

  it("validate shows each check and VALID for a good model (exit 0)", async () => {
    const r = await cli(["validate", NOVA_LITE, "--use-case", "clinical", "--probe"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/✓ known\s+Nova Lite \(Amazon\) is in the catalog/);
    expect(r.stdout).toMatch(/✓ policy\s+Fits the clinical policy/);
    expect(r.stdout).toMatch(/✓ probe\s+Probe call answered/);
    expect(r.stdout).toMatch(/^VALID$/m);
  });

  it("validate of a bare Claude id fails with the eu. profile to use instead (exit 1)", async () => {
    const r = await cli(["validate", "anthropic.claude-sonnet-4-5-20250929-v1:0"]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/✗ known\s+Invocation of anthropic\.claude-sonnet-4-5-20250929-v1:0 with on-demand throughput/);
    expect(r.stdout).toContain(`use the inference profile ${SONNET_45}`);
    expect(r.stdout).toMatch(/^INVALID: 1 check failed$/m);
  });

  it("switch prints the notification before the summary and the switch is in the database", async () => {
    const r = await cli(["switch", NOVA_MICRO, "cost", "review", "--use-case", "health", "--idempotency-key", "cli-1"]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    const title = r.stdout.indexOf("Model switched");
    const message = r.stdout.indexOf("The health use case now uses Nova Micro (EU). Reason: cost review");
    const summary = r.stdout.indexOf(`Switched use case health: ${NOVA_LITE} → ${NOVA_MICRO}`);
    expect(title).toBeGreaterThanOrEqual(0);
    expect(message).toBeGreaterThan(title);
    expect(summary).toBeGreaterThan(message);
    expect(r.stdout).toMatch(/reason\s+cost review/);
    const id = r.stdout.match(/switch id\s+(\d+)/)?.[1];
    expect(r.stdout).toMatch(/time\s+\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} UTC/);
    const rows = await server.t.rows<{ id: number; previous_model_id: string; new_model_id: string; reason: string; trigger: string }>(
      "select id, previous_model_id, new_model_id, reason, trigger from bedrock_model_switches where idempotency_key = 'cli-1'",
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ previous_model_id: NOVA_LITE, new_model_id: NOVA_MICRO, reason: "cost review", trigger: "service" });
    expect(String(rows[0]!.id)).toBe(id);
    const [uc] = await server.t.rows<{ current_model_id: string }>("select current_model_id from use_cases where name = 'health'");
    expect(uc!.current_model_id).toBe(NOVA_MICRO);

    const again = await cli(["switch", NOVA_MICRO, "--use-case", "health", "--idempotency-key", "cli-1"]);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain("Replayed");
    expect(await server.t.rows("select id from bedrock_model_switches where idempotency_key = 'cli-1'")).toHaveLength(1);
  });

  it("switch with a stale --expect exits 1 with the conflict and changes nothing", async () => {
    const count = async () => (await server.t.rows("select id from bedrock_model_switches")).length;
    const before = await count();
    const r = await cli(["switch", NOVA_LITE, "--use-case", "health", "--expect", SONNET_45]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain(`error conflict: The model changed meanwhile: use case health now uses ${NOVA_MICRO}, not ${SONNET_45}.`);
    expect(r.stderr).toContain(`--expect ${NOVA_MICRO}`);
    expect(await count()).toBe(before);
  });

  it("switch to an invalid model exits 1 and lists the failing checks", async () => {
    const r = await cli(["switch", "anthropic.claude-sonnet-4-5-20250929-v1:0", "--use-case", "clinical"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^error invalid_model: /);
    expect(r.stderr).toMatch(/failing checks:\n\s+✗ known\s+Invocation of/);
  });

  it("switch --json prints the body with the switch and the notification", async () => {
    const r = await cli(["switch", NOVA_LITE, "--use-case", "operations", "--json"]);
    expect(r.code).toBe(0);
    const body = JSON.parse(r.stdout) as { ok: boolean; switch: { newModelId: string }; notification: { title: string } };
    expect(body).toMatchObject({ ok: true, switch: { newModelId: NOVA_LITE }, notification: { title: "Model switched" } });
  });

  it("auto-switch --dry-run shows the chosen model, the reason and the top candidates, and changes nothing", async () => {
    const r = await cli(["auto-switch", "clinical", "--dry-run"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`Dry run: would switch use case clinical: ${SONNET_45.replace(/\./g, "\\.")} → \\S+`));
    expect(r.stdout).toMatch(/reason\s+.*\(dry run: nothing changed\)/);
    expect(r.stdout).toContain("Top candidates:");
    expect(r.stdout).toMatch(/1\s+\S+\s+.+\s+\d+\.\d\s+chosen/);
    expect(r.stdout).toMatch(new RegExp(`${SONNET_45.replace(/\./g, "\\.")}\\s+Claude Sonnet 4\\.5 \\(EU\\)\\s+\\d+\\.\\d\\s+current`));
    const [uc] = await server.t.rows<{ current_model_id: string }>("select current_model_id from use_cases where name = 'clinical'");
    expect(uc!.current_model_id).toBe(SONNET_45);
  });

  it("auto-switch --message detects the use case", async () => {
    const r = await cli(["auto-switch", "--message", "Patient reports chest pain after the new dosage", "--dry-run"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Detected use case clinical \(confidence \d\.\d\d; matched .+\)$/m);
    const none = await cli(["auto-switch", "--message", "hello there", "--dry-run"]);
    expect(none.code).toBe(0);
    expect(none.stdout).toContain("Could not detect the use case");
  });

  it("clear-cache", async () => {
    const r = await cli(["clear-cache"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("✓ Catalog cache cleared on every instance");
  });

  it.each([
    [["frobnicate"], 'unknown command "frobnicate"'],
    [["lst"], "did you mean list?"],
    [["list", "--bogus"], "unknown flag --bogus for list"],
    [["validate"], "missing <model-id>"],
    [["switch", NOVA_LITE, "--use-case"], "--use-case needs a value"],
    [["use-case", "Clinical"], "--use-case"],
    [["auto-switch", "--dry-run"], "missing <use-case> (or --message TEXT to detect it)"],
    [["switch", NOVA_LITE, "--use-case", "health", "--conversation", "00000000-0000-4000-8000-000000000000"], "cannot be combined"],
    [[], "Usage: switchboard <command>"],
  ])("usage error %j exits 2 with a hint", async (args, expected) => {
    const r = await cli(args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain(expected === "--use-case" ? "<name> must be a use-case name" : expected);
    expect(r.stderr).toMatch(/usage:|Usage:/);
  });

  it("a wrong key exits 1 with unauthorized", async () => {
    const r = await cli(["list"], { SWITCHBOARD_SERVICE_KEY: "not-the-key-0123456789abcdef" });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("error unauthorized:");
    expect(r.stderr).toContain("The service key came from SWITCHBOARD_SERVICE_KEY");
  });

  it("--json on an API error prints the error body on stdout and exits 1", async () => {
    const r = await cli(["use-case", "nope", "--json"]);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toEqual({ ok: false, error: { code: "not_found", message: "Use case nope does not exist." } });
  });

  it("an unreachable server exits 3 with how to start it", async () => {
    const url = `http://127.0.0.1:${await closedPort()}`;
    const r = await cli(["list"], { SWITCHBOARD_URL: url });
    expect(r.code).toBe(3);
    expect(r.stderr.trim()).toMatch(
      new RegExp(
        `^Cannot reach Switchboard at ${url.replace(/\./g, "\\.")}: .*ECONNREFUSED.*\\. Is it running\\? Start it with \`npm start\`, or set SWITCHBOARD_URL\\.$`,
      ),
    );
  });

  it("colours: on with FORCE_COLOR or --color, off with NO_COLOR or --no-color", async () => {
    const forced = await cli(["validate", NOVA_LITE], { NO_COLOR: undefined, FORCE_COLOR: "1" });
    expect(forced.stdout).toContain("\u001b[32m✓\u001b[39m");
    const flag = await cli(["list", "--color"], { NO_COLOR: undefined });
    expect(flag.stdout).toMatch(ANSI);
    const noColor = await cli(["validate", NOVA_LITE], { NO_COLOR: "1", FORCE_COLOR: "1" });
    expect(noColor.stdout).not.toMatch(ANSI);
    const empty = await cli(["validate", NOVA_LITE], { NO_COLOR: "", FORCE_COLOR: "1" });
    expect(empty.stdout).not.toMatch(ANSI);
    const flagOff = await cli(["list", "--no-color"], { NO_COLOR: undefined, FORCE_COLOR: "1" });
    expect(flagOff.stdout).not.toMatch(ANSI);
    const piped = await cli(["list"], { NO_COLOR: undefined });
    expect(piped.stdout).not.toMatch(ANSI);
    const err = await cli(["use-case", "nope"], { NO_COLOR: undefined, FORCE_COLOR: "1" });
    expect(err.stderr).toContain("\u001b[31merror not_found:");
  });

  it("finds the generated key in SWITCHBOARD_DATA_DIR/service-key when SWITCHBOARD_SERVICE_KEY is unset", async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "sb-cli-data-"));
    try {
      fs.writeFileSync(path.join(dataDir, "service-key"), `${CLI_SERVICE_KEY}\n`, { mode: 0o600 });
      const r = await cli(["clear-cache"], { SWITCHBOARD_SERVICE_KEY: undefined, SWITCHBOARD_DATA_DIR: dataDir });
      expect(r.stderr).toBe("");
      expect(r.code).toBe(0);
      // Relative to the current folder, as the server resolves it.
      const relative = await cli(["clear-cache"], { SWITCHBOARD_SERVICE_KEY: undefined, SWITCHBOARD_DATA_DIR: path.basename(dataDir) }, path.dirname(dataDir));
      expect(relative.code).toBe(0);
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it("without any key says how to set one (exit 2)", async () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), "sb-cli-nokey-"));
    try {
      const r = await cli(["list"], { SWITCHBOARD_SERVICE_KEY: undefined, SWITCHBOARD_DATA_DIR: empty });
      expect(r.code).toBe(2);
      expect(r.stderr).toContain("No service key. Set SWITCHBOARD_SERVICE_KEY");
      expect(r.stderr).toContain(path.join(empty, "service-key"));
    } finally {
      fs.rmSync(empty, { recursive: true, force: true });
    }
  });

  it("help documents the commands, --color and the exit codes; --version prints the version", async () => {
    const r = await cli(["--help"]);
    expect(r.code).toBe(0);
    for (const text of [
      "list [--provider P]",
      "use-case <name>",
      "validate <model-id>",
      "switch <model-id> [reason]",
      "auto-switch",
      "clear-cache",
      "--json",
      "--color",
      "NO_COLOR",
      "3  the server is not reachable",
    ]) {
      expect(r.stdout).toContain(text);
    }
    const sub = await cli(["help", "switch"]);
    expect(sub.stdout).toContain("--idempotency-key K");
    const version = await cli(["--version"]);
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });
});

describe("bin/switchboard.mjs as a child process (smoke)", () => {
  it("list prints the catalog and exits 0", async () => {
    const r = await cliProcess(["list"]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    expect(r.stdout.split("\n").find((l) => l.startsWith(`${NOVA_LITE} `))).toMatch(/Nova Lite\s+Amazon/);
    expect(r.stdout).not.toMatch(ANSI);
  });

  it("a usage error exits 2 with the hint on stderr", async () => {
    const r = await cliProcess(["lst"]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain("did you mean list?");
  });

  it("an unreachable server exits 3", async () => {
    const r = await cliProcess(["list"], { SWITCHBOARD_URL: `http://127.0.0.1:${await closedPort()}` });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/^Cannot reach Switchboard at /);
  });
});
