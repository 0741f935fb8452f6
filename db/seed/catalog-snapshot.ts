// Bundled, dated catalog snapshot for callers in eu-central-1. Plain data: the seed script, the tests and the offline
// Bedrock simulator read it, so no server-only imports here.
//
// Source: ../shared/reference/bedrock.md, section 4 ("Catalog for eu-central-1") and section 3 (destination regions).
// Source tags used in provenance refs:
//   LL = litellm model_prices_and_context_window.json (mirror synced 2026-07-24), ref names the litellm key
//   MC = AWS model cards (scrape generated 2026-08-22), ref names the model id
//   RA = AWS regional-availability page (scrape 2026-08-22), ref names the model id
// Conventions: prices are USD per 1M tokens exactly as litellm gives them; "128K" is read as 128000 and "1M" as
// 1000000 unless the reference gives an exact number (e.g. 4,096). Where [MC] and [LL] disagree on limits, [MC] wins.
// One entry per invocable target: an `eu.*` / `global.*` profile id, or a bare model id for in-region (IN) models.
// Entries with geoScope "us" are NOT invocable from eu-central-1; they are kept, disabled, for reference only.
import type { CatalogModel, FactProvenance, GeoScope, LifecycleStatus } from "@/lib/catalog-model";

export const CATALOG_SNAPSHOT_DATE = "2026-08-22";

export type CatalogSnapshotEntry = Omit<CatalogModel, "source" | "sourceUpdatedAt">;

/** Legacy models whose end of life falls before this date ship disabled. */
const DISABLE_LEGACY_EOL_BEFORE = "2026-11-24";

const AS_OF = { LL: "2026-07-24", MC: CATALOG_SNAPSHOT_DATE, RA: CATALOG_SNAPSHOT_DATE } as const;
type SourceTag = keyof typeof AS_OF;

const REGION = "eu-central-1";

// Destination regions of geographic profiles for an eu-central-1 caller ([MC]/[RA] region tables, section 3).
// ⚠ These tables list regions that support the profile; GetInferenceProfile.models[] is the authority at sync time.
const EU_NOVA = ["eu-central-1", "eu-north-1", "eu-south-1", "eu-south-2", "eu-west-1", "eu-west-3"];
const EU_ANTHROPIC = [...EU_NOVA, "eu-central-2", "eu-west-2"];
const EU_PIXTRAL = ["eu-central-1", "eu-north-1", "eu-west-1", "eu-west-3"];
const EU_LLAMA32 = ["eu-central-1", "eu-west-1", "eu-west-3"];

const GLOBAL_NOTE =
  "global.* routes to commercial regions worldwide (data may leave the EU); destinationRegions lists only the source region, the IAM generator adds the region-less foundation-model ARN.";

// Shared attribute sets.
const TEXT = ["TEXT"];
const TEXT_IMAGE = ["TEXT", "IMAGE"];
const EMBEDDING = ["EMBEDDING"];
const CLAUDE_4_CAPS = ["text", "vision", "tools", "reasoning", "prompt-caching", "documents", "code"];

function fact(tag: SourceTag, key: string) {
  return { source: "snapshot" as const, ref: `${tag} ${key}`, asOf: AS_OF[tag] };
}

/** Facts of a model that do not depend on the profile used to reach it. */
type ModelSpec = {
  baseModelId: string;
  provider: string;
  name: string;
  contextWindow: number;
  maxOutputTokens: number;
  /** Source of contextWindow / maxOutputTokens; default MC. */
  limitsSrc?: SourceTag;
  /** Source of geoScope / lifecycle / destinations; default RA. */
  availabilitySrc?: SourceTag;
  inputModalities: string[];
  outputModalities?: string[];
  capabilities: string[];
  useCases: string[];
  qualityTier: number;
  lifecycle?: { status: LifecycleStatus; legacyDate?: string | null; endOfLifeDate?: string | null };
  notes?: string;
};

