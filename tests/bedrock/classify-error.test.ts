// The fallback decision table: every exception of bedrock.md section 2, plus the Node and SDK errors that mean
// "no answer in time", built from the SDK's own exception classes so names and shapes are the real ones.
import * as cp from "@aws-sdk/client-bedrock";
import * as rt from "@aws-sdk/client-bedrock-runtime";
import { describe, expect, it } from "vitest";
import { BedrockCallError, classifyBedrockError, toBedrockCallError, type BedrockOutcome } from "@/server/bedrock/gateway";

const opts = (message: string) => ({ message, $metadata: {} });

type Row = { label: string; make: () => unknown; code: string; httpStatus: number; fallback: boolean; outcome: BedrockOutcome };

const runtimeRows: Row[] = [
  {
    label: "AccessDeniedException",
    make: () => new rt.AccessDeniedException(opts("no access")),
    code: "AccessDeniedException",
    httpStatus: 403,
    fallback: false,
    outcome: "access_denied",
  },
  {
    label: "ValidationException",
    make: () => new rt.ValidationException(opts("bad input")),
    code: "ValidationException",
    httpStatus: 400,
    fallback: false,
    outcome: "validation_error",
  },
  {
    label: "ResourceNotFoundException",
    make: () => new rt.ResourceNotFoundException(opts("gone")),
    code: "ResourceNotFoundException",
    httpStatus: 404,
    fallback: false,
    outcome: "error",
  },
  {
    label: "ThrottlingException",
    make: () => new rt.ThrottlingException(opts("slow down")),
    code: "ThrottlingException",
    httpStatus: 429,
    fallback: true,
    outcome: "throttled",
  },
  {
    label: "ServiceQuotaExceededException",
    make: () => new rt.ServiceQuotaExceededException(opts("quota")),
    code: "ServiceQuotaExceededException",
    httpStatus: 400,
    fallback: true,
    outcome: "quota_exceeded",
  },
  {
    label: "ModelNotReadyException",
    make: () => new rt.ModelNotReadyException(opts("warming up")),
    code: "ModelNotReadyException",
    httpStatus: 429,
    fallback: true,
    outcome: "not_ready",
  },
  {
    label: "ModelTimeoutException",
    make: () => new rt.ModelTimeoutException(opts("took too long")),
    code: "ModelTimeoutException",
    httpStatus: 408,
    fallback: true,
    outcome: "timeout",
  },
  {
    label: "ModelErrorException",
    make: () => new rt.ModelErrorException(opts("model failed")),
    code: "ModelErrorException",
    httpStatus: 424,
    fallback: false,
    outcome: "error",
  },
  {
    label: "ModelStreamErrorException",
    make: () => new rt.ModelStreamErrorException(opts("stream failed")),
    code: "ModelStreamErrorException",
    httpStatus: 424,
    fallback: false,
    outcome: "error",
  },
  {
    label: "ServiceUnavailableException",
    make: () => new rt.ServiceUnavailableException(opts("unavailable")),
    code: "ServiceUnavailableException",
    httpStatus: 503,
    fallback: true,
    outcome: "server_error",
  },
  {
    label: "InternalServerException",
    make: () => new rt.InternalServerException(opts("oops")),
    code: "InternalServerException",
    httpStatus: 500,
    fallback: true,
    outcome: "server_error",
  },
  {
    label: "ConflictException",
    make: () => new rt.ConflictException(opts("conflict")),
    code: "ConflictException",
    httpStatus: 400,
    fallback: false,
    outcome: "error",
  },
];

const controlPlaneRows: Row[] = [
  {
    label: "control-plane ThrottlingException",
    make: () => new cp.ThrottlingException(opts("slow down")),
    code: "ThrottlingException",
    httpStatus: 429,
    fallback: true,
    outcome: "throttled",
  },
  {
    label: "control-plane AccessDeniedException",
    make: () => new cp.AccessDeniedException(opts("no")),
    code: "AccessDeniedException",
    httpStatus: 403,
    fallback: false,
    outcome: "access_denied",
  },
  {
    label: "control-plane ResourceNotFoundException",
    make: () => new cp.ResourceNotFoundException(opts("no")),
    code: "ResourceNotFoundException",
    httpStatus: 404,
    fallback: false,
    outcome: "error",
  },
];

