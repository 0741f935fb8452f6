import "server-only";
import { z } from "zod";

// The body of Converse / ConverseStream as the AWS SDK sends it (REST-JSON: blobs in base64). The content blocks
// Switchboard passes through are text, image, toolUse and toolResult; another kind is a ValidationException naming
// the field. Fields we do not pass on (additionalModelRequestFields, guardrailConfig, ...) are dropped.

const base64 = z
  .string()
  .regex(/^[A-Za-z0-9+/]*={0,2}$/, "must be base64")
  .transform((s) => new Uint8Array(Buffer.from(s, "base64")));
const image = z.object({ format: z.enum(["png", "jpeg", "gif", "webp"]), source: z.strictObject({ bytes: base64 }) });
const toolResultContent = z.union([z.strictObject({ text: z.string() }), z.strictObject({ json: z.unknown() }), z.strictObject({ image })]);
const block = z.union([
  z.strictObject({ text: z.string() }),
  z.strictObject({ image }),
  z.strictObject({ toolUse: z.object({ toolUseId: z.string().min(1).max(64), name: z.string().min(1).max(64), input: z.unknown() }) }),
  z.strictObject({
    toolResult: z.object({ toolUseId: z.string().min(1).max(64), content: z.array(toolResultContent), status: z.enum(["success", "error"]).optional() }),
  }),
]);
const empty = z.object({}).transform(() => ({}) as Record<string, never>);

export const converseSchema = z.object({
  messages: z.array(z.object({ role: z.enum(["user", "assistant"]), content: z.array(block).min(1) })).min(1, "must hold at least one message"),
  system: z.array(z.strictObject({ text: z.string() })).optional(),
  inferenceConfig: z
    .object({
      maxTokens: z.number().int().min(1).optional(),
      temperature: z.number().min(0).max(1).optional(),
      topP: z.number().min(0).max(1).optional(),
      stopSequences: z.array(z.string().min(1)).max(4).optional(),
    })
    .optional(),
  toolConfig: z
    .object({
      tools: z
        .array(
          z.object({
            toolSpec: z.object({ name: z.string().min(1).max(64), description: z.string().optional(), inputSchema: z.object({ json: z.unknown() }) }),
          }),
        )
        .min(1),
      toolChoice: z
        .union([z.strictObject({ auto: empty }), z.strictObject({ any: empty }), z.strictObject({ tool: z.object({ name: z.string().min(1) }) })])
        .optional(),
    })
    .optional(),
  requestMetadata: z.record(z.string(), z.string().max(256)).optional(),
});

export type ConverseBody = z.infer<typeof converseSchema>;

/** The keys of requestMetadata that carry Switchboard's end user and conversation (the AWS SDK sends no custom headers). */
export const METADATA_USER = "user";
export const METADATA_CONVERSATION = "x-switchboard-conversation-id";
