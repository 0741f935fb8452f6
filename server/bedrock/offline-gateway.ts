import "server-only";
import type { CatalogModel } from "@/lib/catalog-model";
import { baseModelIdOf, destinationsFromModelArns, foundationModelArn, idFromIdentifier, inferenceProfileArn } from "./arn";
import { toBedrockCallError, type BedrockCallError } from "./call-error";
import { clearFaults, injectFault, listFaults, takeFault, type FaultSpec, type InjectedFault } from "./fault-injection";
import { contentOf, inferenceConfigOf, textOfBlocks } from "./content";
import { promptChars, simulateToolTurn, usesToolsWithoutConfig } from "./offline-tools";
import type {
  BedrockGateway,
  ContentBlock,
  ConverseInput,
  ConverseResult,
  ConverseStreamEvent,
  FoundationModelSummary,
  InferenceProfileSummary,
  ModelAvailability,
} from "./gateway";

// The gateway without AWS credentials: it answers from the bundled catalog and simulates Converse, saying plainly
// that it is a simulation. It knows no database: the caller injects the catalog, so it runs in tests as is.

export type OfflineGatewayOptions = {
  loadCatalog: () => Promise<CatalogModel[]>;
  /** The region the catalog describes (default eu-central-1). */
  region?: string;
  /** Multiplies the simulated latency: 1 by default (about 20-120 ms by tier), 0 in tests for no delay. */
  latencyScale?: number;
  /** Account id in the simulated profile ARNs; there is no real account offline. */
  accountId?: string;
  /** Clock for end-of-life checks (default: now). */
  now?: () => Date;
};

/** Only these prefixes are profiles callable from an EU source region. */
const OFFLINE_PROFILE_PREFIXES = ["eu.", "global."];

function isOfflineProfile(entry: CatalogModel): boolean {
  return OFFLINE_PROFILE_PREFIXES.some((p) => entry.modelId.startsWith(p));
}

/** A catalog entry the region can invoke on demand with its bare model id. */
function isInRegionEntry(entry: CatalogModel): boolean {
  return !isOfflineProfile(entry) && entry.modelId === entry.baseModelId && entry.geoScope === "in-region";
}

/** Profile entries are often named "Claude Sonnet 4.5 (EU)"; the foundation model behind them is not. */
function stripScopeLabel(name: string): string {
  return name
    .replace(/\s*\((?:eu|global|us|in-region|cross-region)\)\s*$/i, "")
    .replace(/^(?:eu|global|us)\s+/i, "")
    .trim();
}

function rank(entry: CatalogModel): number {
  if (isInRegionEntry(entry)) return 0;
  if (entry.modelId.startsWith("eu.")) return 1;
  if (entry.modelId.startsWith("global.")) return 2;
  return 3;
}

function sleep(ms: number): Promise<void> {
  return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
}

function estimateTokens(text: string): number {
  // About four characters per token for English prose, the usual rule of thumb for Bedrock's text models.
  return Math.max(1, Math.ceil(text.length / 4));
}

function awsError(name: string, status: number, message: string, modelId: string): BedrockCallError {
  // Built through the same translation as a real SDK exception, so offline errors carry AWS's codes and statuses.
  return toBedrockCallError({ name, message, $metadata: { httpStatusCode: status } }, modelId);
}

type Simulation = {
  text: string;
  toolUse?: { toolUseId: string; name: string; input: Record<string, unknown> };
  inputTokens: number;
  outputTokens: number;
  stopReason: string;
  delayMs: number;
};

/** Where the first stop sequence starts in the text, or null. */
function firstStop(text: string, stops: string[]): number | null {
  const at = stops.map((s) => (s ? text.indexOf(s) : -1)).filter((i) => i >= 0);
  return at.length ? Math.min(...at) : null;
}

export class OfflineBedrockGateway implements BedrockGateway {
  readonly mode = "offline" as const;
  readonly region: string;
  private readonly loadCatalog: () => Promise<CatalogModel[]>;
  private readonly latencyScale: number;
  private readonly accountId: string;
  private readonly now: () => Date;

