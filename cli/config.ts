// Where the server is and how to authenticate: SWITCHBOARD_URL and SWITCHBOARD_SERVICE_KEY, or in the embedded
// setup the key the server generated into its data folder.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { ConfigError } from "./errors";

export const DEFAULT_URL = "http://localhost:3000";
export const DEFAULT_TIMEOUT_MS = 30_000;
const SERVICE_KEY_FILE = "service-key";
/** The project this CLI ships in: its .data folder is where `npm start` puts the generated key. */
const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
// Paths callers of the old edge function may already have in their URL.
const ENDPOINT_PATHS = ["/api/orchestrate", "/functions/v1/orchestrate-bedrock-models"];

export type Env = Record<string, string | undefined>;
export type ServiceKey = { value: string; source: string };

const httpUrl = z.url({ protocol: /^https?$/, error: "must be an http:// or https:// URL such as http://localhost:3000" }).transform((s) => new URL(s));

/** The server's base URL as the user gave it (for messages) and the orchestrate endpoint under it. */
export function resolveUrl(env: Env): { base: string; endpoint: URL } {
  const raw = env.SWITCHBOARD_URL?.trim() || DEFAULT_URL;
  const parsed = httpUrl.safeParse(raw);
  if (!parsed.success) throw new ConfigError(`SWITCHBOARD_URL ${JSON.stringify(raw)} ${parsed.error.issues[0]?.message ?? "is not a URL"}.`);
  const url = parsed.data;
  const base = raw.replace(/\/+$/, "");
  if (ENDPOINT_PATHS.some((p) => url.pathname.replace(/\/+$/, "").endsWith(p))) return { base, endpoint: url };
  const dir = url.pathname.endsWith("/") ? url : new URL(`${url.pathname}/`, url);
  return { base, endpoint: new URL("api/orchestrate", dir) };
}

export function resolveTimeout(env: Env): number {
  const raw = env.SWITCHBOARD_TIMEOUT_MS?.trim();
  if (!raw) return DEFAULT_TIMEOUT_MS;
  const parsed = z.coerce.number().int().min(100).max(600_000).safeParse(raw);
  if (!parsed.success) throw new ConfigError(`SWITCHBOARD_TIMEOUT_MS must be a whole number of milliseconds from 100 to 600000 (got ${JSON.stringify(raw)}).`);
  return parsed.data;
}

/** The folders to look for a generated key in, first match wins. */
export function keyFileCandidates(env: Env, cwd: string): string[] {
  const dataDir = env.SWITCHBOARD_DATA_DIR?.trim();
  if (dataDir) return [path.resolve(cwd, dataDir, SERVICE_KEY_FILE)];
  return [...new Set([path.resolve(cwd, ".data", SERVICE_KEY_FILE), path.join(PROJECT_ROOT, ".data", SERVICE_KEY_FILE)])];
}

export function resolveServiceKey(env: Env, cwd: string): ServiceKey {
  const fromEnv = env.SWITCHBOARD_SERVICE_KEY?.trim();
  if (fromEnv) return { value: fromEnv, source: "SWITCHBOARD_SERVICE_KEY" };
  const candidates = keyFileCandidates(env, cwd);
  for (const file of candidates) {
    let value: string;
    try {
      value = fs.readFileSync(file, "utf8").trim();
    } catch {
      continue;
    }
    if (value) return { value, source: file };
  }
  throw new ConfigError(
    [
      "No service key. Set SWITCHBOARD_SERVICE_KEY to the server's key, e.g.",
      "  export SWITCHBOARD_SERVICE_KEY=<key>",
      "or, for the embedded setup, run the CLI from the project folder after the server has started once (it writes",
      `.data/${SERVICE_KEY_FILE}), or point SWITCHBOARD_DATA_DIR at the server's data folder. Looked in:`,
      ...candidates.map((c) => `  ${c}`),
    ].join("\n"),
  );
}
