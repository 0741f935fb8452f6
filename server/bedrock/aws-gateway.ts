import "server-only";
import {
  BedrockClient,
  GetFoundationModelAvailabilityCommand,
  GetFoundationModelCommand,
  GetInferenceProfileCommand,
  ListFoundationModelsCommand,
  ListInferenceProfilesCommand,
  type FoundationModelSummary as SdkFoundationModelSummary,
  type InferenceProfileSummary as SdkInferenceProfileSummary,
} from "@aws-sdk/client-bedrock";
import { BedrockRuntimeClient, ConverseCommand, ConverseStreamCommand, type ContentBlock, type ConverseRequest } from "@aws-sdk/client-bedrock-runtime";
import { NodeHttpHandler } from "@smithy/node-http-handler";
import { baseModelIdOf, destinationsFromModelArns } from "./arn";
import { classifyBedrockError, toBedrockCallError } from "./call-error";
import { contentOf, inferenceConfigOf, systemBlocksOf, textOfBlocks } from "./content";
import type {
  BedrockGateway,
  ContentBlock as GatewayContentBlock,
  ConverseInput,
  ConverseResult,
  ConverseStreamEvent,
  FoundationModelSummary,
  InferenceProfileSummary,
  ModelAvailability,
} from "./gateway";

export type AwsGatewayOptions = {
  /** The caller passes AWS_REGION (default eu-central-1); credentials come from the SDK's default provider chain. */
  region: string;
  /** Attempts per runtime call including the first (default 1, at most 2: see below). */
  runtimeMaxAttempts?: number;
  /** Idle time after which a runtime call fails with TimeoutError (default 60 s). */
  runtimeTimeoutMs?: number;
  /** Endpoints other than AWS's (BEDROCK_RUNTIME_ENDPOINT, BEDROCK_CONTROL_ENDPOINT): a Bedrock stand-in, a VPC endpoint. */
  runtimeEndpoint?: string;
  controlEndpoint?: string;
  /** Ready-made clients, for tests or a shared configuration. */
  bedrockClient?: BedrockClient;
  runtimeClient?: BedrockRuntimeClient;
};

const DEFAULT_RUNTIME_TIMEOUT_MS = 60_000;

/**
 * Runtime retries are kept off on purpose. The SDK default (3 attempts, standard mode) retries ThrottlingException,
 * ModelNotReadyException and 5xx with an exponential backoff of up to 20 s, so a throttle would reach our fallback
 * decision only after several seconds and two more calls against a model that is already saturated. Moving to the
 * next model of the chain is the better retry, so one attempt (two at most) is allowed.
 */
function createRuntimeClient(region: string, maxAttempts: number, timeoutMs: number, endpoint: string | undefined): BedrockRuntimeClient {
  return new BedrockRuntimeClient({
    region,
    ...(endpoint ? { endpoint } : {}),
    maxAttempts,
    // HTTP/1.1 with kept-alive connections, not the SDK's default HTTP/2 handler: that one opens a connection (a TLS
    // handshake, against AWS) for every call, since ConverseStream always gets a session of its own and the default
    // disables shared sessions; Converse and ConverseStream need nothing of HTTP/2. Measured against the Bedrock
    // stand-in, this halves the CPU a call costs (bench/README.md). `requestTimeout` bounds the wait for the answer's
    // head (a non-streamed Converse: the whole answer), `socketTimeout` any silence after it (a stalled stream).
    requestHandler: new NodeHttpHandler({
      connectionTimeout: 5_000,
      requestTimeout: timeoutMs,
      socketTimeout: timeoutMs,
      throwOnRequestTimeout: true,
      httpAgent: { keepAlive: true, maxSockets: 256 },
      httpsAgent: { keepAlive: true, maxSockets: 256 },
    }),
  });
}

/** Catalog reads are not on a user's critical path, so the SDK's standard retries stay, with a firm timeout. */
function createControlClient(region: string, endpoint: string | undefined): BedrockClient {
  return new BedrockClient({
    region,
    ...(endpoint ? { endpoint } : {}),
    maxAttempts: 3,
    requestHandler: { connectionTimeout: 5_000, requestTimeout: 20_000, throwOnRequestTimeout: true },
  });
}

function isoDate(d: Date | undefined): string | undefined {
  return d instanceof Date && !Number.isNaN(d.getTime()) ? d.toISOString().slice(0, 10) : undefined;
}

export function normalizeFoundationModel(m: SdkFoundationModelSummary): FoundationModelSummary {
  const legacyDate = isoDate(m.modelLifecycle?.legacyTime);
  const endOfLifeDate = isoDate(m.modelLifecycle?.endOfLifeTime);
  return {
    modelId: m.modelId ?? "",
    modelArn: m.modelArn ?? "",
    name: m.modelName ?? m.modelId ?? "",
    provider: m.providerName ?? "",
    inputModalities: [...(m.inputModalities ?? [])],
    outputModalities: [...(m.outputModalities ?? [])],
    streamingSupported: m.responseStreamingSupported ?? false,
    inferenceTypes: ((m.inferenceTypesSupported ?? []) as string[]).map(String),
    lifecycleStatus: m.modelLifecycle?.status === "LEGACY" ? "legacy" : "active",
    ...(legacyDate ? { legacyDate } : {}),
    ...(endOfLifeDate ? { endOfLifeDate } : {}),
  };
}

