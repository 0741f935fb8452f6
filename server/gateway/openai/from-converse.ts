import "server-only";
import type { ContentBlock, ConverseStreamEvent } from "@/server/bedrock/gateway";

// Converse answer -> OpenAI chat.completion and chat.completion.chunk objects. Pure.

export type OpenAiFinishReason = "stop" | "length" | "tool_calls" | "content_filter";

/** Converse stop reasons in OpenAI's terms. */
export function finishReasonOf(stopReason: string): OpenAiFinishReason {
  switch (stopReason) {
    case "max_tokens":
    case "model_context_window_exceeded":
      return "length";
    case "tool_use":
      return "tool_calls";
    case "guardrail_intervened":
    case "content_filtered":
      return "content_filter";
    default:
      return "stop";
  }
}

export type Usage = { inputTokens: number; outputTokens: number };

export function usageOf(u: Usage) {
  return { prompt_tokens: u.inputTokens, completion_tokens: u.outputTokens, total_tokens: u.inputTokens + u.outputTokens };
}

export function toolCallsOf(content: ContentBlock[]) {
  return content.flatMap((b) =>
    "toolUse" in b
      ? [{ id: b.toolUse.toolUseId, type: "function" as const, function: { name: b.toolUse.name, arguments: JSON.stringify(b.toolUse.input ?? {}) } }]
      : [],
  );
}

export type CompletionMeta = { id: string; created: number; modelId: string };

export function chatCompletionOf(meta: CompletionMeta, answer: { content: ContentBlock[]; stopReason: string } & Usage) {
  const text = answer.content.map((b) => ("text" in b ? b.text : "")).join("");
  const toolCalls = toolCallsOf(answer.content);
  return {
    id: meta.id,
    object: "chat.completion" as const,
    created: meta.created,
    model: meta.modelId,
    choices: [
      {
        index: 0,
        message: {
          role: "assistant" as const,
          content: text || (toolCalls.length ? null : ""),
          refusal: null,
          ...(toolCalls.length ? { tool_calls: toolCalls } : {}),
        },
        finish_reason: finishReasonOf(answer.stopReason),
        logprobs: null,
      },
    ],
    usage: usageOf(answer),
  };
}

/**
 * Turns stream events into chat.completion.chunk objects: a first chunk with the role, content pieces, tool calls
 * (numbered in order of appearance, the first piece with id and name), a last chunk with the finish reason and,
 * when asked, a usage chunk with no choices.
 */
export class ChunkBuilder {
  private readonly toolIndex = new Map<number, number>();

  constructor(private readonly meta: CompletionMeta) {}

  private chunk(delta: Record<string, unknown>, finish: OpenAiFinishReason | null = null) {
    return {
      id: this.meta.id,
      object: "chat.completion.chunk" as const,
      created: this.meta.created,
      model: this.meta.modelId,
      choices: [{ index: 0, delta, finish_reason: finish, logprobs: null }],
    };
  }

  first() {
    return this.chunk({ role: "assistant", content: "" });
  }

  /** The chunk for one event, or null when the event has none (a block's stop). */
  of(event: Exclude<ConverseStreamEvent, { type: "done" }>) {
    if (event.type === "text") return this.chunk({ content: event.text });
    if (event.type === "toolUseStart") {
      const index = this.toolIndex.size;
      this.toolIndex.set(event.index, index);
      return this.chunk({ tool_calls: [{ index, id: event.toolUseId, type: "function", function: { name: event.name, arguments: "" } }] });
    }
    if (event.type === "toolUseDelta") {
      const index = this.toolIndex.get(event.index) ?? 0;
      return this.chunk({ tool_calls: [{ index, function: { arguments: event.input } }] });
    }
    return null;
  }

  last(stopReason: string) {
    return this.chunk({}, finishReasonOf(stopReason));
  }

  usage(u: Usage) {
    return { id: this.meta.id, object: "chat.completion.chunk" as const, created: this.meta.created, model: this.meta.modelId, choices: [], usage: usageOf(u) };
  }
}
