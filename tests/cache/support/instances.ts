// Starts Switchboard instances as child processes (tests/cache/support/instance.ts) and talks to them over HTTP.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const ENTRY = fileURLToPath(new URL("./instance.ts", import.meta.url));
export const INSTANCE_SERVICE_KEY = "cache-test-service-key-0123456789abcdef";

// Parsed JSON bodies, checked field by field.
// biome-ignore lint/suspicious/noExplicitAny: API answers are read loosely in assertions; the assertions are the type check.
export type Json = Record<string, any>;

export type Instance = {
  name: string;
  port: number;
  child: ChildProcess;
  dataDir: string;
  /** POST /api/orchestrate with the service key; the parsed body (and the status on it as `status`). */
  orchestrate: (body: Json) => Promise<{ status: number; body: Json }>;
  /** POST any path of the instance with the service key; the status and the parsed body. */
  post: (url: string, body: unknown) => Promise<{ status: number; body: Json }>;
  editCatalog: (modelId: string, patch: Json) => Promise<Json>;
  stop: () => Promise<void>;
};

/** `opts.entry`: another instance script (same LISTENING handshake and routes), for tests that need other routes. */
export async function startInstance(
  name: string,
  databaseUrl: string,
  opts: { timeoutMs?: number; entry?: string; env?: Record<string, string> } = {},
): Promise<Instance> {
  const timeoutMs = opts.timeoutMs ?? 90_000;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `sb-cache-${name}-`));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "test",
    DATABASE_URL: databaseUrl,
    SWITCHBOARD_DATA_DIR: dataDir,
    SWITCHBOARD_SERVICE_KEY: INSTANCE_SERVICE_KEY,
    SWITCHBOARD_DEMO_DATA: "false",
    BEDROCK_MODE: "offline",
    ...opts.env,
  };
  delete env.NODE_OPTIONS; // whatever the test runner injects is not for the child
  const child = spawn(process.execPath, ["--import", "tsx", opts.entry ?? ENTRY], { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });

  let stderr = "";
  child.stderr!.setEncoding("utf8").on("data", (d: string) => {
    stderr = (stderr + d).slice(-4000);
  });
  const port = await new Promise<number>((resolve, reject) => {
    let stdout = "";
    const timer = setTimeout(() => fail(new Error(`instance ${name} did not start within ${timeoutMs} ms`)), timeoutMs);
    const fail = (err: Error) => {
      clearTimeout(timer);
      child.kill("SIGKILL");
      reject(new Error(`${err.message}\n--- stderr of ${name} ---\n${stderr}`));
    };
    child.stdout!.setEncoding("utf8").on("data", (d: string) => {
      stdout += d;
      const m = stdout.match(/LISTENING (\d+)/);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    });
    child.once("exit", (code, signal) => fail(new Error(`instance ${name} exited (${signal ?? code}) before listening`)));
    child.once("error", fail);
  });

  const base = `http://127.0.0.1:${port}`;
  const post = async (url: string, body: unknown) =>
    fetch(`${base}${url}`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${INSTANCE_SERVICE_KEY}` },
      body: JSON.stringify(body),
    });

  return {
    name,
    port,
    child,
    dataDir,
    post: async (url, body) => {
      const r = await post(url, body);
      return { status: r.status, body: (await r.json()) as Json };
    },
    orchestrate: async (body) => {
      const r = await post("/api/orchestrate", body);
      return { status: r.status, body: (await r.json()) as Json };
    },
    editCatalog: async (modelId, patch) => {
      const r = await post("/catalog-edit", { modelId, patch });
      if (r.status !== 200) throw new Error(`catalog edit on ${name} failed: ${r.status} ${await r.text()}\n${stderr}`);
      return (await r.json()) as Json;
    },
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
        child.kill("SIGTERM");
        const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
        await exited;
        clearTimeout(timer);
      }
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Polls `probe` until it returns true; the time it took, or a failure naming `what` after `timeoutMs`. */
export async function within(timeoutMs: number, what: string, probe: () => Promise<boolean>): Promise<number> {
  const start = Date.now();
  for (;;) {
    if (await probe()) return Date.now() - start;
    if (Date.now() - start > timeoutMs) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
