import "server-only";

// How a failed Bedrock call is judged. The fallback path reads only this: both gateways (aws and offline)
// throw a BedrockCallError built here, so an injected fault and a real AWS exception look the same to it.

import type { BedrockOutcome } from "@/lib/enums";

export { BEDROCK_OUTCOMES, type BedrockOutcome } from "@/lib/enums";

export type BedrockErrorClass = {
  /** The AWS exception name (`ThrottlingException`) or the Node/SDK error name or code (`TimeoutError`, `ECONNRESET`). */
  code: string;
  httpStatus: number;
  /** True when another model can help: the invoke path moves to the next model of the fallback chain. */
  fallback: boolean;
  outcome: BedrockOutcome;
};

type Rule = { httpStatus: number; fallback: boolean; outcome: BedrockOutcome };

/**
 * The decision table, by exception name (bedrock.md section 2; HTTP statuses from the service model).
 * Fallback is for failures of capacity or health of one model or region, which a different model escapes;
 * not for failures of the request or the account, which every model would repeat.
 */
export const BEDROCK_ERROR_TABLE: Readonly<Record<string, Rule>> = {
  ThrottlingException: { httpStatus: 429, fallback: true, outcome: "throttled" },
  ServiceQuotaExceededException: { httpStatus: 400, fallback: true, outcome: "quota_exceeded" },
  ModelTimeoutException: { httpStatus: 408, fallback: true, outcome: "timeout" },
  ModelNotReadyException: { httpStatus: 429, fallback: true, outcome: "not_ready" },
  ServiceUnavailableException: { httpStatus: 503, fallback: true, outcome: "server_error" },
  InternalServerException: { httpStatus: 500, fallback: true, outcome: "server_error" },
  ValidationException: { httpStatus: 400, fallback: false, outcome: "validation_error" },
  AccessDeniedException: { httpStatus: 403, fallback: false, outcome: "access_denied" },
  ResourceNotFoundException: { httpStatus: 404, fallback: false, outcome: "error" },
  ConflictException: { httpStatus: 400, fallback: false, outcome: "error" },
  // The model itself failed on this input (424): another model may fail differently, but the request is the suspect.
  ModelErrorException: { httpStatus: 424, fallback: false, outcome: "error" },
  ModelStreamErrorException: { httpStatus: 424, fallback: false, outcome: "error" },
  // No HTTP answer at all. We report the status a gateway would (504 for a timeout, 502 for a broken connection)
  // so that a door mapping it to HTTP stays meaningful.
  TimeoutError: { httpStatus: 504, fallback: true, outcome: "timeout" },
  RequestTimeout: { httpStatus: 504, fallback: true, outcome: "timeout" },
  RequestTimeoutException: { httpStatus: 504, fallback: true, outcome: "timeout" },
  // Our own deadline aborts a call with an AbortError; callers cannot abort, so it always means "too slow".
  AbortError: { httpStatus: 504, fallback: true, outcome: "timeout" },
  ETIMEDOUT: { httpStatus: 504, fallback: true, outcome: "timeout" },
  ECONNRESET: { httpStatus: 502, fallback: true, outcome: "server_error" },
};

type ErrorLike = {
  name?: unknown;
  code?: unknown;
  message?: unknown;
  $metadata?: { httpStatusCode?: unknown };
};

function asErrorLike(err: unknown): ErrorLike {
  return typeof err === "object" && err !== null ? (err as ErrorLike) : {};
}

function statusOf(err: ErrorLike): number | undefined {
  const status = err.$metadata?.httpStatusCode;
  return typeof status === "number" && status >= 100 ? status : undefined;
}

/** Classifies anything a Bedrock call can throw: SDK exceptions, Node network errors, our own BedrockCallError. */
export function classifyBedrockError(err: unknown): BedrockErrorClass {
  if (err instanceof BedrockCallError) {
    return { code: err.code, httpStatus: err.httpStatus, fallback: err.retryable, outcome: err.outcome };
  }
  const e = asErrorLike(err);
  const name = typeof e.name === "string" ? e.name : undefined;
  // Node socket errors keep name "Error" and put the reason in `code`.
  const nodeCode = typeof e.code === "string" ? e.code : undefined;
  const status = statusOf(e);

  for (const key of [name, nodeCode]) {
    const rule = key ? BEDROCK_ERROR_TABLE[key] : undefined;
    if (key && rule) return { code: key, httpStatus: status ?? rule.httpStatus, ...pick(rule) };
  }

  const code = name && name !== "Error" ? name : (nodeCode ?? "UnknownError");
  // Unknown names: judge by the HTTP status the service sent, as the SDK's own retry classification does.
  if (status !== undefined) {
    if (status >= 500) return { code, httpStatus: status, fallback: true, outcome: "server_error" };
    if (status === 429) return { code, httpStatus: status, fallback: true, outcome: "throttled" };
    if (status === 403) return { code, httpStatus: status, fallback: false, outcome: "access_denied" };
    if (status === 400) return { code, httpStatus: status, fallback: false, outcome: "validation_error" };
    return { code, httpStatus: status, fallback: false, outcome: "error" };
  }
  // No status and no known name: most likely a bug on our side, which another model would hit too.
  return { code, httpStatus: 500, fallback: false, outcome: "error" };
}

function pick(rule: Rule): Pick<BedrockErrorClass, "fallback" | "outcome"> {
  return { fallback: rule.fallback, outcome: rule.outcome };
}

/** The one error type a gateway throws for a failed call. `retryable` means: another model can help. */
export class BedrockCallError extends Error {
  readonly code: string;
  readonly httpStatus: number;
  readonly retryable: boolean;
  readonly outcome: BedrockOutcome;
  readonly modelId: string | undefined;

  constructor(init: { code: string; httpStatus: number; message: string; retryable: boolean; outcome: BedrockOutcome; modelId?: string; cause?: unknown }) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = "BedrockCallError";
    this.code = init.code;
    this.httpStatus = init.httpStatus;
    this.retryable = init.retryable;
    this.outcome = init.outcome;
    this.modelId = init.modelId;
  }
}

/** Wraps anything thrown by a Bedrock call into a BedrockCallError (returned as is when it already is one). */
export function toBedrockCallError(err: unknown, modelId?: string): BedrockCallError {
  if (err instanceof BedrockCallError) return err;
  const c = classifyBedrockError(err);
  const raw = asErrorLike(err).message;
  const message = typeof raw === "string" && raw.trim() ? raw : `Bedrock call failed (${c.code})`;
  return new BedrockCallError({
    code: c.code,
    httpStatus: c.httpStatus,
    message,
    retryable: c.fallback,
    outcome: c.outcome,
    ...(modelId === undefined ? {} : { modelId }),
    cause: err,
  });
}
