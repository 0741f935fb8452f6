import "server-only";
import { z } from "zod";
import { noNulString } from "@/lib/no-nul";
import { createKeyInput } from "@/server/keys/create-key";

// The orchestrate contract's parameters, camelCase, as the old edge function took them.
// Unknown parameters are refused, so that a misspelt one fails loudly instead of being ignored.
// Postgres refuses NUL in text ("invalid byte sequence"), which would surface as a 500: refuse it here, by field.
const text = () => noNulString();
const modelId = text().trim().min(1, "is required").max(200, "is too long");
const useCaseName = text()
  .trim()
  .min(1, "is required")
  .max(40, "is too long")
  .regex(/^[a-z][a-z0-9_-]*$/, "must be a use-case name such as clinical");
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
    .refine((v) => v.useCase || v.message || v.conversationId, { message: "give useCase, message or conversationId", path: ["useCase"] }),
  "clear-cache": z.strictObject({}),
  "keys-create": createKeyInput,
  "keys-list": z.strictObject({}),
  "keys-revoke": z.strictObject({ id: text().trim().min(1, "is required").max(100, "is too long") }),
} as const;

export type ActionName = keyof typeof actionSchemas;
export const ACTION_NAMES = Object.keys(actionSchemas) as ActionName[];
export type ActionParams<A extends ActionName> = z.infer<(typeof actionSchemas)[A]>;
