import "server-only";
import { BEDROCK_ERROR_TABLE } from "@/server/bedrock/call-error";
import { ERROR_STATUS, toPublicError, type ErrorCode, type PublicError } from "@/server/errors";

// The gateway's two error shapes, one responder each, both on toPublicError: only an AppError's message (safe by
// construction) or a generic one reaches the caller, never a stack, SQL or path.

type Details = { param?: string | null; retryAfterSeconds?: number; bedrockCode?: string };

function detailsOf(e: PublicError): Details {
  return e.details && typeof e.details === "object" ? (e.details as Details) : {};
}

function retryHeaders(d: Details): Record<string, string> {
  return d.retryAfterSeconds ? { "Retry-After": String(d.retryAfterSeconds) } : {};
}

const OPENAI_TYPES: Record<ErrorCode, string> = {
  invalid_request: "invalid_request_error",
  payload_too_large: "invalid_request_error",
  invalid_model: "invalid_request_error",
  conflict: "invalid_request_error",
  unauthorized: "authentication_error",
  forbidden: "permission_error",
  not_found: "not_found_error",
  rate_limited: "rate_limit_error",
  unavailable: "service_unavailable_error",
  internal: "api_error",
};

/** OpenAI's codes where it has one for the case; ours otherwise. */
function openAiCode(e: PublicError, d: Details): string {
  if (e.code === "unauthorized") return "invalid_api_key";
  if (e.code === "not_found" && d.param === "model") return "model_not_found";
  if (e.code === "rate_limited") return "rate_limit_exceeded";
  return e.code;
}

/** `{ error: { message, type, param, code } }`: also the payload of an error event in a stream. */
export function openAiErrorBody(err: unknown) {
  const e = toPublicError(err);
  const d = detailsOf(e);
  return {
    status: ERROR_STATUS[e.code],
    headers: retryHeaders(d),
    body: { error: { message: e.message, type: OPENAI_TYPES[e.code], param: d.param ?? null, code: openAiCode(e, d) } },
  };
}

export function openAiErrorResponse(err: unknown, headers: Record<string, string> = {}): Response {
  const { status, headers: extra, body } = openAiErrorBody(err);
  return Response.json(body, { status, headers: { "Cache-Control": "no-store", ...headers, ...extra } });
}

/** Our codes as the Bedrock exception the AWS SDK raises, with the status Bedrock answers it with. */
const BEDROCK_EXCEPTIONS: Record<ErrorCode, { name: string; status: number }> = {
  invalid_request: { name: "ValidationException", status: 400 },
  invalid_model: { name: "ValidationException", status: 400 },
  conflict: { name: "ValidationException", status: 400 },
  payload_too_large: { name: "ValidationException", status: 413 },
  // Bedrock answers a bad or unknown credential with 403 and this name (the SDK raises it as a service exception).
  unauthorized: { name: "UnrecognizedClientException", status: 403 },
  forbidden: { name: "AccessDeniedException", status: 403 },
  not_found: { name: "ResourceNotFoundException", status: 404 },
  rate_limited: { name: "ThrottlingException", status: 429 },
  unavailable: { name: "ServiceUnavailableException", status: 503 },
  internal: { name: "InternalServerException", status: 500 },
};

/** The exception Bedrock would send: an upstream Bedrock exception passes through as it was; ours map by code. */
export function bedrockExceptionOf(err: unknown): { name: string; status: number; message: string; retryAfterSeconds?: number } {
  const e = toPublicError(err);
  const d = detailsOf(e);
  const upstream = d.bedrockCode ? BEDROCK_ERROR_TABLE[d.bedrockCode] : undefined;
  // An unknown model id is a 400 ValidationException in Bedrock, as "The provided model identifier is invalid."
  const mapped = e.code === "not_found" && d.param === "model" ? BEDROCK_EXCEPTIONS.invalid_request : BEDROCK_EXCEPTIONS[e.code];
  const name = upstream && d.bedrockCode ? d.bedrockCode : mapped.name;
  const status = upstream && d.bedrockCode ? upstream.httpStatus : mapped.status;
  return { name, status, message: e.message, ...(d.retryAfterSeconds ? { retryAfterSeconds: d.retryAfterSeconds } : {}) };
}

export function bedrockErrorResponse(err: unknown, headers: Record<string, string> = {}): Response {
  const x = bedrockExceptionOf(err);
  return Response.json(
    { message: x.message },
    {
      status: x.status,
      headers: { "x-amzn-ErrorType": x.name, "Cache-Control": "no-store", ...headers, ...retryHeaders(x) },
    },
  );
}