/** Facts of one invocable target (profile id or in-region model id). */
type TargetSpec = {
  scope: GeoScope;
  /** [input, output] USD per MTok. */
  price: [number, number];
  /** litellm key the price comes from; default `<prefix>.<baseModelId>` for profiles, the bare id otherwise. */
  priceKey?: string;
  /** [read, write] USD per MTok, litellm eu.* keys. */
  cache?: [number, number];
  destinationRegions?: string[];
  /** us.* profiles: the prefixed id; omit for bare ids. */
  profilePrefix?: "us";
  /** Overrides the computed flag. */
  enabled?: boolean;
  notes?: string;
};

function targets(model: ModelSpec, ...specs: TargetSpec[]): CatalogSnapshotEntry[] {
  return specs.map((t) => {
    const prefix = t.scope === "eu" || t.scope === "global" ? t.scope : t.profilePrefix;
    const modelId = prefix ? `${prefix}.${model.baseModelId}` : model.baseModelId;
    const priceKey = t.priceKey ?? modelId;
    const limitsSrc = model.limitsSrc ?? "MC";
    const availSrc = model.availabilitySrc ?? "RA";
    const lifecycle = model.lifecycle ?? { status: "active" as const };
    const legacyDate = lifecycle.legacyDate ?? null;
    const endOfLifeDate = lifecycle.endOfLifeDate ?? null;
    const isEmbedding = (model.outputModalities ?? TEXT).includes("EMBEDDING");

    const provenance: FactProvenance = {
      inputPricePerMTok: fact("LL", priceKey),
      outputPricePerMTok: fact("LL", priceKey),
      contextWindow: fact(limitsSrc, model.baseModelId),
      maxOutputTokens: fact(limitsSrc, model.baseModelId),
      geoScope: fact(availSrc, modelId),
      lifecycleStatus: fact(availSrc, model.baseModelId),
      destinationRegions: fact(availSrc, modelId),
    };
    if (t.cache) {
      provenance.cacheReadPricePerMTok = fact("LL", priceKey);
      provenance.cacheWritePricePerMTok = fact("LL", priceKey);
    }
    if (legacyDate) provenance.legacyDate = fact(availSrc, model.baseModelId);
    if (endOfLifeDate) provenance.endOfLifeDate = fact(availSrc, model.baseModelId);

    const eolSoon = lifecycle.status === "legacy" && endOfLifeDate !== null && endOfLifeDate < DISABLE_LEGACY_EOL_BEFORE;
    const enabled = t.enabled ?? (t.scope !== "us" && !eolSoon);

    const notes: string[] = [];
    if (t.scope === "us") notes.push("US only: not available from eu-central-1; kept for reference, not invocable.");
    if (endOfLifeDate && endOfLifeDate < CATALOG_SNAPSHOT_DATE) notes.push(`EOL passed (${endOfLifeDate}).`);
    else if (eolSoon) notes.push(`Legacy, EOL ${endOfLifeDate}: disabled ahead of end of life.`);
    if (lifecycle.status === "legacy" && !legacyDate) notes.push("Legacy date not stated in the reference.");
    if (model.notes) notes.push(model.notes);
    if (t.notes) notes.push(t.notes);
    if (t.scope === "global") notes.push(GLOBAL_NOTE);

    return {
      modelId,
      baseModelId: model.baseModelId,
      provider: model.provider,
      name: model.name,
      region: t.scope === "us" ? "us-east-1" : REGION,
      geoScope: t.scope,
      inputPricePerMTok: t.price[0],
      outputPricePerMTok: t.price[1],
      cacheReadPricePerMTok: t.cache?.[0] ?? null,
      cacheWritePricePerMTok: t.cache?.[1] ?? null,
      contextWindow: model.contextWindow,
      maxOutputTokens: model.maxOutputTokens,
      inputModalities: [...model.inputModalities],
      outputModalities: [...(model.outputModalities ?? TEXT)],
      capabilities: [...model.capabilities],
      streamingSupported: !isEmbedding,
      lifecycleStatus: lifecycle.status,
      legacyDate,
      endOfLifeDate,
      useCases: [...model.useCases],
      qualityTier: model.qualityTier,
      enabled,
      destinationRegions: [...(t.destinationRegions ?? (t.scope === "eu" ? EU_NOVA : t.scope === "us" ? ["us-east-1"] : [REGION]))],
      notes: notes.length ? notes.join(" ") : null,
      provenance,
    };
  });
}

