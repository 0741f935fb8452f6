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

export type ConverseMessage = { role: "user" | "assistant"; text: string };

export type ConverseInput = {
  modelId: string;
  messages: ConverseMessage[];
  system?: string;
  maxTokens?: number;
  temperature?: number;
};

export type ConverseResult = {
  text: string;
  inputTokens: number;
  outputTokens: number;
  latencyMs: number;
  stopReason: string;
};

export type ConverseStreamEvent =
  | { type: "text"; text: string }
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
  /** Yields text chunks, then one "done". Failures (also mid-stream) throw BedrockCallError from the iterator. */
  converseStream(input: ConverseInput): AsyncIterable<ConverseStreamEvent>;
}
