// Shapes shared by the server, the pages and the API. No server-only imports here: client components use them.

import type { FactSource, GeoScope, LifecycleStatus, PolicyObjective } from "./enums";

export { GEO_SCOPES, LIFECYCLE_STATUSES, POLICY_OBJECTIVES, type FactSource, type GeoScope, type LifecycleStatus, type PolicyObjective } from "./enums";
/** Where one fact came from: per field name of CatalogModel, e.g. `inputPricePerMTok: { source, ref: "LL eu.amazon.nova-lite-v1:0", asOf: "2026-07-24" }`. */
export type FactProvenance = Record<string, { source: FactSource; ref: string; asOf: string }>;

/** Capabilities a policy can require. */
export const CAPABILITIES = ["text", "vision", "tools", "reasoning", "embedding", "prompt-caching", "documents", "code"] as const;
export type Capability = (typeof CAPABILITIES)[number];

/** One invocable target of the catalog (a model id or an inference profile id). */
export type CatalogModel = {
  modelId: string;
  baseModelId: string;
  provider: string;
  name: string;
  region: string;
  geoScope: GeoScope;
  inputPricePerMTok: number;
  outputPricePerMTok: number;
  cacheReadPricePerMTok: number | null;
  cacheWritePricePerMTok: number | null;
  contextWindow: number;
  maxOutputTokens: number;
  inputModalities: string[];
  outputModalities: string[];
  capabilities: string[];
  streamingSupported: boolean;
  lifecycleStatus: LifecycleStatus;
  /** ISO date (YYYY-MM-DD) or null. */
  legacyDate: string | null;
  endOfLifeDate: string | null;
  useCases: string[];
  /** 1 (basic) to 5 (frontier). */
  qualityTier: number;
  enabled: boolean;
  /** Regions a profile routes to (from GetInferenceProfile.models[]); for an in-region model, its own region. */
  destinationRegions: string[];
  notes: string | null;
  source: FactSource;
  /** ISO timestamp. */
  sourceUpdatedAt: string;
  provenance: FactProvenance;
};

export type UseCasePolicy = {
  objective: PolicyObjective;
  minContext: number | null;
  maxInputPricePerMTok: number | null;
  maxOutputPricePerMTok: number | null;
  requiredCapabilities: string[];
  /** Empty means any provider. */
  allowedProviders: string[];
  /** Empty means any geo scope. */
  allowedGeoScopes: GeoScope[];
  excludeLegacy: boolean;
  /** Optional ordered preference; when non-empty only these are candidates, and their order is a tie-breaker bonus. */
  candidates: string[];
  allowAutoSwitch: boolean;
  allowUserChoice: boolean;
  cooldownSeconds: number;
};

export type UseCase = UseCasePolicy & {
  name: string;
  description: string;
  currentModelId: string;
  fallbackChain: string[];
  monthlyInputTokens: number;
  monthlyOutputTokens: number;
  detectionTerms: { term: string; weight: number }[];
  version: number;
};

/** Days before end of life at which a model counts as "near end of life". */
export const NEAR_EOL_DAYS = 90;