function nodeError(code: string): Error {
  return Object.assign(new Error(`socket ${code}`), { code });
}

function named(name: string, status?: number): Error {
  const err = new Error(`${name} happened`);
  err.name = name;
  return status === undefined ? err : Object.assign(err, { $metadata: { httpStatusCode: status } });
}

const transportRows: Row[] = [
  { label: "SDK TimeoutError (stream idle)", make: () => named("TimeoutError"), code: "TimeoutError", httpStatus: 504, fallback: true, outcome: "timeout" },
  { label: "Node ETIMEDOUT", make: () => nodeError("ETIMEDOUT"), code: "ETIMEDOUT", httpStatus: 504, fallback: true, outcome: "timeout" },
  { label: "Node ECONNRESET", make: () => nodeError("ECONNRESET"), code: "ECONNRESET", httpStatus: 502, fallback: true, outcome: "server_error" },
  { label: "RequestTimeout", make: () => named("RequestTimeout"), code: "RequestTimeout", httpStatus: 504, fallback: true, outcome: "timeout" },
  {
    label: "unknown name with 502",
    make: () => named("BadGatewayException", 502),
    code: "BadGatewayException",
    httpStatus: 502,
    fallback: true,
    outcome: "server_error",
  },
  { label: "unknown name with 504", make: () => named("SomethingElse", 504), code: "SomethingElse", httpStatus: 504, fallback: true, outcome: "server_error" },
  {
    label: "unknown name with 429",
    make: () => named("TooManyRequestsException", 429),
    code: "TooManyRequestsException",
    httpStatus: 429,
    fallback: true,
    outcome: "throttled",
  },
  {
    label: "unknown name with 400",
    make: () => named("OddClientError", 400),
    code: "OddClientError",
    httpStatus: 400,
    fallback: false,
    outcome: "validation_error",
  },
  { label: "plain Error", make: () => new Error("bug"), code: "UnknownError", httpStatus: 500, fallback: false, outcome: "error" },
  { label: "a thrown string", make: () => "nope", code: "UnknownError", httpStatus: 500, fallback: false, outcome: "error" },
];

describe("classifyBedrockError", () => {
  it.each([...runtimeRows, ...controlPlaneRows, ...transportRows])("$label → fallback $fallback, $outcome", (row) => {
    expect(classifyBedrockError(row.make())).toEqual({
      code: row.code,
      httpStatus: row.httpStatus,
      fallback: row.fallback,
      outcome: row.outcome,
    });
  });

  it("prefers the HTTP status the service actually sent", () => {
    const err = new rt.InternalServerException({ message: "bad gateway", $metadata: { httpStatusCode: 502 } });
    expect(classifyBedrockError(err)).toMatchObject({ code: "InternalServerException", httpStatus: 502, fallback: true });
  });

  it("reads a BedrockCallError back unchanged", () => {
    const wrapped = toBedrockCallError(new rt.ThrottlingException(opts("slow down")), "eu.amazon.nova-lite-v1:0");
    expect(classifyBedrockError(wrapped)).toEqual({ code: "ThrottlingException", httpStatus: 429, fallback: true, outcome: "throttled" });
  });
});

describe("toBedrockCallError", () => {
  it.each(runtimeRows)("$label keeps code, status, message and sets retryable = fallback", (row) => {
    const err = toBedrockCallError(row.make(), "m");
    expect(err).toBeInstanceOf(BedrockCallError);
    expect(err).toMatchObject({ code: row.code, httpStatus: row.httpStatus, retryable: row.fallback, outcome: row.outcome, modelId: "m" });
    expect(err.message).toBeTruthy();
  });

  it("returns an existing BedrockCallError as is", () => {
    const err = toBedrockCallError(new rt.ValidationException(opts("bad")));
    expect(toBedrockCallError(err)).toBe(err);
  });
});
