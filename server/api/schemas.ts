import "server-only";
import { z } from "zod";
import { createKeyInput } from "@/server/keys/create-key";

// The orchestrate contract's parameters, camelCase, as the old edge function took them.
// Unknown parameters are refused, so that a misspelt one fails loudly instead of being ignored.
// Postgres refuses NUL in text ("invalid byte sequence"), which would surface as a 500: refuse it here, by field.
const text = () => z.string().refine((v) => !v.includes("\u0000"), "must not contain NUL characters");
const modelId = text().trim().min(1, "is required").max(200, "is too long");
const useCaseName = text().trim().min(1, "is required").max(40, "is too long").regex(/^[a-z][a-z0-9_-]*$/, "must be a use-case name such as clinical");
/** A conversation's id, or the id a backend gave it through the gateway (`x-switchboard-conversation-id`). */
const conversationId = text().min(1, "is required").max(200, "is too long");
const reason = text().trim().max(500, "must be at most 500 characters");

export const actionSchemas = {
  "list-all": z.strictObject({
    provider: text().trim().min(1).max(40).optional(),
    useCase: useCaseName.optional(),
    includeDisabled: z.boolean().optional(),
  }),
  "get-for-use-case": z.strictObject({ useCase: useCaseName }),
  validate: z.strictObject({ modelId, useCase: useCaseName.optional(), probe: z.boolean().optional() }),
  switch: z
    .strictObject({
      modelId,
      useCase: useCaseName.optional(),
      conversationId: conversationId.optional(),
      userId: z.uuid("must be a UUID").optional(),
      reason: reason.optional(),
      expectedCurrentModelId: modelId.optional(),
      idempotencyKey: text().trim().min(1).max(200).optional(),
      showNotification: z.boolean().optional(),
    })
    .refine((v) => !(v.useCase && v.conversationId), { message: "give useCase or conversationId, not both", path: ["conversationId"] }),
  "auto-switch": z
    .strictObject({
      useCase: useCaseName.optional(),
      message: text().trim().min(1).max(20_000).optional(),
      conversationId: conversationId.optional(),
      userId: z.uuid("must be a UUID").optional(),
      reason: reason.optional(),
      showNotification: z.boolean().optional(),
      dryRun: z.boolean().optional(),
    })
    .refine((v) => v.useCase || v.message, { message: "give useCase or message", path: ["useCase"] }),
  "clear-cache": z.strictObject({}),
  "keys-create": createKeyInput,
  "keys-list": z.strictObject({}),
  "keys-revoke": z.strictObject({ id: text().trim().min(1, "is required").max(100, "is too long") }),
} as const;

export type ActionName = keyof typeof actionSchemas;
export const ACTION_NAMES = Object.keys(actionSchemas) as ActionName[];
export type ActionParams<A extends ActionName> = z.infer<(typeof actionSchemas)[A]>;

/** "modelId: is required" — the message names the field, as the contract asks. */
export function describeZodError(error: z.ZodError): string {
  // A misspelt parameter ("modelID") also leaves the real one missing: name the misspelling, the actual mistake.
  const issue = error.issues.find((i) => i.code === "unrecognized_keys") ?? error.issues[0];
  if (!issue) return "Invalid parameters.";
  if (issue.code === "unrecognized_keys") return `Unknown parameter${issue.keys.length > 1 ? "s" : ""}: ${issue.keys.join(", ")}.`;
  const field = issue.path.join(".") || "body";
  const msg = issue.code === "invalid_type" && issue.input === undefined ? "is required" : issue.message;
  return `${field}: ${msg}`;
}
