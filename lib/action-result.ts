// What every server action answers (server/actions/define-action.ts builds it), shared with the client components
// that read it. Pure types and helpers: no server imports.
import type { ErrorCode } from "./error-codes";

export type ActionFailure = { ok: false; error: string; code: ErrorCode; fieldErrors?: Record<string, string>; details?: unknown };
export type ActionResult<T> = { ok: true; data: T } | ActionFailure;

/** The failure a client shows when the action could not be reached at all (network down, server restarting). */
export function unreachable(message = "The server could not be reached. Nothing was changed; try again."): ActionFailure {
  return { ok: false, code: "unavailable", error: message };
}