export function normalizeInferenceProfile(p: SdkInferenceProfileSummary): InferenceProfileSummary {
  const modelArns = (p.models ?? []).map((m) => m.modelArn).filter((a): a is string => typeof a === "string");
  return {
    profileId: p.inferenceProfileId ?? "",
    arn: p.inferenceProfileArn ?? "",
    name: p.inferenceProfileName ?? p.inferenceProfileId ?? "",
    ...(p.description ? { description: p.description } : {}),
    type: p.type ?? "SYSTEM_DEFINED",
    status: p.status ?? "ACTIVE",
    modelArns,
    ...destinationsFromModelArns(modelArns),
  };
}

function isNotFound(err: unknown): boolean {
  return classifyBedrockError(err).code === "ResourceNotFoundException";
}

/** Our content blocks are Converse's (a subset); the SDK's document type wants tool inputs as plain JSON values. */
function toSdkBlocks(blocks: GatewayContentBlock[]): ContentBlock[] {
  return blocks as unknown as ContentBlock[];
}

function toRequest(input: ConverseInput): ConverseRequest {
  const inferenceConfig = inferenceConfigOf(input);
  const system = systemBlocksOf(input);
  return {
    modelId: input.modelId,
    messages: input.messages.map((m) => ({ role: m.role, content: toSdkBlocks(contentOf(m)) })),
    ...(system.length ? { system } : {}),
    ...(inferenceConfig ? { inferenceConfig } : {}),
    ...(input.toolConfig ? { toolConfig: input.toolConfig as ConverseRequest["toolConfig"] } : {}),
  };
}

/** The answer's blocks in our shape: text and toolUse (other kinds are not produced by text models). */
function fromSdkBlocks(content: ContentBlock[] | undefined): GatewayContentBlock[] {
  const out: GatewayContentBlock[] = [];
  for (const block of content ?? []) {
    if ("text" in block && typeof block.text === "string") out.push({ text: block.text });
    else if ("toolUse" in block && block.toolUse) {
      out.push({ toolUse: { toolUseId: block.toolUse.toolUseId ?? "", name: block.toolUse.name ?? "", input: block.toolUse.input ?? {} } });
    }
  }
  return out;
}

/** Error members of the ConverseStream union and the exception each stands for. */
const STREAM_ERROR_MEMBERS = [
  ["throttlingException", "ThrottlingException"],
  ["serviceUnavailableException", "ServiceUnavailableException"],
  ["internalServerException", "InternalServerException"],
  ["validationException", "ValidationException"],
  ["modelStreamErrorException", "ModelStreamErrorException"],
] as const;

function messageOf(err: unknown): string {
  const m = typeof err === "object" && err !== null ? (err as { message?: unknown }).message : undefined;
  return typeof m === "string" ? m : "";
}

export class AwsBedrockGateway implements BedrockGateway {
  readonly mode = "aws" as const;
  readonly region: string;
  private readonly control: BedrockClient;
  private readonly runtime: BedrockRuntimeClient;

  constructor(opts: AwsGatewayOptions) {
    this.region = opts.region;
    const attempts = Math.min(Math.max(opts.runtimeMaxAttempts ?? 1, 1), 2);
    this.control = opts.bedrockClient ?? createControlClient(opts.region, opts.controlEndpoint);
    this.runtime = opts.runtimeClient ?? createRuntimeClient(opts.region, attempts, opts.runtimeTimeoutMs ?? DEFAULT_RUNTIME_TIMEOUT_MS, opts.runtimeEndpoint);
  }

  async listFoundationModels(filter?: { provider?: string }): Promise<FoundationModelSummary[]> {
    // No pagination exists for this operation: one response holds every model.
    const out = await this.control.send(new ListFoundationModelsCommand(filter?.provider ? { byProvider: filter.provider } : {})).catch((err: unknown) => {
      throw toBedrockCallError(err);
    });
    return (out.modelSummaries ?? []).map(normalizeFoundationModel);
  }

  async getFoundationModel(modelId: string): Promise<FoundationModelSummary | null> {
    try {
      const out = await this.control.send(new GetFoundationModelCommand({ modelIdentifier: modelId }));
      return out.modelDetails ? normalizeFoundationModel(out.modelDetails) : null;
    } catch (err) {
      if (isNotFound(err)) return null;
      throw toBedrockCallError(err, modelId);
    }
  }

