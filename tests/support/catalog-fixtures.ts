// Builders for catalog entries and use-case policies in tests: one complete base record each, which a test file
// shapes once with its own defaults and then per case with overrides.
import type { CatalogModel, UseCasePolicy } from "@/lib/catalog-model";

/** Nova Lite through the EU profile, plain text only, no use cases. */
const BASE_MODEL: CatalogModel = {
  modelId: "eu.amazon.nova-lite-v1:0",
  baseModelId: "amazon.nova-lite-v1:0",
  provider: "Amazon",
  name: "Nova Lite (EU)",
  region: "eu-central-1",
  geoScope: "eu",
  inputPricePerMTok: 0.078,
  outputPricePerMTok: 0.312,
  cacheReadPricePerMTok: null,
  cacheWritePricePerMTok: null,
  contextWindow: 300_000,
  maxOutputTokens: 10_000,
  inputModalities: ["text"],
  outputModalities: ["text"],
  capabilities: ["text"],
  streamingSupported: true,
  lifecycleStatus: "active",
  legacyDate: null,
  endOfLifeDate: null,
  useCases: [],
  qualityTier: 2,
  enabled: true,
  destinationRegions: ["eu-central-1"],
  notes: null,
  source: "snapshot",
  sourceUpdatedAt: "2026-08-22T00:00:00.000Z",
  provenance: {},
};

/** No constraints, balanced, both switch kinds allowed. */
const BASE_POLICY: UseCasePolicy = {
  objective: "balanced",
  minContext: null,
  maxInputPricePerMTok: null,
  maxOutputPricePerMTok: null,
  requiredCapabilities: [],
  allowedProviders: [],
  allowedGeoScopes: [],
  excludeLegacy: false,
  candidates: [],
  allowAutoSwitch: true,
  allowUserChoice: true,
  cooldownSeconds: 300,
};

/** A builder on `base` with `defaults` laid over it; every call gets fresh arrays and objects, overrides win. */
function makeBuilder<T extends object>(base: T, defaults: Partial<T>): (overrides?: Partial<T>) => T {
  return (overrides = {}) => ({ ...structuredClone({ ...base, ...defaults }), ...overrides });
}

export function makeModelBuilder(defaults: Partial<CatalogModel> = {}): (overrides?: Partial<CatalogModel>) => CatalogModel {
  return makeBuilder(BASE_MODEL, defaults);
}

export function makePolicyBuilder(defaults: Partial<UseCasePolicy> = {}): (overrides?: Partial<UseCasePolicy>) => UseCasePolicy {
  return makeBuilder(BASE_POLICY, defaults);
}
