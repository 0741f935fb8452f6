import "server-only";
import type { ContentBlock, ContentMessage, ConverseInput, ConverseMessage, ConverseStreamEvent, InferenceConfig } from "./gateway";

// Helpers both gateways and the invoke path share to read a ConverseInput and to assemble a streamed answer.

/** A turn's content blocks, whether it was given as plain text or as blocks. */
export function contentOf(message: ConverseMessage | ContentMessage): ContentBlock[] {
  return "content" in message ? message.content : [{ text: message.text }];
}

/** The text of the blocks that are text, joined. */
export function textOfBlocks(blocks: ContentBlock[]): string {
  return blocks.map((b) => ("text" in b ? b.text : "")).join("");
}

export function systemBlocksOf(input: Pick<ConverseInput, "system">): { text: string }[] {
  if (input.system === undefined) return [];
  return typeof input.system === "string" ? (input.system ? [{ text: input.system }] : []) : input.system;
}

/** inferenceConfig with the maxTokens / temperature shorthands folded in; undefined when empty. */
export function inferenceConfigOf(input: Pick<ConverseInput, "maxTokens" | "temperature" | "inferenceConfig">): InferenceConfig | undefined {
  const config: InferenceConfig = {};
  if (input.maxTokens !== undefined) config.maxTokens = input.maxTokens;
  if (input.temperature !== undefined) config.temperature = input.temperature;
  Object.assign(config, Object.fromEntries(Object.entries(input.inferenceConfig ?? {}).filter(([, v]) => v !== undefined)));
  return Object.keys(config).length > 0 ? config : undefined;
}

/** Parses a tool's streamed input JSON; an empty input is `{}`, as Bedrock sends for a tool without parameters. */
export function parseToolInput(json: string): unknown {
  if (!json.trim()) return {};
  try {
    return JSON.parse(json) as unknown;
  } catch {
    return {};
  }
}

type Slot = { kind: "text"; text: string } | { kind: "toolUse"; toolUseId: string; name: string; input: string };

/** Builds the answer's content blocks from stream events, in block order. */
export class StreamAssembler {
  private readonly slots = new Map<number, Slot>();
  done: Extract<ConverseStreamEvent, { type: "done" }> | undefined;

  add(event: ConverseStreamEvent): void {
    if (event.type === "text") {
      const slot = this.slots.get(event.index);
      if (slot?.kind === "text") slot.text += event.text;
      else this.slots.set(event.index, { kind: "text", text: event.text });
    } else if (event.type === "toolUseStart") {
      this.slots.set(event.index, { kind: "toolUse", toolUseId: event.toolUseId, name: event.name, input: "" });
    } else if (event.type === "toolUseDelta") {
      const slot = this.slots.get(event.index);
      if (slot?.kind === "toolUse") slot.input += event.input;
    } else if (event.type === "done") {
      this.done = event;
    }
  }

  content(): ContentBlock[] {
    return [...this.slots.entries()]
      .sort(([a], [b]) => a - b)
      .map(([, s]) => (s.kind === "text" ? { text: s.text } : { toolUse: { toolUseId: s.toolUseId, name: s.name, input: parseToolInput(s.input) } }));
  }

  text(): string {
    return textOfBlocks(this.content());
  }

  /** True once any event reached it (a fallback is possible only before this). */
  get started(): boolean {
    return this.slots.size > 0;
  }
}
