// The one place a zod error becomes words for a person: a missing field "is required", a field of the wrong type
// "must be a string" (never "is required": it is there, just not the right kind), anything else the schema's own
// message. zod 4 leaves the offending value off its issues, so the input is looked up along each issue's path.
import type { z } from "zod";

type Issue = z.core.$ZodIssue;

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = input;
  for (const key of path) {
    if (v === null || typeof v !== "object") return undefined;
    v = (v as Record<PropertyKey, unknown>)[key];
  }
  return v;
}

const ARTICLE: Record<string, string> = { array: "an array", object: "an object", int: "an integer" };

/** The message of one issue, without the field name. A schema's own words are kept; zod's ("Invalid input: …") are not. */
export function issueMessage(issue: Issue, input: unknown): string {
  if (issue.code !== "invalid_type" || !issue.message.startsWith("Invalid input")) return issue.message;
  if (valueAt(input, issue.path) === undefined) return "is required";
  return `must be ${ARTICLE[issue.expected] ?? `a ${issue.expected}`}`;
}

/** Field path (joined with dots, under `prefix`) -> the first message for it. */
export function fieldErrorsOf(error: z.ZodError, input: unknown, prefix: readonly PropertyKey[] = [], fallbackKey = "form"): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = [...prefix, ...issue.path].map(String).join(".") || fallbackKey;
    out[key] ??= issueMessage(issue, input);
  }
  return out;
}

/** "modelId: must be a string": the first issue, naming its field. A misspelt parameter is named before anything else. */
export function describeZodError(error: z.ZodError, input: unknown): string {
  // A misspelt parameter ("modelID") also leaves the real one missing: name the misspelling, the actual mistake.
  const issue = error.issues.find((i) => i.code === "unrecognized_keys") ?? error.issues[0];
  if (!issue) return "Invalid parameters.";
  if (issue.code === "unrecognized_keys") return `Unknown parameter${issue.keys.length > 1 ? "s" : ""}: ${issue.keys.join(", ")}.`;
  const field = issue.path.join(".") || "body";
  return `${field}: ${issueMessage(issue, input)}`;
}
