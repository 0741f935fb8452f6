// Postgres cannot store a NUL character in text (it refuses the whole statement), so text that is going to be
// stored or compared in a query is checked for it first, the same way at every door and in the service layer.
import { z } from "zod";

export const NUL_MESSAGE = "must not contain NUL characters";

export function hasNul(value: string): boolean {
  return value.includes("\u0000");
}

/** A string without NUL characters. */
export function noNulString(message = NUL_MESSAGE) {
  return z.string().refine((v) => !hasNul(v), message);
}