const NOVA_V1_MAX_OUT_NOTE = "Max output 5K per AWS model card [MC]; litellm says 10,000. MC value used.";
const US_PRICE_NOTE = "⚠ Price from litellm's bare key, whose region is unstated (likely US list price).";

// ---------------------------------------------------------------------------------------------------------------
// Amazon
const amazon: CatalogSnapshotEntry[] = [
  ...targets(
    {
      baseModelId: "amazon.nova-micro-v1:0",
      provider: "Amazon",
      name: "Nova Micro",
      contextWindow: 128_000,
      maxOutputTokens: 5_000,
      inputModalities: TEXT,
      capabilities: ["text", "tools"],
      useCases: ["operations", "general"],
      qualityTier: 1,
      notes: NOVA_V1_MAX_OUT_NOTE,
    },
    { scope: "eu", price: [0.046, 0.184] },
  ),
  ...targets(
    {
      baseModelId: "amazon.nova-lite-v1:0",
      provider: "Amazon",
      name: "Nova Lite",
      contextWindow: 300_000,
      maxOutputTokens: 5_000,
      inputModalities: TEXT_IMAGE,
      capabilities: ["text", "vision", "tools", "documents"],
      useCases: ["health", "general"],
      qualityTier: 2,
      notes: NOVA_V1_MAX_OUT_NOTE,
    },
    { scope: "eu", price: [0.078, 0.312] },
  ),
  ...targets(
    {
      baseModelId: "amazon.nova-pro-v1:0",
      provider: "Amazon",
      name: "Nova Pro",
      contextWindow: 300_000,
      maxOutputTokens: 5_000,
      inputModalities: TEXT_IMAGE,
      capabilities: ["text", "vision", "tools", "documents"],
      useCases: ["operations", "health", "general"],
      qualityTier: 3,
      notes: NOVA_V1_MAX_OUT_NOTE,
    },
    { scope: "eu", price: [1.05, 4.2] },
  ),
  ...targets(
    {
      baseModelId: "amazon.nova-2-lite-v1:0",
      provider: "Amazon",
      name: "Nova 2 Lite",
      contextWindow: 1_000_000,
      maxOutputTokens: 64_000,
      inputModalities: TEXT_IMAGE,
      capabilities: ["text", "vision", "tools", "reasoning", "documents"],
      useCases: ["operations", "health", "general"],
      qualityTier: 3,
    },
    { scope: "eu", price: [0.33, 2.75] },
    { scope: "global", price: [0.3, 2.5] },
  ),
  ...targets(
    {
      baseModelId: "amazon.nova-2-pro-preview-20251202-v1:0",
      provider: "Amazon",
      name: "Nova 2 Pro (preview)",
      contextWindow: 1_000_000,
      maxOutputTokens: 64_000,
      limitsSrc: "LL",
      availabilitySrc: "LL",
      inputModalities: TEXT_IMAGE,
      capabilities: ["text", "vision", "tools", "reasoning", "documents", "code"],
      useCases: ["operations", "health", "general"],
      qualityTier: 4,
      notes:
        "⚠ Preview; only litellm lists an eu.* key, the model is in neither the model cards nor the availability page. Disabled until a sync confirms the profile exists.",
    },
    { scope: "eu", price: [2.1875, 17.5], enabled: false },
  ),
  ...targets(
    {
      baseModelId: "amazon.titan-embed-text-v2:0",
      provider: "Amazon",
      name: "Titan Text Embeddings V2",
      contextWindow: 8_000,
      maxOutputTokens: 0,
      inputModalities: TEXT,
      outputModalities: EMBEDDING,
      capabilities: ["embedding"],
      useCases: [],
      qualityTier: 2,
      notes: "Context 8K per model card, read as 8,000.",
    },
    { scope: "in-region", price: [0.02, 0], notes: US_PRICE_NOTE },
  ),
  ...targets(
    {
      baseModelId: "amazon.nova-premier-v1:0",
      provider: "Amazon",
      name: "Nova Premier",
      contextWindow: 1_000_000,
      maxOutputTokens: 25_000,
      availabilitySrc: "MC",
      inputModalities: TEXT_IMAGE,
      capabilities: ["text", "vision", "tools", "documents"],
      useCases: ["general"],
      qualityTier: 4,
      lifecycle: { status: "legacy" },
      notes: "Max output 25K per model card [MC]; litellm says 10,000. MC value used.",
    },
    { scope: "us", profilePrefix: "us", price: [2.5, 12.5] },
  ),
];

