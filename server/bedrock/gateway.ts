import "server-only";

// The one Bedrock interface the rest of the server talks to. Two implementations (aws-gateway.ts on the AWS SDK,
// offline-gateway.ts on the bundled catalog) answer in these normalized shapes, so callers never see SDK types.

export { BEDROCK_ERROR_TABLE, BEDROCK_OUTCOMES, BedrockCallError, classifyBedrockError, toBedrockCallError } from "./call-error";
export type { BedrockErrorClass, BedrockOutcome } from "./call-error";

export type BedrockMode = "aws" | "offline";

export type FoundationModelSummary = {
  modelId: string;
  modelArn: string;
  name: string;
  provider: string;
  inputModalities: string[];
  outputModalities: string[];
  streamingSupported: boolean;
  /** Kept as strings: real responses carry values the API model does not declare, e.g. "INFERENCE_PROFILE". */
  inferenceTypes: string[];
  lifecycleStatus: "active" | "legacy";
  /** ISO date (YYYY-MM-DD). */
  legacyDate?: string;
  endOfLifeDate?: string;
};

export type InferenceProfileSummary = {
  profileId: string;
  arn: string;
  name: string;
  description?: string;
  /** SYSTEM_DEFINED or APPLICATION. */
  type: string;
  /** ACTIVE is the only value today. */
  status: string;
  modelArns: string[];
  /** Regions of the models[] ARNs, sorted. */
  destinationRegions: string[];
  /** True when models[] holds the region-less ARN of a global profile (`arn:aws:bedrock:::foundation-model/x`). */
  includesGlobal: boolean;
};

export type ModelAvailability = {
  authorized: boolean;
  /** AVAILABLE | PENDING | NOT_AVAILABLE | ERROR (or UNKNOWN when the service left it out). */
  agreement: string;
  entitlement: boolean;
  regionAvailable: boolean;
};

export type ConverseRole = "user" | "assistant";

/** A plain-text turn (the built-in chat). */
export type ConverseMessage = { role: ConverseRole; text: string };

export type ImageFormat = "png" | "jpeg" | "gif" | "webp";
export type ToolResultContent = { text: string } | { json: unknown } | { image: ImageBlock["image"] };
export type ImageBlock = { image: { format: ImageFormat; source: { bytes: Uint8Array } } };

/** Converse's content blocks that Switchboard passes through (text, images, tool calls and their results). */
export type ContentBlock =
  | { text: string }
  | ImageBlock
  | { toolUse: { toolUseId: string; name: string; input: unknown } }
  | { toolResult: { toolUseId: string; content: ToolResultContent[]; status?: "success" | "error" } };

/** A turn of content blocks (the gateway doors: OpenAI and Bedrock-native callers). */
export type ContentMessage = { role: ConverseRole; content: ContentBlock[] };

export type InferenceConfig = { maxTokens?: number; temperature?: number; topP?: number; stopSequences?: string[] };

export type ToolSpec = { name: string; description?: string; inputSchema: { json: unknown } };
export type ToolChoice = { auto: Record<string, never> } | { any: Record<string, never> } | { tool: { name: string } };
export type ToolConfig = { tools: { toolSpec: ToolSpec }[]; toolChoice?: ToolChoice };

export type ConverseInput = {
  modelId: string;
  messages: (ConverseMessage | ContentMessage)[];
  /** One text, or Converse's system blocks. */
  system?: string | { text: string }[];
  /** Shorthands of inferenceConfig.maxTokens and .temperature (inferenceConfig wins when both are given). */
  maxTokens?: number;
  temperature?: number;
  inferenceConfig?: InferenceConfig;
  toolConfig?: ToolConfig;
};

export type ConverseResult = {
  text: string;
  /** Every content block of the answer, in order (text and toolUse). */
  content: ContentBlock[];
  inputTokens: number;
  outputTokens: number;
  latencyMs: number;
  stopReason: string;
};

/**
 * A streamed answer: content blocks by index (text deltas; a toolUse start, its input JSON in pieces), each closed
 * by a blockStop, then one "done" with the usage.
 */
export type ConverseStreamEvent =
  | { type: "text"; index: number; text: string }
  | { type: "toolUseStart"; index: number; toolUseId: string; name: string }
  | { type: "toolUseDelta"; index: number; input: string }
  | { type: "blockStop"; index: number }
  | { type: "done"; inputTokens: number; outputTokens: number; latencyMs: number; stopReason: string };

export interface BedrockGateway {
  readonly mode: BedrockMode;
  listFoundationModels(filter?: { provider?: string }): Promise<FoundationModelSummary[]>;
  /** Null when Bedrock does not know the model (ResourceNotFoundException). */
  getFoundationModel(modelId: string): Promise<FoundationModelSummary | null>;
  /** Every page: nextToken is followed to the end. */
  listInferenceProfiles(): Promise<InferenceProfileSummary[]>;
  /** Null when Bedrock does not know the profile. */
  getInferenceProfile(id: string): Promise<InferenceProfileSummary | null>;
  getModelAvailability(modelId: string): Promise<ModelAvailability>;
  /** Throws BedrockCallError on failure; `retryable` says whether another model can help. */
  converse(input: ConverseInput): Promise<ConverseResult>;
  /** Yields content-block events, then one "done". Failures (also mid-stream) throw BedrockCallError from the iterator. */
  converseStream(input: ConverseInput): AsyncIterable<ConverseStreamEvent>;
}
