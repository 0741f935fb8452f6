import "server-only";

// One error type for the whole service layer. Its code maps to an HTTP status and its message is safe to show;
// anything else that escapes is logged and answered with a generic message (see toPublicError).
import { ERROR_STATUS, type ErrorCode } from "@/lib/error-codes";

export { ERROR_STATUS, type ErrorCode };

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
    return err.details === undefined ? { code: err.code, message: err.message } : { code: err.code, message: err.message, details: err.details };
  }
  if (sqlState(err, (code) => code === "22021" || code === "22P05")) {
    // Text Postgres cannot store (a NUL character): bad input, refused by the statement, so nothing was written by it.
    return { code: "invalid_request", message: "The request holds characters that cannot be stored (such as NUL). Remove them and try again." };
  }
  if (isDatabaseUnavailable(err)) {
    console.error("[switchboard] database unavailable", err);
    return { code: "unavailable", message: "The database is not answering right now. The request changed nothing; try again shortly." };
  }
  console.error("[switchboard] unexpected error", err);
  return { code: "internal", message: "Something went wrong on our side. The request changed nothing; try again." };
}

/**
 * Outages read as 503, not 500: connection failures (Postgres class 08), admin shutdown (57P0x), a database that no
 * longer exists (3D000), or a refused or dropped socket.
 */
function isDatabaseUnavailable(err: unknown): boolean {
  return sqlState(
    err,
    (code) =>
      /^08/.test(code) ||
      /^57P0/.test(code) ||
      code === "3D000" ||
      ["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "CONNECTION_CLOSED", "CONNECT_TIMEOUT"].includes(code),
  );
}

/** Whether the error, or one of its causes (Drizzle wraps the driver's error), carries a code that matches. */
function sqlState(err: unknown, matches: (code: string) => boolean): boolean {
  let e: unknown = err;
  for (let depth = 0; e && depth < 4; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && matches(code)) return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}