  constructor(opts: OfflineGatewayOptions) {
    this.loadCatalog = opts.loadCatalog;
    this.region = opts.region ?? "eu-central-1";
    this.latencyScale = Math.max(0, opts.latencyScale ?? 1);
    this.accountId = opts.accountId ?? "000000000000";
    this.now = opts.now ?? (() => new Date());
  }

  // Fault injection, delegated to the process-wide registry (see fault-injection.ts).
  injectFault(modelId: string, spec: FaultSpec): InjectedFault {
    return injectFault(modelId, spec);
  }
  clearFaults(modelId?: string): void {
    clearFaults(modelId);
  }
  listFaults(): InjectedFault[] {
    return listFaults();
  }

  async listFoundationModels(filter?: { provider?: string }): Promise<FoundationModelSummary[]> {
    const models = this.foundationModels(await this.loadCatalog());
    const provider = filter?.provider?.trim().toLowerCase();
    return provider ? models.filter((m) => m.provider.toLowerCase() === provider) : models;
  }

  async getFoundationModel(modelId: string): Promise<FoundationModelSummary | null> {
    const id = idFromIdentifier(modelId);
    return this.foundationModels(await this.loadCatalog()).find((m) => m.modelId === id) ?? null;
  }

  async listInferenceProfiles(): Promise<InferenceProfileSummary[]> {
    const catalog = await this.loadCatalog();
    return catalog
      .filter(isOfflineProfile)
      .map((e) => this.profileOf(e))
      .sort((a, b) => a.profileId.localeCompare(b.profileId));
  }

  async getInferenceProfile(id: string): Promise<InferenceProfileSummary | null> {
    const profileId = idFromIdentifier(id);
    const entry = (await this.loadCatalog()).find((e) => e.modelId === profileId && isOfflineProfile(e));
    return entry ? this.profileOf(entry) : null;
  }

  async getModelAvailability(modelId: string): Promise<ModelAvailability> {
    const baseId = baseModelIdOf(idFromIdentifier(modelId));
    const entries = (await this.loadCatalog()).filter((e) => e.baseModelId === baseId || e.modelId === baseId);
    const known = entries.length > 0;
    // An injected access-denied fault on the model or one of its profiles shows here too, as missing access would.
    const denied = listFaults().some((f) => f.kind === "access-denied" && (f.modelId === modelId || entries.some((e) => e.modelId === f.modelId)));
    return {
      authorized: known && !denied,
      agreement: known ? "AVAILABLE" : "NOT_AVAILABLE",
      entitlement: known,
      regionAvailable: known,
    };
  }

  async converse(input: ConverseInput): Promise<ConverseResult> {
    const started = performance.now();
    const sim = await this.simulate(input);
    await sleep(sim.delayMs);
    const content: ContentBlock[] = sim.toolUse ? [{ toolUse: sim.toolUse }] : [{ text: sim.text }];
    return {
      text: sim.toolUse ? "" : sim.text,
      content,
      inputTokens: sim.inputTokens,
      outputTokens: sim.outputTokens,
      latencyMs: Math.round(performance.now() - started),
      stopReason: sim.stopReason,
    };
  }

  async *converseStream(input: ConverseInput): AsyncIterable<ConverseStreamEvent> {
    const started = performance.now();
    const sim = await this.simulate(input);
    // Most of a real call's latency is the wait for the first token; the rest trickles in with the chunks.
    await sleep(sim.delayMs * 0.6);
    if (sim.toolUse) {
      const { toolUseId, name, input: toolInput } = sim.toolUse;
      yield { type: "toolUseStart", index: 0, toolUseId, name };
      // The input JSON arrives in pieces, as Bedrock streams it.
      const json = JSON.stringify(toolInput);
      const half = Math.ceil(json.length / 2);
      for (const piece of [json.slice(0, half), json.slice(half)]) if (piece) yield { type: "toolUseDelta", index: 0, input: piece };
      yield { type: "blockStop", index: 0 };
    } else {
      const chunks = chunkText(sim.text, 6);
      const perChunk = (sim.delayMs * 0.4) / Math.max(1, chunks.length);
      for (const chunk of chunks) {
        yield { type: "text", index: 0, text: chunk };
        await sleep(perChunk);
      }
      yield { type: "blockStop", index: 0 };
    }
    yield {
      type: "done",
      inputTokens: sim.inputTokens,
      outputTokens: sim.outputTokens,
      latencyMs: Math.round(performance.now() - started),
      stopReason: sim.stopReason,
    };
  }

