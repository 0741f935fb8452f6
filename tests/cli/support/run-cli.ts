// Runs the CLI as a user does (`node bin/switchboard.mjs ...`, a child process), with an environment cleaned of
// anything that would steer it.
import { spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
export const BIN = path.join(ROOT, "bin", "switchboard.mjs");
export const CLI_SERVICE_KEY = "test-service-key-0123456789abcdef";

export type Run = { code: number | null; stdout: string; stderr: string };

/** The parent's environment without anything that would steer the CLI, plus what the test sets. */
export function envFor(extra: Record<string, string | undefined>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const k of Object.keys(env)) {
    if (k.startsWith("SWITCHBOARD_") || ["NO_COLOR", "FORCE_COLOR", "NODE_OPTIONS", "TERM"].includes(k)) delete env[k];
  }
  for (const [k, v] of Object.entries(extra)) if (v !== undefined) env[k] = v;
  return env;
}

/**
 * Runs the CLI against `url` with the test service key and no colours unless `extra` says otherwise; asynchronously,
 * since the server answers from the test's own process and must not be blocked.
 */
export function runCli(url: string, args: string[], extra: Record<string, string | undefined>, cwd: string): Promise<Run> {
  const env = envFor({ SWITCHBOARD_URL: url, SWITCHBOARD_SERVICE_KEY: CLI_SERVICE_KEY, NO_COLOR: "1", ...extra });
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}
