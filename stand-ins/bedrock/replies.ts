// What the stand-in answers to a Converse request: deterministic, echo-like, with token counts from the input length.
//
// Tool use: when the request carries toolConfig.tools, the stand-in answers a toolUse block instead of text when
//   - toolChoice is { tool: { name } } (that tool), or { any: {} } (the first tool the message names, else the first), or
//   - the last user message contains `call <toolName>` for one of the tools; a JSON object after the name becomes the
//     tool's input (`call get_weather {"city":"Paris"}`), otherwise the input is {}.
// A last user message holding toolResult blocks is answered with text quoting the results.
import { z } from "zod";

const contentBlock = z.looseObject({
  text: z.string().optional(),
  toolUse: z.object({ toolUseId: z.string(), name: z.string(), input: z.unknown() }).optional(),
  toolResult: z.object({ toolUseId: z.string(), content: z.array(z.record(z.string(), z.unknown())).default([]), status: z.string().optional() }).optional(),
});

const toolSpec = z.object({ toolSpec: z.object({ name: z.string().min(1), description: z.string().optional(), inputSchema: z.unknown() }) });

export const converseRequestSchema = z.object({
  messages: z.array(z.object({ role: z.enum(["user", "assistant"]), content: z.array(contentBlock) })),
  system: z.array(z.looseObject({ text: z.string().optional() })).optional(),
  inferenceConfig: z
    .object({
      maxTokens: z.number().int().min(1).optional(),
      temperature: z.number().min(0).max(1).optional(),
      topP: z.number().min(0).max(1).optional(),
      stopSequences: z.array(z.string()).max(4).optional(),
    })
    .optional(),
  toolConfig: z
    .object({
      tools: z.array(z.union([toolSpec, z.object({ cachePoint: z.unknown() })])).min(1),
      toolChoice: z.union([z.object({ auto: z.unknown() }), z.object({ any: z.unknown() }), z.object({ tool: z.object({ name: z.string() }) })]).optional(),
    })
    .optional(),
  additionalModelRequestFields: z.unknown().optional(),
});
export type ConverseRequest = z.infer<typeof converseRequestSchema>;

export type Reply = {
  content: ({ text: string } | { toolUse: { toolUseId: string; name: string; input: unknown } })[];
  stopReason: "end_turn" | "max_tokens" | "stop_sequence" | "tool_use";
  inputTokens: number;
  outputTokens: number;
};

/** About four characters per token for English prose. */
const tokens = (chars: number) => Math.max(1, Math.ceil(chars / 4));

function blockChars(b: z.infer<typeof contentBlock>): number {
  if (b.text !== undefined) return b.text.length;
  if (b.toolUse) return JSON.stringify(b.toolUse.input ?? {}).length + b.toolUse.name.length;
  if (b.toolResult) return JSON.stringify(b.toolResult.content).length;
  return 0;
}

function toolNames(req: ConverseRequest): string[] {
  return (req.toolConfig?.tools ?? []).flatMap((t) => ("toolSpec" in t ? [t.toolSpec.name] : []));
}

/** The JSON object that follows `from` in the text, if any. */
function jsonAfter(text: string, from: number): unknown {
  const open = text.indexOf("{", from);
  const close = text.lastIndexOf("}");
  if (open < 0 || close < open) return {};
  try {
    return JSON.parse(text.slice(open, close + 1)) as unknown;
  } catch {
    return {};
  }
}

function pickTool(req: ConverseRequest, lastText: string): { name: string; input: unknown } | null {
  const names = toolNames(req);
  if (!names.length) return null;
  const choice = req.toolConfig?.toolChoice;
  const called = /\bcall\s+([A-Za-z0-9_-]+)/.exec(lastText);
  const calledName = called && names.includes(called[1]!) ? called[1]! : null;
  const input = calledName ? jsonAfter(lastText, called!.index + called![0].length) : {};
  if (choice && "tool" in choice) return { name: choice.tool.name, input: calledName === choice.tool.name ? input : {} };
  if (choice && "any" in choice) return { name: calledName ?? names[0]!, input };
  return calledName ? { name: calledName, input } : null;
}

export function replyTo(modelId: string, req: ConverseRequest, toolUseId: string): Reply {
  const inputChars =
    (req.system ?? []).reduce((n, s) => n + (s.text?.length ?? 0), 0) + req.messages.reduce((n, m) => n + m.content.reduce((k, b) => k + blockChars(b), 0), 0);
  const inputTokens = tokens(inputChars);
  const last = req.messages[req.messages.length - 1];
  const lastText = (last?.content ?? []).map((b) => b.text ?? "").join("");
  const results = (last?.content ?? []).flatMap((b) => (b.toolResult ? [b.toolResult] : []));

  const tool = results.length ? null : pickTool(req, lastText);
  if (tool) {
    return {
      content: [{ toolUse: { toolUseId, name: tool.name, input: tool.input } }],
      stopReason: "tool_use",
      inputTokens,
      outputTokens: tokens(JSON.stringify(tool.input).length + tool.name.length),
    };
  }

  let text = results.length
    ? `Stand-in reply from ${modelId}: tool results ${results.map((r) => `${r.toolUseId}=${JSON.stringify(r.content)}`).join(", ")}`
    : `Stand-in reply from ${modelId}: ${lastText.replace(/\s+/g, " ").trim()}`;
  let stopReason: Reply["stopReason"] = "end_turn";
  for (const stop of req.inferenceConfig?.stopSequences ?? []) {
    const at = stop ? text.indexOf(stop) : -1;
    if (at >= 0) {
      text = text.slice(0, at);
      stopReason = "stop_sequence";
    }
  }
  const max = req.inferenceConfig?.maxTokens;
  if (max !== undefined && tokens(text.length) > max) {
    text = text.slice(0, max * 4);
    stopReason = "max_tokens";
  }
  return { content: [{ text }], stopReason, inputTokens, outputTokens: tokens(text.length) };
}

/** The text of a reply in pieces, as ConverseStream sends it. */
export function chunksOf(text: string, size: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out.length ? out : [""];
}
