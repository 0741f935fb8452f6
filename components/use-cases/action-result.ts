// Helpers for reading server-action results on the client.
import type { ActionResult } from "@/components/switching/types";

type Failure = Extract<ActionResult<unknown>, { ok: false }>;

/** An action failure as a thrown Error, for React Query (which wants queryFn to throw). Keeps the code. */
export class ActionError extends Error {
  constructor(readonly failure: Failure) {
    super(failure.error);
    this.name = "ActionError";
  }
}

export function unwrap<T>(result: ActionResult<T>): T {
  if (!result.ok) throw new ActionError(result);
  return result.data;
}

/**
 * Field errors from either place they come from: the action's own input parsing (`fieldErrors`) or the service's
 * checks against the catalog (`details.fieldErrors`). Keys are dotted paths such as "policy.cooldownSeconds".
 */
export function fieldErrorsOf(result: Failure): Record<string, string> {
  const fromDetails =
    result.details && typeof result.details === "object" && "fieldErrors" in result.details
      ? ((result.details as { fieldErrors?: Record<string, string> }).fieldErrors ?? {})
      : {};
  return { ...fromDetails, ...(result.fieldErrors ?? {}) };
}

/** Keys under a prefix with the prefix removed: ("policy", {"policy.minContext": m}) → {minContext: m}. */
export function underPrefix(errors: Record<string, string>, prefix: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, message] of Object.entries(errors)) {
    if (key.startsWith(`${prefix}.`)) out[key.slice(prefix.length + 1)] = message;
  }
  return out;
}
