// A small eu-central-1 catalog for the gateway, sync and IAM tests: an EU profile, a global profile, an in-region
// model, an embedding model and a legacy model past its end of life.
import type { CatalogModel } from "@/lib/catalog-model";
import { makeModelBuilder } from "../../support/catalog-fixtures";

const entry = makeModelBuilder({
  geoScope: "in-region",
  inputPricePerMTok: 1,
  outputPricePerMTok: 2,
  contextWindow: 128_000,
  maxOutputTokens: 4_096,
  inputModalities: ["TEXT"],
  outputModalities: ["TEXT"],
  useCases: ["general"],
  qualityTier: 3,
  sourceUpdatedAt: "2026-07-24T00:00:00.000Z",
});

/** An entry named after its model id unless `baseModelId` or `name` say otherwise. */
export function catalogEntry(overrides: Partial<CatalogModel> & Pick<CatalogModel, "modelId">): CatalogModel {
  return entry({ baseModelId: overrides.modelId, name: overrides.modelId, ...overrides });
}

export const NOVA_LITE_EU = catalogEntry({
  modelId: "eu.amazon.nova-lite-v1:0",
  baseModelId: "amazon.nova-lite-v1:0",
  name: "Nova Lite (EU)",
  geoScope: "eu",
  inputPricePerMTok: 0.078,
  outputPricePerMTok: 0.312,
  inputModalities: ["TEXT", "IMAGE"],
  capabilities: ["text", "vision"],
  qualityTier: 2,
  useCases: ["health"],
  destinationRegions: ["eu-central-1", "eu-north-1", "eu-south-1", "eu-south-2", "eu-west-1", "eu-west-3"],
});

export const SONNET_45_EU = catalogEntry({
  modelId: "eu.anthropic.claude-sonnet-4-5-20250929-v1:0",
  baseModelId: "anthropic.claude-sonnet-4-5-20250929-v1:0",
  provider: "Anthropic",
  name: "Claude Sonnet 4.5 (EU)",
  geoScope: "eu",
  inputPricePerMTok: 3.3,
  outputPricePerMTok: 16.5,
  qualityTier: 5,
  useCases: ["clinical"],
  destinationRegions: ["eu-central-1", "eu-central-2", "eu-north-1", "eu-south-1", "eu-south-2", "eu-west-1", "eu-west-2", "eu-west-3"],
});

export const SONNET_45_GLOBAL = catalogEntry({
  modelId: "global.anthropic.claude-sonnet-4-5-20250929-v1:0",
  baseModelId: "anthropic.claude-sonnet-4-5-20250929-v1:0",
  provider: "Anthropic",
  name: "Claude Sonnet 4.5 (Global)",
  geoScope: "global",
  inputPricePerMTok: 3,
  outputPricePerMTok: 15,
  qualityTier: 5,
  destinationRegions: ["eu-central-1", "us-east-1", "us-west-2"],
});

export const MINIMAX_IN_REGION = catalogEntry({
  modelId: "minimax.minimax-m2.5",
  provider: "MiniMax",
  name: "MiniMax M2.5",
  inputPricePerMTok: 0.36,
  outputPricePerMTok: 1.44,
  qualityTier: 3,
});

export const TITAN_EMBED = catalogEntry({
  modelId: "amazon.titan-embed-text-v2:0",
  name: "Titan Text Embeddings V2",
  outputModalities: ["EMBEDDING"],
  capabilities: ["embedding"],
  streamingSupported: false,
  qualityTier: 1,
});

export const LLAMA_1B_EU_EOL = catalogEntry({
  modelId: "eu.meta.llama3-2-1b-instruct-v1:0",
  baseModelId: "meta.llama3-2-1b-instruct-v1:0",
  provider: "Meta",
  name: "Llama 3.2 1B Instruct (EU)",
  geoScope: "eu",
  lifecycleStatus: "legacy",
  legacyDate: "2026-01-07",
  endOfLifeDate: "2026-07-07",
  qualityTier: 1,
  destinationRegions: ["eu-central-1", "eu-west-1", "eu-west-3"],
});

export const CATALOG: CatalogModel[] = [NOVA_LITE_EU, SONNET_45_EU, SONNET_45_GLOBAL, MINIMAX_IN_REGION, TITAN_EMBED, LLAMA_1B_EU_EOL];