// ---------------------------------------------------------------------------------------------------------------
// Anthropic. A bare Claude id is not on-demand in eu-central-1 (except the legacy 3.x ones listed IN by [RA]).
const claude4 = (
  baseModelId: string,
  name: string,
  contextWindow: number,
  maxOutputTokens: number,
  qualityTier: number,
  extra: Partial<ModelSpec> = {},
): ModelSpec => ({
  baseModelId,
  provider: "Anthropic",
  name,
  contextWindow,
  maxOutputTokens,
  inputModalities: TEXT_IMAGE,
  capabilities: CLAUDE_4_CAPS,
  useCases: ["clinical", "general"],
  qualityTier,
  ...extra,
});

const anthropic: CatalogSnapshotEntry[] = [
  // Legacy 3.x: [RA] lists both in-region and eu.* access. All disabled (EOL passed or before the cut-off).
  ...targets(
    {
      baseModelId: "anthropic.claude-3-haiku-20240307-v1:0",
      provider: "Anthropic",
      name: "Claude 3 Haiku",
      contextWindow: 200_000,
      maxOutputTokens: 4_096,
      inputModalities: TEXT_IMAGE,
      capabilities: ["text", "vision", "tools"],
      useCases: ["general"],
      qualityTier: 3,
      lifecycle: { status: "legacy", endOfLifeDate: "2026-09-10" },
    },
    { scope: "eu", price: [0.25, 1.25] },
    {
      scope: "in-region",
      price: [0.25, 1.25],
      priceKey: "eu.anthropic.claude-3-haiku-20240307-v1:0",
      notes: "Price: litellm eu.* key (same as the bare key).",
    },
  ),
  ...targets(
    {
      baseModelId: "anthropic.claude-3-5-sonnet-20240620-v1:0",
      provider: "Anthropic",
      name: "Claude 3.5 Sonnet",
      contextWindow: 200_000,
      maxOutputTokens: 4_096,
      inputModalities: TEXT_IMAGE,
      capabilities: ["text", "vision", "tools", "documents", "code"],
      useCases: ["general"],
      qualityTier: 3,
      lifecycle: { status: "legacy", endOfLifeDate: "2026-07-30" },
    },
    { scope: "eu", price: [3, 15] },
    { scope: "in-region", price: [3, 15], priceKey: "eu.anthropic.claude-3-5-sonnet-20240620-v1:0", notes: "Price: litellm eu.* key." },
  ),
  ...targets(
    {
      baseModelId: "anthropic.claude-3-7-sonnet-20250219-v1:0",
      provider: "Anthropic",
      name: "Claude 3.7 Sonnet",
      contextWindow: 200_000,
      maxOutputTokens: 8_192,
      limitsSrc: "LL",
      inputModalities: TEXT_IMAGE,
      capabilities: ["text", "vision", "tools", "reasoning", "prompt-caching", "documents", "code"],
      useCases: ["general"],
      qualityTier: 3,
      lifecycle: { status: "legacy", endOfLifeDate: "2026-07-30" },
      notes: "EOL 2026-07-30 per [RA]; ⚠ a third-party blog says 2026-04-28. Either way it has passed.",
    },
    { scope: "eu", price: [3, 15] },
    { scope: "in-region", price: [3, 15], priceKey: "eu.anthropic.claude-3-7-sonnet-20250219-v1:0", notes: "Price: litellm eu.* key." },
  ),
  ...targets(
    claude4("anthropic.claude-sonnet-4-20250514-v1:0", "Claude Sonnet 4", 200_000, 64_000, 4, {
      lifecycle: { status: "legacy", endOfLifeDate: "2026-10-14" },
      notes: "Context 200K per model card [MC]; litellm says 1M. MC value used.",
    }),
    { scope: "eu", price: [3, 15] },
  ),
  // Current Claude 4.5+.
  ...targets(
    claude4("anthropic.claude-sonnet-4-5-20250929-v1:0", "Claude Sonnet 4.5", 200_000, 64_000, 4),
    {
      scope: "eu",
      price: [3.3, 16.5],
      cache: [0.33, 4.125],
      destinationRegions: EU_ANTHROPIC,
      notes: "litellm also lists long-context prices above 200K input tokens: 6.6 / 24.75 per MTok (not modelled).",
    },
    { scope: "global", price: [3, 15] },
  ),
  ...targets(
    claude4("anthropic.claude-sonnet-4-6", "Claude Sonnet 4.6", 1_000_000, 64_000, 5),
    { scope: "eu", price: [3.3, 16.5], cache: [0.33, 4.125], destinationRegions: EU_ANTHROPIC },
    { scope: "global", price: [3, 15] },
  ),
  ...targets(
    claude4("anthropic.claude-haiku-4-5-20251001-v1:0", "Claude Haiku 4.5", 200_000, 64_000, 3, {
      useCases: ["operations", "health", "general"],
      notes:
        "⚠ litellm gives deprecation_date 2026-10-15; the model cards and availability page still show it active. Lifecycle kept active, check at the next sync.",
    }),
    { scope: "eu", price: [1.1, 5.5], cache: [0.11, 1.375], destinationRegions: EU_ANTHROPIC },
    { scope: "global", price: [1, 5] },
  ),
  ...targets(
    claude4("anthropic.claude-opus-4-5-20251101-v1:0", "Claude Opus 4.5", 200_000, 64_000, 5),
    {
      scope: "eu",
      price: [5, 25],
      destinationRegions: EU_ANTHROPIC,
      notes: "⚠ litellm's eu price equals the global price while its us.* price is 5.50 / 27.50; the eu value is probably wrong.",
    },
    { scope: "global", price: [5, 25] },
  ),
  ...targets(
    claude4("anthropic.claude-opus-4-6-v1", "Claude Opus 4.6", 1_000_000, 128_000, 5),
    { scope: "eu", price: [5.5, 27.5], cache: [0.55, 6.875], destinationRegions: EU_ANTHROPIC },
    { scope: "global", price: [5, 25] },
  ),
  ...targets(
    claude4("anthropic.claude-opus-4-7", "Claude Opus 4.7", 1_000_000, 128_000, 5),
    { scope: "eu", price: [5.5, 27.5], destinationRegions: EU_ANTHROPIC },
    { scope: "global", price: [5, 25] },
  ),
  ...targets(
    claude4("anthropic.claude-opus-4-8", "Claude Opus 4.8", 1_000_000, 128_000, 5),
    { scope: "eu", price: [5.5, 27.5], destinationRegions: EU_ANTHROPIC },
    { scope: "global", price: [5, 25] },
  ),
  ...targets(
    claude4("anthropic.claude-sonnet-5", "Claude Sonnet 5", 1_000_000, 128_000, 5, {
      limitsSrc: "LL",
      notes: "⚠ Model id and limits from litellm only (card not in the model-card scrape); availability from [RA].",
    }),
    { scope: "eu", price: [2.2, 11], destinationRegions: EU_ANTHROPIC },
    { scope: "global", price: [2, 10] },
  ),
  ...targets(
    claude4("anthropic.claude-opus-5", "Claude Opus 5", 1_000_000, 128_000, 5, {
      limitsSrc: "LL",
      notes: "⚠ Model id and limits from litellm only (card not in the model-card scrape); availability from [RA].",
    }),
    { scope: "eu", price: [5.5, 27.5], destinationRegions: EU_ANTHROPIC },
    { scope: "global", price: [5, 25] },
  ),
  // US only.
  ...targets(
    {
      baseModelId: "anthropic.claude-3-5-haiku-20241022-v1:0",
      provider: "Anthropic",
      name: "Claude 3.5 Haiku",
      contextWindow: 200_000,
      maxOutputTokens: 8_000,
      availabilitySrc: "MC",
      inputModalities: TEXT,
      capabilities: ["text", "tools", "code"],
      useCases: ["general"],
      qualityTier: 2,
      lifecycle: { status: "legacy" },
      notes: "⚠ litellm also has an eu.* key at 0.25 / 1.25, which conflicts with the model card (US only); ignored.",
    },
    { scope: "us", profilePrefix: "us", price: [0.8, 4], priceKey: "anthropic.claude-3-5-haiku-20241022-v1:0" },
  ),
  ...targets(
    claude4("anthropic.claude-opus-4-1-20250805-v1:0", "Claude Opus 4.1", 200_000, 32_000, 5, {
      availabilitySrc: "MC",
      lifecycle: { status: "legacy" },
    }),
    { scope: "us", profilePrefix: "us", price: [15, 75], priceKey: "anthropic.claude-opus-4-1-20250805-v1:0" },
  ),
];

