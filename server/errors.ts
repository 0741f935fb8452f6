import "server-only";

// One error type for the whole service layer. Its code maps to an HTTP status and its message is safe to show;
// anything else that escapes is logged and answered with a generic message (see toPublicError).
export const ERROR_STATUS = {
  invalid_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  invalid_model: 422,
  rate_limited: 429,
  unavailable: 503,
  internal: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = "AppError";
  }
  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

export type PublicError = { code: ErrorCode; message: string; details?: unknown };

/** The single place that turns any thrown value into what a caller may see. */
export function toPublicError(err: unknown): PublicError {
  if (err instanceof AppError) {
    return err.details === undefined
      ? { code: err.code, message: err.message }
      : { code: err.code, message: err.message, details: err.details };
  }
  console.error("[switchboard] unexpected error", err);
  return { code: "internal", message: "Something went wrong on our side. The request changed nothing; try again." };
}
