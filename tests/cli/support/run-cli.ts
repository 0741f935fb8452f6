// Runs the CLI against a started server, with an environment cleaned of anything that would steer it. Most tests run
// cli/main.ts in this process with its own env, cwd and output streams (as bin/switchboard.mjs calls it); a few smoke
// tests run `node bin/switchboard.mjs ...` as a user does, to cover the launcher, stdio and the exit code.
import { spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { main } from "@/cli/main";

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

const cliEnv = (url: string, extra: Record<string, string | undefined>) =>
  envFor({ SWITCHBOARD_URL: url, SWITCHBOARD_SERVICE_KEY: CLI_SERVICE_KEY, NO_COLOR: "1", ...extra });

/** One command line through cli/main.ts in this process; stdout and stderr are pipes (not a TTY). */
export async function runCli(url: string, args: string[], extra: Record<string, string | undefined>, cwd: string): Promise<Run> {
  let stdout = "";
  let stderr = "";
  const code = await main(args, {
    env: cliEnv(url, extra),
    cwd,
    stdout: {
      write: (chunk: string) => {
        stdout += chunk;
      },
      isTTY: false,
    },
    stderr: {
      write: (chunk: string) => {
        stderr += chunk;
      },
      isTTY: false,
    },
  });
  return { code, stdout, stderr };
}

/** The CLI as a user runs it, a child process (asynchronously: the server answers from this process). */
export function runCliProcess(url: string, args: string[], extra: Record<string, string | undefined>, cwd: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd, env: cliEnv(url, extra), stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => {
      stdout += d.toString();
    });
    child.stderr.on("data", (d: Buffer) => {
      stderr += d.toString();
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}