// ---------------------------------------------------------------------------------------------------------------
// Meta
const llama32 = (size: "1b" | "3b", qualityTier: number): ModelSpec => ({
  baseModelId: `meta.llama3-2-${size}-instruct-v1:0`,
  provider: "Meta",
  name: `Llama 3.2 ${size.toUpperCase()} Instruct`,
  contextWindow: 128_000,
  maxOutputTokens: 4_000,
  inputModalities: TEXT,
  capabilities: ["text"],
  useCases: ["general"],
  qualityTier,
  lifecycle: { status: "legacy", endOfLifeDate: "2026-07-07" },
});

const meta: CatalogSnapshotEntry[] = [
  ...targets(llama32("1b", 1), { scope: "eu", price: [0.13, 0.13], destinationRegions: EU_LLAMA32 }),
  ...targets(llama32("3b", 1), { scope: "eu", price: [0.19, 0.19], destinationRegions: EU_LLAMA32 }),
  ...targets(
    {
      baseModelId: "meta.llama3-3-70b-instruct-v1:0",
      provider: "Meta",
      name: "Llama 3.3 70B Instruct",
      contextWindow: 128_000,
      maxOutputTokens: 4_000,
      availabilitySrc: "MC",
      inputModalities: TEXT,
      capabilities: ["text", "tools"],
      useCases: ["general"],
      qualityTier: 2,
    },
    { scope: "us", profilePrefix: "us", price: [0.72, 0.72], priceKey: "meta.llama3-3-70b-instruct-v1:0" },
  ),
];

