import "server-only";
import type { z } from "zod";
import { AppError } from "@/server/errors";

/** `messages[0].content` from a zod path: how OpenAI names a parameter in `error.param`. */
export function paramName(path: readonly PropertyKey[]): string {
  return path.reduce<string>((out, key) => (typeof key === "number" ? `${out}[${key}]` : out ? `${out}.${String(key)}` : String(key)), "");
}

/** A 400 naming the parameter: "temperature: Too big: expected number to be <=2", param "temperature". */
export function invalidParam(param: string, message: string): AppError {
  return new AppError("invalid_request", `${param}: ${message}`, { param });
}

/** Parses JSON bytes against a schema, or throws a 400 that names the first wrong parameter. */
export function parseJsonBody<S extends z.ZodType>(schema: S, body: Uint8Array): z.infer<S> {
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(body));
  } catch {
    throw new AppError("invalid_request", "The body is not valid JSON.", { param: null });
  }
  if (!json || typeof json !== "object" || Array.isArray(json)) throw new AppError("invalid_request", "The body must be a JSON object.", { param: null });
  const parsed = schema.safeParse(json);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const param = paramName(issue.path) || "body";
  const missing = issue.code === "invalid_type" && issue.input === undefined;
  throw invalidParam(param, missing ? "is required" : issue.message);
}
