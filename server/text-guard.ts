import "server-only";
import { hasNul, NUL_MESSAGE } from "@/lib/no-nul";
import { AppError } from "@/server/errors";

/** Refuses (400) any given field holding a NUL character, before anything is written. */
export function assertNoNul(fields: Record<string, string | null | undefined>): void {
  for (const [name, value] of Object.entries(fields)) {
    if (typeof value === "string" && hasNul(value)) throw new AppError("invalid_request", `${name}: ${NUL_MESSAGE}.`);
  }
}