// ---------------------------------------------------------------------------------------------------------------
// Mistral
const mistral: CatalogSnapshotEntry[] = [
  ...targets(
    {
      baseModelId: "mistral.pixtral-large-2502-v1:0",
      provider: "Mistral",
      name: "Pixtral Large 25.02",
      contextWindow: 128_000,
      maxOutputTokens: 16_000,
      inputModalities: TEXT_IMAGE,
      capabilities: ["text", "vision", "tools", "documents"],
      useCases: ["general"],
      qualityTier: 3,
      notes: "Max output 16K per model card [MC]; litellm says 4,096. MC value used.",
    },
    { scope: "eu", price: [2, 6], destinationRegions: EU_PIXTRAL },
  ),
  ...targets(
    {
      baseModelId: "mistral.devstral-2-123b",
      provider: "Mistral",
      name: "Devstral 2 123B",
      contextWindow: 256_000,
      maxOutputTokens: 32_000,
      inputModalities: TEXT,
      capabilities: ["text", "tools", "code"],
      useCases: ["general"],
      qualityTier: 3,
      notes: "Max output 32K per model card [MC]; litellm says 8,192. MC value used.",
    },
    { scope: "in-region", price: [0.4, 2], notes: US_PRICE_NOTE },
  ),
];

// ---------------------------------------------------------------------------------------------------------------
// Cohere
const cohereCommandR = (baseModelId: string, name: string, price: [number, number], qualityTier: number) =>
  targets(
    {
      baseModelId,
      provider: "Cohere",
      name,
      contextWindow: 128_000,
      maxOutputTokens: 4_000,
      inputModalities: TEXT,
      capabilities: ["text", "tools"],
      useCases: ["general"],
      qualityTier,
      lifecycle: { status: "legacy", endOfLifeDate: "2026-08-19" },
      notes: "[RA]: us-east-1 and us-west-2 only.",
    },
    { scope: "us", price },
  );

