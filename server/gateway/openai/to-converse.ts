import "server-only";
import type { ContentBlock, ContentMessage, ImageFormat, InferenceConfig, ToolConfig } from "@/server/bedrock/gateway";
import { invalidParam } from "../parse";
import type { ChatCompletionRequest, ChatMessage } from "./schema";

// OpenAI Chat Completions request -> Converse request. Pure: the tests feed it bodies and read what comes out.

export type ConverseRequestParts = {
  messages: ContentMessage[];
  system?: { text: string }[];
  inferenceConfig?: InferenceConfig;
  toolConfig?: ToolConfig;
};

const IMAGE_FORMATS: Record<string, ImageFormat> = { "image/png": "png", "image/jpeg": "jpeg", "image/jpg": "jpeg", "image/gif": "gif", "image/webp": "webp" };

/** A `data:image/png;base64,...` URL as a Converse image block; Bedrock fetches nothing, so other URLs are refused. */
export function imageBlockFromDataUrl(url: string, param: string): ContentBlock {
  const match = /^data:([a-z/]+);base64,([A-Za-z0-9+/=\s]+)$/i.exec(url);
  const format = match ? IMAGE_FORMATS[match[1]!.toLowerCase()] : undefined;
  if (!match || !format) throw invalidParam(param, "must be a base64 data URL of a png, jpeg, gif or webp image (Bedrock fetches no URLs)");
  return { image: { format, source: { bytes: new Uint8Array(Buffer.from(match[2]!, "base64")) } } };
}

function textsOf(content: string | { text: string }[] | null | undefined): string[] {
  if (content === null || content === undefined) return [];
  return typeof content === "string" ? [content] : content.map((p) => p.text);
}

function toolInput(args: string, param: string): unknown {
  let input: unknown;
  try {
    input = args.trim() ? JSON.parse(args) : {};
  } catch {
    throw invalidParam(param, "must be a JSON object in a string");
  }
  if (!input || typeof input !== "object" || Array.isArray(input)) throw invalidParam(param, "must be a JSON object in a string");
  return input;
}

function blocksOf(m: Exclude<ChatMessage, { role: "system" | "developer" }>, i: number): ContentMessage {
  if (m.role === "user") {
    if (typeof m.content === "string") return { role: "user", content: [{ text: m.content }] };
    return {
      role: "user",
      content: m.content.map((part, j) =>
        part.type === "text" ? { text: part.text } : imageBlockFromDataUrl(part.image_url.url, `messages[${i}].content[${j}].image_url.url`),
      ),
    };
  }
  if (m.role === "tool") {
    return { role: "user", content: [{ toolResult: { toolUseId: m.tool_call_id, content: [{ text: textsOf(m.content).join("") }] } }] };
  }
  const text = textsOf(m.content).join("");
  const calls = (m.tool_calls ?? []).map(
    (c, j): ContentBlock => ({
      toolUse: { toolUseId: c.id, name: c.function.name, input: toolInput(c.function.arguments, `messages[${i}].tool_calls[${j}].function.arguments`) },
    }),
  );
  return { role: "assistant", content: [...(text ? [{ text }] : []), ...calls] };
}

/** Converse wants alternating turns: consecutive turns of one role (several tool results, say) become one. */
function mergeTurns(turns: ContentMessage[]): ContentMessage[] {
  const out: ContentMessage[] = [];
  for (const t of turns) {
    const last = out.at(-1);
    if (last && last.role === t.role) last.content = [...last.content, ...t.content];
    else out.push({ role: t.role, content: [...t.content] });
  }
  return out.filter((t) => t.content.length > 0);
}

function toolConfigOf(body: ChatCompletionRequest, usesTools: boolean): ToolConfig | undefined {
  const tools = body.tools ?? [];
  const named = body.tool_choice !== undefined && typeof body.tool_choice !== "string" ? body.tool_choice.function.name : null;
  if (named !== null && !tools.some((t) => t.function.name === named)) {
    throw invalidParam("tool_choice", "names a function that is not in tools");
  }
  if (body.tool_choice !== undefined && body.tool_choice !== "none" && !tools.length) throw invalidParam("tool_choice", "needs tools");
  if (!tools.length) return undefined;
  // Converse has no "none": the tools are left out, unless the conversation already holds tool calls (Bedrock then needs them).
  if (body.tool_choice === "none" && !usesTools) return undefined;
  const config: ToolConfig = {
    tools: tools.map((t) => ({
      toolSpec: {
        name: t.function.name,
        ...(t.function.description ? { description: t.function.description } : {}),
        inputSchema: { json: t.function.parameters ?? { type: "object", properties: {} } },
      },
    })),
  };
  const choice = body.tool_choice;
  if (choice === "auto") config.toolChoice = { auto: {} };
  else if (choice === "required") config.toolChoice = { any: {} };
  else if (choice && typeof choice !== "string") config.toolChoice = { tool: { name: choice.function.name } };
  return config;
}

export function openAiToConverse(body: ChatCompletionRequest): ConverseRequestParts {
  const system: { text: string }[] = [];
  const turns: ContentMessage[] = [];
  body.messages.forEach((m, i) => {
    if (m.role === "system" || m.role === "developer")
      system.push(
        ...textsOf(m.content)
          .filter(Boolean)
          .map((text) => ({ text })),
      );
    else turns.push(blocksOf(m, i));
  });
  const messages = mergeTurns(turns);
  if (!messages.length) throw invalidParam("messages", "must hold at least one user message");

  const inference: InferenceConfig = {};
  const maxTokens = body.max_completion_tokens ?? body.max_tokens;
  if (maxTokens != null) inference.maxTokens = maxTokens;
  if (body.temperature != null) inference.temperature = body.temperature;
  if (body.top_p != null) inference.topP = body.top_p;
  if (body.stop != null) inference.stopSequences = typeof body.stop === "string" ? [body.stop] : body.stop;

  const usesTools = messages.some((m) => m.content.some((b) => "toolUse" in b || "toolResult" in b));
  const toolConfig = toolConfigOf(body, usesTools);
  return {
    messages,
    ...(system.length ? { system } : {}),
    ...(Object.keys(inference).length ? { inferenceConfig: inference } : {}),
    ...(toolConfig ? { toolConfig } : {}),
  };
}
