import "server-only";
import { z } from "zod";

// The body of POST /v1/chat/completions as the OpenAI SDK sends it. Parameters we do not map (logprobs, penalties,
// seed...) are dropped, as OpenAI-compatible gateways do; a value of a mapped parameter that is wrong is a 400 that
// names the parameter.

const noNul = (v: string) => !v.includes("\u0000");
const textPart = z.object({ type: z.literal("text"), text: z.string() });
const imagePart = z.object({
  type: z.literal("image_url"),
  image_url: z.object({ url: z.string().min(1), detail: z.enum(["auto", "low", "high"]).optional() }),
});
const texts = z.union([z.string(), z.array(textPart).min(1)]);

export const toolCallSchema = z.object({
  id: z.string().min(1).max(200),
  type: z.literal("function"),
  function: z.object({ name: z.string().min(1).max(64), arguments: z.string() }),
});

const message = z.discriminatedUnion("role", [
  z.object({ role: z.literal("system"), content: texts, name: z.string().optional() }),
  z.object({ role: z.literal("developer"), content: texts, name: z.string().optional() }),
  z.object({
    role: z.literal("user"),
    content: z.union([z.string(), z.array(z.discriminatedUnion("type", [textPart, imagePart])).min(1)]),
    name: z.string().optional(),
  }),
  z.object({
    role: z.literal("assistant"),
    content: z.union([z.string(), z.array(textPart), z.null()]).optional(),
    tool_calls: z.array(toolCallSchema).optional(),
    refusal: z.string().nullable().optional(),
    name: z.string().optional(),
  }),
  z.object({ role: z.literal("tool"), tool_call_id: z.string().min(1).max(200), content: texts }),
]);

const functionName = z.string().regex(/^[a-zA-Z0-9_-]{1,64}$/, "must be 1 to 64 letters, digits, underscores or dashes");

export const chatCompletionSchema = z.object({
  model: z.string().trim().min(1, "is required").max(200, "is too long").refine(noNul, "must not contain NUL characters"),
  messages: z.array(message).min(1, "must hold at least one message"),
  max_tokens: z.number().int().min(1).nullable().optional(),
  max_completion_tokens: z.number().int().min(1).nullable().optional(),
  temperature: z.number().min(0).max(2).nullable().optional(),
  top_p: z.number().min(0).max(1).nullable().optional(),
  stop: z
    .union([z.string().min(1), z.array(z.string().min(1)).max(4, "takes at most 4 sequences")])
    .nullable()
    .optional(),
  user: z.string().min(1).max(200, "is too long").refine(noNul, "must not contain NUL characters").optional(),
  n: z.literal(1, "only 1 is supported").nullable().optional(),
  tools: z
    .array(
      z.object({
        type: z.literal("function"),
        function: z.object({
          name: functionName,
          description: z.string().optional(),
          parameters: z.record(z.string(), z.unknown()).optional(),
          strict: z.boolean().nullable().optional(),
        }),
      }),
    )
    .optional(),
  tool_choice: z
    .union([z.enum(["none", "auto", "required"]), z.object({ type: z.literal("function"), function: z.object({ name: functionName }) })])
    .optional(),
  stream: z.boolean().nullable().optional(),
  stream_options: z.object({ include_usage: z.boolean().optional() }).nullable().optional(),
});

export type ChatCompletionRequest = z.infer<typeof chatCompletionSchema>;
export type ChatMessage = ChatCompletionRequest["messages"][number];