const cohere: CatalogSnapshotEntry[] = [
  ...targets(
    {
      baseModelId: "cohere.embed-v4:0",
      provider: "Cohere",
      name: "Embed v4",
      contextWindow: 128_000,
      maxOutputTokens: 0,
      inputModalities: TEXT_IMAGE,
      outputModalities: EMBEDDING,
      capabilities: ["embedding"],
      useCases: [],
      qualityTier: 3,
      notes: "⚠ litellm has only a bare key (region unstated, likely US list price); the same price is used for the eu and global profiles.",
    },
    { scope: "eu", price: [0.12, 0], priceKey: "cohere.embed-v4:0" },
    { scope: "global", price: [0.12, 0], priceKey: "cohere.embed-v4:0" },
  ),
  ...targets(
    {
      baseModelId: "cohere.embed-multilingual-v3",
      provider: "Cohere",
      name: "Embed Multilingual v3",
      contextWindow: 512,
      maxOutputTokens: 0,
      inputModalities: TEXT,
      outputModalities: EMBEDDING,
      capabilities: ["embedding"],
      useCases: [],
      qualityTier: 2,
    },
    { scope: "in-region", price: [0.1, 0], notes: US_PRICE_NOTE },
  ),
  ...cohereCommandR("cohere.command-r-v1:0", "Command R", [0.5, 1.5], 2),
  ...cohereCommandR("cohere.command-r-plus-v1:0", "Command R+", [3, 15], 3),
];

// ---------------------------------------------------------------------------------------------------------------
// Other in-region models
const others: CatalogSnapshotEntry[] = [
  ...targets(
    {
      baseModelId: "minimax.minimax-m2.5",
      provider: "MiniMax",
      name: "MiniMax M2.5",
      contextWindow: 196_000,
      maxOutputTokens: 8_000,
      inputModalities: TEXT,
      capabilities: ["text", "tools", "reasoning", "code"],
      useCases: ["operations", "general"],
      qualityTier: 3,
      notes: "Context 196K per model card [MC]; litellm says 1M. MC value used.",
    },
    { scope: "in-region", price: [0.36, 1.44], priceKey: "bedrock/eu-central-1/minimax.minimax-m2.5" },
  ),
  ...targets(
    {
      baseModelId: "qwen.qwen3-coder-next",
      provider: "Qwen",
      name: "Qwen3 Coder Next",
      contextWindow: 256_000,
      maxOutputTokens: 16_000,
      availabilitySrc: "MC",
      inputModalities: TEXT,
      capabilities: ["text", "tools", "code"],
      useCases: ["general"],
      qualityTier: 3,
      notes: "⚠ In-region per model card [MC] but absent from the availability page [RA]. Max output 16K per [MC]; litellm says 8,192. MC value used.",
    },
    { scope: "in-region", price: [0.6, 1.44], priceKey: "bedrock/eu-central-1/qwen.qwen3-coder-next" },
  ),
  ...targets(
    {
      baseModelId: "openai.gpt-oss-120b-1:0",
      provider: "OpenAI",
      name: "gpt-oss-120b",
      contextWindow: 128_000,
      maxOutputTokens: 16_000,
      inputModalities: TEXT,
      capabilities: ["text", "tools", "reasoning", "code"],
      useCases: ["operations", "general"],
      qualityTier: 3,
      notes: "Max output 16K per model card [MC]; litellm says 128,000. MC value used.",
    },
    { scope: "in-region", price: [0.15, 0.6], notes: US_PRICE_NOTE },
  ),
];

export const catalogSnapshot: CatalogSnapshotEntry[] = [...amazon, ...anthropic, ...meta, ...mistral, ...cohere, ...others];
