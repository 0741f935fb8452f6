import "server-only";
import { createHash } from "node:crypto";
import { contentOf } from "./content";
import type { ContentBlock, ConverseInput, ToolSpec } from "./gateway";

// How the offline gateway answers tool calls, deterministically, so that the OpenAI and Bedrock doors can be tested
// through a full round trip without AWS.
//
// The trigger: with a toolConfig, when the last user turn is text that names one of the tools (its name as a word,
// any case), or when toolChoice is `any` (the first tool) or `tool` (that tool), the answer is a single toolUse of
// that tool with stop reason `tool_use`. A JSON object right after the tool's name is its input (`call get_weather
// {"city":"Paris"}`, as the Bedrock stand-in takes it); otherwise the input gives every string property of the tool's
// schema the user's text, every number or integer property 1 and every boolean property true. Its id is `tooluse_` and a hash of the tool
// name and the text, so the same request always gets the same id. When the last user turn carries toolResult blocks,
// the answer is text that quotes the results.

export type ToolTurn =
  | { kind: "call"; toolUse: { toolUseId: string; name: string; input: Record<string, unknown> } }
  | { kind: "results"; text: string }
  | null;

const words = (text: string) =>
  new Set(
    text
      .toLowerCase()
      .split(/[^a-z0-9_-]+/)
      .filter(Boolean),
  );

function chosenTool(input: ConverseInput, userText: string): ToolSpec | undefined {
  const tools = input.toolConfig?.tools.map((t) => t.toolSpec) ?? [];
  const choice = input.toolConfig?.toolChoice;
  if (choice && "tool" in choice) return tools.find((t) => t.name === choice.tool.name);
  const said = words(userText);
  return tools.find((t) => said.has(t.name.toLowerCase())) ?? (choice && "any" in choice ? tools[0] : undefined);
}

/** The JSON object written right after the tool's name, if any. */
function inputAfterName(tool: ToolSpec, userText: string): Record<string, unknown> | null {
  const at = userText.toLowerCase().indexOf(tool.name.toLowerCase());
  const rest = at < 0 ? "" : userText.slice(at + tool.name.length).trim();
  if (!rest.startsWith("{")) return null;
  try {
    const value: unknown = JSON.parse(rest);
    return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

function inputFor(tool: ToolSpec, userText: string): Record<string, unknown> {
  const given = inputAfterName(tool, userText);
  if (given) return given;
  const schema = tool.inputSchema.json as { properties?: Record<string, { type?: unknown }> } | null;
  const out: Record<string, unknown> = {};
  for (const [name, prop] of Object.entries(schema?.properties ?? {})) {
    if (prop?.type === "string") out[name] = userText;
    else if (prop?.type === "number" || prop?.type === "integer") out[name] = 1;
    else if (prop?.type === "boolean") out[name] = true;
  }
  return out;
}

function resultText(block: Extract<ContentBlock, { toolResult: unknown }>): string {
  return block.toolResult.content.map((c) => ("text" in c ? c.text : "json" in c ? JSON.stringify(c.json) : "[image]")).join(" ");
}

export function simulateToolTurn(input: ConverseInput): ToolTurn {
  const last = input.messages.at(-1);
  if (last?.role !== "user") return null;
  const blocks = contentOf(last);
  const results = blocks.filter((b): b is Extract<ContentBlock, { toolResult: unknown }> => "toolResult" in b);
  if (results.length > 0) return { kind: "results", text: `The tool returned: ${results.map(resultText).join("; ")}` };
  if (!input.toolConfig?.tools.length) return null;
  const userText = blocks
    .map((b) => ("text" in b ? b.text : ""))
    .join(" ")
    .trim();
  const tool = chosenTool(input, userText);
  if (!tool) return null;
  const toolUseId = `tooluse_${createHash("sha256").update(`${tool.name}\n${userText}`).digest("hex").slice(0, 20)}`;
  return { kind: "call", toolUse: { toolUseId, name: tool.name, input: inputFor(tool, userText) } };
}

/** Bedrock refuses toolUse and toolResult blocks in a request without toolConfig. */
export function usesToolsWithoutConfig(input: ConverseInput): boolean {
  return !input.toolConfig && input.messages.some((m) => contentOf(m).some((b) => "toolUse" in b || "toolResult" in b));
}

/** Characters of everything the model reads, for the token estimate. */
export function promptChars(input: ConverseInput): number {
  const system = typeof input.system === "string" ? input.system.length : (input.system ?? []).reduce((n, b) => n + b.text.length, 0);
  const blockChars = (b: ContentBlock): number =>
    "text" in b
      ? b.text.length
      : "toolUse" in b
        ? JSON.stringify(b.toolUse.input ?? {}).length + b.toolUse.name.length
        : "toolResult" in b
          ? resultText(b).length
          : 1000;
  return system + input.messages.reduce((n, m) => n + contentOf(m).reduce((k, b) => k + blockChars(b), 0), 0);
}