  /** Resolves the model as Bedrock would (same errors), applies an injected fault, and builds the reply. */
  private async simulate(input: ConverseInput): Promise<Simulation> {
    const modelId = idFromIdentifier(input.modelId);
    const entry = this.resolveInvocable(await this.loadCatalog(), modelId);
    if (input.messages.length === 0 || input.messages[0]?.role !== "user") {
      throw awsError(
        "ValidationException",
        400,
        "A conversation must start with a user message. Try again with a conversation that starts with a user message.",
        modelId,
      );
    }
    if (usesToolsWithoutConfig(input)) {
      throw awsError("ValidationException", 400, "The toolConfig field must be defined when using toolUse and toolResult content blocks.", modelId);
    }
    const fault = takeFault(modelId);
    if (fault) throw fault;

    // Bigger models answer more slowly: about 20 ms for tier 1 up to 120 ms for tier 5, plus a little per token.
    const tier = Math.min(5, Math.max(1, Math.round(entry.qualityTier || 3)));
    const delayMs = (outputTokens: number) => (20 + (tier - 1) * 25 + outputTokens * 0.1 + Math.random() * 10) * this.latencyScale;
    const inputTokens = Math.max(1, Math.ceil(promptChars(input) / 4));

    const turn = simulateToolTurn(input);
    if (turn?.kind === "call") {
      const outputTokens = estimateTokens(JSON.stringify(turn.toolUse));
      return { text: "", toolUse: turn.toolUse, inputTokens, outputTokens, stopReason: "tool_use", delayMs: delayMs(outputTokens) };
    }

    const lastUser = turn?.kind === "results" ? turn.text : textOfBlocks(contentOf([...input.messages].reverse().find((m) => m.role === "user")!));
    const quoted = lastUser.replace(/\s+/g, " ").trim();
    const excerpt = quoted.length > 280 ? `${quoted.slice(0, 279)}…` : quoted;
    let text =
      `[Offline simulation] This reply was simulated by Switchboard's offline Bedrock gateway for model ` +
      `${entry.name} (${entry.modelId}); no AWS call was made. ` +
      (excerpt ? `You said: "${excerpt}"` : "Your message was empty.");

    let stopReason = "end_turn";
    const cut = firstStop(text, inferenceConfigOf(input)?.stopSequences ?? []);
    if (cut !== null) {
      text = text.slice(0, cut);
      stopReason = "stop_sequence";
    }
    let outputTokens = estimateTokens(text);
    const maxTokens = inferenceConfigOf(input)?.maxTokens;
    if (maxTokens !== undefined && maxTokens >= 1 && outputTokens > maxTokens) {
      text = text.slice(0, maxTokens * 4);
      outputTokens = maxTokens;
      stopReason = "max_tokens";
    }
    return { text, inputTokens, outputTokens, stopReason, delayMs: delayMs(outputTokens) };
  }

  private resolveInvocable(catalog: CatalogModel[], modelId: string): CatalogModel {
    const entry = catalog.find((e) => e.modelId === modelId);
    if (!entry) {
      // A bare id whose model is only reachable through a profile: Bedrock's own wording for it.
      const viaProfile = catalog.some((e) => e.baseModelId === modelId && isOfflineProfile(e));
      if (viaProfile) {
        throw awsError(
          "ValidationException",
          400,
          `Invocation of model ID ${modelId} with on-demand throughput isn't supported. Retry your request with the ID or ARN of an inference profile that contains this model.`,
          modelId,
        );
      }
      throw awsError("ValidationException", 400, "The provided model identifier is invalid.", modelId);
    }
    const today = this.now().toISOString().slice(0, 10);
    if (entry.endOfLifeDate && entry.endOfLifeDate < today) {
      throw awsError(
        "ResourceNotFoundException",
        404,
        "This model version has reached the end of its life. Please refer to the AWS documentation for more details.",
        modelId,
      );
    }
    if (!entry.outputModalities.some((m) => m.toUpperCase() === "TEXT")) {
      throw awsError(
        "ValidationException",
        400,
        "This action doesn't support the model that you provided. Try again with a supported text or chat model.",
        modelId,
      );
    }
    return entry;
  }