  async listInferenceProfiles(): Promise<InferenceProfileSummary[]> {
    const profiles: InferenceProfileSummary[] = [];
    let nextToken: string | undefined;
    const seen = new Set<string>();
    do {
      const out = await this.control.send(new ListInferenceProfilesCommand({ maxResults: 1000, ...(nextToken ? { nextToken } : {}) })).catch((err: unknown) => {
        throw toBedrockCallError(err);
      });
      profiles.push(...(out.inferenceProfileSummaries ?? []).map(normalizeInferenceProfile));
      nextToken = out.nextToken || undefined;
      // A service that hands back a token twice would loop forever; stop instead.
      if (nextToken && seen.has(nextToken)) break;
      if (nextToken) seen.add(nextToken);
    } while (nextToken);
    return profiles;
  }

  async getInferenceProfile(id: string): Promise<InferenceProfileSummary | null> {
    try {
      const out = await this.control.send(new GetInferenceProfileCommand({ inferenceProfileIdentifier: id }));
      return normalizeInferenceProfile(out);
    } catch (err) {
      if (isNotFound(err)) return null;
      throw toBedrockCallError(err, id);
    }
  }

  async getModelAvailability(modelId: string): Promise<ModelAvailability> {
    // The operation takes a model id: a profile id is answered for the model it routes to.
    const baseId = baseModelIdOf(modelId);
    const out = await this.control.send(new GetFoundationModelAvailabilityCommand({ modelId: baseId })).catch((err: unknown) => {
      throw toBedrockCallError(err, modelId);
    });
    return {
      authorized: out.authorizationStatus === "AUTHORIZED",
      agreement: out.agreementAvailability?.status ?? "UNKNOWN",
      entitlement: out.entitlementAvailability === "AVAILABLE",
      regionAvailable: out.regionAvailability === "AVAILABLE",
    };
  }

  async converse(input: ConverseInput): Promise<ConverseResult> {
    const started = performance.now();
    try {
      const out = await this.runtime.send(new ConverseCommand(toRequest(input)));
      const content = fromSdkBlocks(out.output?.message?.content);
      return {
        text: textOfBlocks(content),
        content,
        inputTokens: out.usage?.inputTokens ?? 0,
        outputTokens: out.usage?.outputTokens ?? 0,
        // Bedrock's own measure when present; our wall clock otherwise.
        latencyMs: out.metrics?.latencyMs ?? Math.round(performance.now() - started),
        stopReason: out.stopReason ?? "end_turn",
      };
    } catch (err) {
      throw toBedrockCallError(err, input.modelId);
    }
  }

  async *converseStream(input: ConverseInput): AsyncIterable<ConverseStreamEvent> {
    const started = performance.now();
    let inputTokens = 0;
    let outputTokens = 0;
    let latencyMs: number | undefined;
    let stopReason = "end_turn";
    try {
      const out = await this.runtime.send(new ConverseStreamCommand(toRequest(input)));
      for await (const event of out.stream ?? []) {
        if (event.contentBlockStart) {
          const toolUse = event.contentBlockStart.start?.toolUse;
          const index = event.contentBlockStart.contentBlockIndex ?? 0;
          if (toolUse) yield { type: "toolUseStart", index, toolUseId: toolUse.toolUseId ?? "", name: toolUse.name ?? "" };
        } else if (event.contentBlockDelta?.delta) {
          const index = event.contentBlockDelta.contentBlockIndex ?? 0;
          const delta = event.contentBlockDelta.delta;
          if ("text" in delta && delta.text) yield { type: "text", index, text: delta.text };
          else if ("toolUse" in delta && delta.toolUse?.input) yield { type: "toolUseDelta", index, input: delta.toolUse.input };
        } else if (event.contentBlockStop) {
          yield { type: "blockStop", index: event.contentBlockStop.contentBlockIndex ?? 0 };
        } else if (event.messageStop) {
          stopReason = event.messageStop.stopReason ?? stopReason;
        } else if (event.metadata) {
          inputTokens = event.metadata.usage?.inputTokens ?? inputTokens;
          outputTokens = event.metadata.usage?.outputTokens ?? outputTokens;
          latencyMs = event.metadata.metrics?.latencyMs ?? latencyMs;
        } else {
          // Errors after the 200 arrive inside the stream, which the SDK's retry middleware never sees.
          // The SDK usually throws them from the iterator; should one surface as a union member, name it ourselves.
          for (const [member, name] of STREAM_ERROR_MEMBERS) {
            const streamError: unknown = event[member];
            if (streamError) throw { ...(streamError as object), name, message: messageOf(streamError) };
          }
        }
      }
    } catch (err) {
      throw toBedrockCallError(err, input.modelId);
    }
    yield { type: "done", inputTokens, outputTokens, latencyMs: latencyMs ?? Math.round(performance.now() - started), stopReason };
  }
}

export function createAwsBedrockGateway(opts: AwsGatewayOptions): AwsBedrockGateway {
  return new AwsBedrockGateway(opts);
}
