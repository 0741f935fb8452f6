// POST {SWITCHBOARD_URL}/api/orchestrate with the service key, a timeout, and errors sorted into "the server said no"
// (ApiError, exit 1) and "no server answered" (UnreachableError, exit 3).
import type { z } from "zod";
import { resolveServiceKey, resolveTimeout, resolveUrl, type Env, type ServiceKey } from "./config";
import { ApiError, UnreachableError } from "./errors";
import { envelopeSchema } from "./schemas";

export type Action = "list-all" | "get-for-use-case" | "validate" | "switch" | "auto-switch" | "clear-cache" | "keys-create" | "keys-list" | "keys-revoke";
export type Body = Record<string, unknown>;

type Fetch = typeof fetch;

/** "connect ECONNREFUSED 127.0.0.1:3000": the innermost cause of a failed fetch says what actually happened. */
export function describeFetchFailure(err: unknown, timeoutMs: number): string {
  if (err instanceof Error && (err.name === "TimeoutError" || err.name === "AbortError")) {
    return `no answer within ${timeoutMs / 1000} s (SWITCHBOARD_TIMEOUT_MS)`;
  }
  let cause: unknown = err;
  while (cause instanceof Error && cause.cause !== undefined) cause = cause.cause;
  // Node tries IPv6 and IPv4 for localhost and reports both in an AggregateError with an empty message.
  if (cause instanceof AggregateError && cause.errors.length > 0 && !cause.message) cause = cause.errors[0];
  if (cause instanceof Error) return cause.message || ("code" in cause ? String(cause.code) : cause.name);
  return String(cause);
}

export class ApiClient {
  private key: ServiceKey | undefined;

  constructor(
    private readonly env: Env,
    private readonly cwd: string,
    private readonly fetchImpl: Fetch = fetch,
  ) {}

  /** Where the key came from (a variable name or a file), for the hint after an unauthorized answer. */
  get keySource(): string | undefined {
    return this.key?.source;
  }

  /** Sends one action; resolves with the whole `{ ok: true, ... }` body, throws ApiError or UnreachableError. */
  async call(action: Action, params: Body = {}): Promise<Body> {
    const { base, endpoint } = resolveUrl(this.env);
    const timeoutMs = resolveTimeout(this.env);
    this.key ??= resolveServiceKey(this.env, this.cwd);
    let response: Response;
    let text: string;
    try {
      response = await this.fetchImpl(endpoint, {
        method: "POST",
        headers: { authorization: `Bearer ${this.key.value}`, "content-type": "application/json", accept: "application/json" },
        body: JSON.stringify({ action, ...params }),
        signal: AbortSignal.timeout(timeoutMs),
        redirect: "error",
      });
      text = await response.text();
    } catch (err) {
      throw new UnreachableError(base, describeFetchFailure(err, timeoutMs));
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    const envelope = envelopeSchema.safeParse(json);
    if (!envelope.success) {
      const type = response.headers.get("content-type")?.split(";")[0] ?? "no content type";
      throw new ApiError(
        "bad_response",
        `${endpoint.href} answered HTTP ${response.status} (${type}), which is not the Switchboard API. Is SWITCHBOARD_URL right?`,
        undefined,
        response.status,
        json,
      );
    }
    if (!envelope.data.ok) {
      const { code, message, details } = envelope.data.error;
      throw new ApiError(code, message, details, response.status, json);
    }
    return envelope.data;
  }
}

/** Reads a success body with the command's schema; a mismatch means a server of another version. */
export function readBody<S extends z.ZodType>(schema: S, body: Body, action: Action): z.infer<S> {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const where = issue ? `${issue.path.join(".") || "body"}: ${issue.message}` : "unexpected shape";
  throw new ApiError(
    "bad_response",
    `The server's answer to ${action} is not what this CLI understands (${where}). Are the CLI and server the same version?`,
    undefined,
    200,
    body,
  );
}