  /** One summary per base model, from its in-region entry if any, else from a profile entry that routes to it. */
  private foundationModels(catalog: CatalogModel[]): FoundationModelSummary[] {
    const byBase = new Map<string, CatalogModel[]>();
    for (const entry of catalog) {
      const baseId = entry.baseModelId || baseModelIdOf(entry.modelId);
      const list = byBase.get(baseId) ?? [];
      list.push(entry);
      byBase.set(baseId, list);
    }
    const out: FoundationModelSummary[] = [];
    for (const [baseId, entries] of byBase) {
      const sorted = [...entries].sort((a, b) => rank(a) - rank(b) || a.modelId.localeCompare(b.modelId));
      const source = sorted[0];
      if (!source) continue;
      const inRegion = entries.some(isInRegionEntry);
      const viaProfile = entries.some(isOfflineProfile);
      // Bedrock lists a model reachable only through a profile with the undeclared type "INFERENCE_PROFILE":
      // that is how a bare Claude id shows it cannot be invoked on demand in eu-central-1.
      const inferenceTypes = inRegion ? ["ON_DEMAND"] : viaProfile ? ["INFERENCE_PROFILE"] : [];
      out.push({
        modelId: baseId,
        modelArn: foundationModelArn(this.region, baseId),
        name: isOfflineProfile(source) ? stripScopeLabel(source.name) : source.name,
        provider: source.provider,
        inputModalities: [...source.inputModalities],
        outputModalities: [...source.outputModalities],
        streamingSupported: source.streamingSupported,
        inferenceTypes,
        lifecycleStatus: source.lifecycleStatus,
        ...(source.legacyDate ? { legacyDate: source.legacyDate } : {}),
        ...(source.endOfLifeDate ? { endOfLifeDate: source.endOfLifeDate } : {}),
      });
    }
    return out.sort((a, b) => a.modelId.localeCompare(b.modelId));
  }

  private profileOf(entry: CatalogModel): InferenceProfileSummary {
    const baseId = entry.baseModelId || baseModelIdOf(entry.modelId);
    const regions = entry.destinationRegions.length > 0 ? entry.destinationRegions : [this.region];
    const modelArns = [...new Set(regions)].sort().map((r) => foundationModelArn(r, baseId));
    // Global profiles also list the region-less ARN, as GetInferenceProfile does for them.
    if (entry.modelId.startsWith("global.")) modelArns.push(foundationModelArn("", baseId, "aws"));
    const { destinationRegions, includesGlobal } = destinationsFromModelArns(modelArns);
    return {
      profileId: entry.modelId,
      arn: inferenceProfileArn(this.region, this.accountId, entry.modelId),
      name: entry.name,
      description: includesGlobal
        ? `Routes requests to ${stripScopeLabel(entry.name)} in commercial regions worldwide.`
        : `Routes requests to ${stripScopeLabel(entry.name)} in ${destinationRegions.join(", ")}.`,
      type: "SYSTEM_DEFINED",
      status: "ACTIVE",
      modelArns,
      destinationRegions,
      includesGlobal,
    };
  }
}

/** Splits a reply into about `parts` chunks on word boundaries, as a stream delivers it. */
function chunkText(text: string, parts: number): string[] {
  const words = text.split(/(?<=\s)/);
  const size = Math.max(1, Math.ceil(words.length / parts));
  const chunks: string[] = [];
  for (let i = 0; i < words.length; i += size) chunks.push(words.slice(i, i + size).join(""));
  return chunks.length > 0 ? chunks : [text];
}

export function createOfflineBedrockGateway(opts: OfflineGatewayOptions): OfflineBedrockGateway {
  return new OfflineBedrockGateway(opts);
}
