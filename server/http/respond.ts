import "server-only";
import { ERROR_STATUS, toPublicError } from "@/server/errors";

// The one error responder of Switchboard's own JSON routes (the orchestrate API, the chat, the realtime feed, the
// history export, the test routes): `{ ok: false, error: { code, message, details? } }` with the code's status.
// Messages and details come from toPublicError, so they are safe to show; anything unexpected is logged there and
// answered as `internal`. The gateway answers in its clients' own shapes (server/gateway/errors.ts).

export const NO_STORE = { "Cache-Control": "no-store" } as const;

export function jsonOk(data: Record<string, unknown>, headers: Record<string, string> = {}): Response {
  return Response.json(data, { headers: { ...NO_STORE, ...headers } });
}

export function errorResponse(err: unknown, headers: Record<string, string> = {}): Response {
  // The caller went away while the answer was being prepared: nobody to answer, nothing to log.
  if (err instanceof DOMException && err.name === "AbortError") return new Response(null, { status: 499 });
  const error = toPublicError(err);
  const retryAfter = retryAfterOf(error.details);
  return Response.json(
    { ok: false, error },
    { status: ERROR_STATUS[error.code], headers: { ...NO_STORE, ...(retryAfter ? { "Retry-After": retryAfter } : {}), ...headers } },
  );
}

function retryAfterOf(details: unknown): string | null {
  const seconds = (details as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds;
  return typeof seconds === "number" && seconds > 0 ? String(Math.ceil(seconds)) : null;
}
