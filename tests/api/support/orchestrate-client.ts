// Calls the real orchestrate handler in-process, the way a route handler would, and checks the contract's envelope.
import { expect } from "vitest";
import { handleOrchestrate } from "@/server/api/orchestrate";
import type { SwitchType } from "@/lib/enums";

export const SERVICE_KEY = "test-service-key-0123456789abcdef";
export const API_URL = "http://localhost/api/orchestrate";

// Response bodies are JSON, checked field by field.
// biome-ignore lint/suspicious/noExplicitAny: API answers are read loosely in assertions; the assertions are the type check.
export type Json = Record<string, any>;
export type ApiResponse = { status: number; body: Json; text: string; headers: Headers };

export type CallOptions = {
  /** A bearer token (the service key by default); null sends no Authorization header. */
  token?: string | null;
  /** An Authorization header as is (wins over token). */
  authorization?: string;
  /** The body exactly as given instead of JSON.stringify(body). */
  raw?: boolean;
  headers?: Record<string, string>;
  url?: string;
  handler?: (request: Request) => Promise<Response>;
};

export function orchestrateRequest(body: unknown, opts: CallOptions = {}): Request {
  const headers: Record<string, string> = { "content-type": "application/json", ...opts.headers };
  const token = opts.token === undefined ? SERVICE_KEY : opts.token;
  if (opts.authorization !== undefined) headers.authorization = opts.authorization;
  else if (token !== null) headers.authorization = `Bearer ${token}`;
  return new Request(opts.url ?? API_URL, {
    method: "POST",
    headers,
    body: opts.raw ? (body as string) : JSON.stringify(body),
  });
}

export async function call(body: unknown, opts: CallOptions = {}): Promise<ApiResponse> {
  const response = await (opts.handler ?? handleOrchestrate)(orchestrateRequest(body, opts));
  const text = await response.text();
  let parsed: Json;
  try {
    parsed = JSON.parse(text) as Json;
  } catch {
    throw new Error(`The handler answered ${response.status} with a body that is not JSON: ${text.slice(0, 200)}`);
  }
  return { status: response.status, body: parsed, text, headers: response.headers };
}

/** 200 with `{ ok: true, ... }`, JSON, never cached. */
export function expectOk(r: ApiResponse): Json {
  expect(r.status, r.text).toBe(200);
  expect(r.body.ok).toBe(true);
  expect(r.body).not.toHaveProperty("error");
  expect(r.headers.get("content-type")).toMatch(/^application\/json/);
  expect(r.headers.get("cache-control")).toBe("no-store");
  return r.body;
}

const STACK_LINE = /(^|\n)\s*at\s+\S.*|\(\S+:\d+:\d+\)|node:internal|node_modules|\.[cm]?[jt]s:\d+/;
const SQL_TEXT = /\bselect\s|\binsert\s|\bupdate\s+"|\bdelete\s+from\b|\bsql\b|postgres|pglite|drizzle|failed query|sqlstate/i;

function strings(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value && typeof value === "object") return Object.entries(value).flatMap(([k, v]) => [k, ...strings(v)]);
  return [];
}

/** No stack trace and no SQL anywhere in an error body: the raw text and every string in it, however nested. */
export function expectSafeErrorBody(r: ApiResponse): void {
  for (const s of [r.text, ...strings(r.body)]) {
    expect(s, "an error body must not carry a stack trace").not.toMatch(STACK_LINE);
    expect(s, "an error body must not carry SQL or driver text").not.toMatch(SQL_TEXT);
  }
  expect(r.body.error).not.toHaveProperty("stack");
  expect(r.body.error).not.toHaveProperty("cause");
}

/**
 * `{ ok: false, error: { code, message, details? } }` with exactly those keys, the given status and code, a message
 * that matches when given, and nothing unsafe in it.
 */
export function expectError(r: ApiResponse, status: number, code: string, message?: RegExp | string): Json {
  expect(r.status, r.text).toBe(status);
  expect(Object.keys(r.body).sort()).toEqual(["error", "ok"]);
  expect(r.body.ok).toBe(false);
  const error = r.body.error as Json;
  expect(error.code).toBe(code);
  expect(typeof error.message).toBe("string");
  expect(error.message.length).toBeGreaterThan(0);
  for (const key of Object.keys(error)) expect(["code", "message", "details"]).toContain(key);
  if (message !== undefined) expect(error.message).toMatch(message);
  expect(r.headers.get("content-type")).toMatch(/^application\/json/);
  expect(r.headers.get("cache-control")).toBe("no-store");
  expectSafeErrorBody(r);
  return error;
}

/** The fields every Model of the contract has, with their JSON types. */
export const MODEL_FIELDS: Record<string, "string" | "number" | "boolean" | "array"> = {
  modelId: "string",
  baseModelId: "string",
  name: "string",
  provider: "string",
  inputPricePerMTok: "number",
  outputPricePerMTok: "number",
  contextWindow: "number",
  maxOutputTokens: "number",
  lifecycleStatus: "string",
  useCases: "array",
  enabled: "boolean",
};

export function expectModel(m: Json): void {
  for (const [field, type] of Object.entries(MODEL_FIELDS)) {
    if (type === "array") expect(Array.isArray(m[field]), `${field} of ${m.modelId}`).toBe(true);
    else expect(typeof m[field], `${field} of ${m.modelId}`).toBe(type);
  }
  expect(["active", "legacy"]).toContain(m.lifecycleStatus);
}

/** The keys of a Switch record as the API returns it. */
export const SWITCH_KEYS = [
  "actor",
  "conversationId",
  "errorCode",
  "id",
  "newModelId",
  "notificationShown",
  "previousModelId",
  "reason",
  "scope",
  "switchType",
  "timestamp",
  "trigger",
  "useCase",
  "userId",
];

export function expectSwitch(s: Json): void {
  expect(Object.keys(s).sort()).toEqual(SWITCH_KEYS);
  expect(typeof s.id).toBe("number");
  expect(["use_case", "conversation"]).toContain(s.scope);
  expect(["manual", "auto", "fallback"]).toContain(s.switchType);
  expect(new Date(s.timestamp).toISOString()).toBe(s.timestamp);
}

/** `{ type, modelId, modelName, title, message, previousModelId?, previousModelName? }` and nothing else. */
export function expectNotification(n: Json, type: SwitchType): void {
  const required = ["message", "modelId", "modelName", "title", "type"];
  const optional = ["previousModelId", "previousModelName"];
  for (const key of required) expect(typeof n[key], key).toBe("string");
  for (const key of Object.keys(n)) expect([...required, ...optional]).toContain(key);
  expect(n.type).toBe(type);
  if ("previousModelId" in n) expect(typeof n.previousModelName).toBe("string");
}
