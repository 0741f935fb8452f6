// Runs before every test file. Files share their worker process (vitest `isolate: false`, see vitest.config.ts), so
// each file starts from the same process state: the environment as the worker started, plus a data folder of its own
// (generated secrets land there) and the offline Bedrock gateway; and none of the configuration that an earlier file's
// modules read once and kept (the parsed environment, Bedrock clients, the database handle...).
import { AsyncLocalStorage } from "node:async_hooks";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { setRequestCookies } from "./next-headers";

// Process-wide values that hold configuration read from the environment or an earlier file's database. The
// invocation writer, the shutdown hooks, the realtime hub and held advisory locks follow the database on their own.
const CONFIGURATION_GLOBALS = [
  "__switchboardEnv",
  "__switchboardDb",
  "__switchboardBedrockGateways",
  "__switchboardBedrockFaults",
  "__switchboardClientAddress",
  "__switchboardSupabaseAdmin",
  "__switchboardRealtimeChoice",
];

const g = globalThis as { __switchboardTestBaseEnv?: Record<string, string | undefined> } & Record<string, unknown>;
g.__switchboardTestBaseEnv ??= { ...process.env };
const base = g.__switchboardTestBaseEnv;
for (const key of Object.keys(process.env)) if (!(key in base)) delete process.env[key];
Object.assign(process.env, base);
for (const name of CONFIGURATION_GLOBALS) delete g[name];

process.env.SWITCHBOARD_DATA_DIR = fs.mkdtempSync(path.join(os.tmpdir(), "sb-test-"));
process.env.BEDROCK_MODE = "offline";
process.env.SWITCHBOARD_SERVICE_KEY = "test-service-key-0123456789abcdef";

// No cookies until the file's tests set theirs (next/headers is tests/support/next-headers.ts).
setRequestCookies(null);
// The Next.js server installs AsyncLocalStorage on globalThis before loading its modules, and next/server relies on it.
(globalThis as { AsyncLocalStorage?: unknown }).AsyncLocalStorage ??= AsyncLocalStorage;
