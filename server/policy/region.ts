import "server-only";

import type { CatalogModel, GeoScope } from "@/lib/catalog-model";

import type { CheckResult } from "./check-result";
import { formatList } from "./format";

// Prefixes of system-defined inference profiles (CDK CrossRegionInferenceProfileRegion). "us-gov" before "us" so the
// longer prefix wins.
const PROFILE_PREFIXES = ["us-gov", "global", "apac", "eu", "us", "jp", "au"] as const;

/** "eu.anthropic.claude-..." → { prefix: "eu", bareId: "anthropic.claude-..." }; a model id has no prefix. */
export function splitProfileId(modelId: string): { prefix: string | null; bareId: string } {
  for (const prefix of PROFILE_PREFIXES) {
    if (modelId.startsWith(`${prefix}.`)) return { prefix, bareId: modelId.slice(prefix.length + 1) };
  }
  return { prefix: null, bareId: modelId };
}

/** The geography whose profiles a region may call: eu-central-1 → "eu". Null for geographies we know no profile for. */
export function geographyOfRegion(region: string): string | null {
  if (region.startsWith("us-gov-")) return "us-gov";
  if (region.startsWith("eu-")) return "eu";
  if (region.startsWith("us-")) return "us";
  if (region.startsWith("ap-")) return "apac";
  return null;
}

const GEO_LABEL: Record<GeoScope, string> = { "in-region": "in-region", eu: "EU", us: "US", global: "global" };
const GEO_ARTICLE: Record<GeoScope, string> = { "in-region": "an", eu: "an", us: "a", global: "a" };

/**
 * Anthropic no longer serves its models on demand under the bare model id in eu-central-1 (reference/bedrock.md §4):
 * callers get "Invocation of model ID … with on-demand throughput isn't supported". Newer Claude models behave the
 * same everywhere, so any bare Claude id is steered to a profile.
 */
export function isBareClaudeId(modelId: string): boolean {
  const { prefix, bareId } = splitProfileId(modelId);
  return prefix === null && bareId.startsWith("anthropic.");
}

/** Whether an entry can be called from a region, ignoring the bare-Claude rule. */
export function callableFrom(model: CatalogModel, region: string): boolean {
  switch (model.geoScope) {
    case "in-region":
      return model.region === region || model.destinationRegions.includes(region);
    case "global":
      return true;
    case "eu":
    case "us":
      return geographyOfRegion(region) === model.geoScope;
  }
}

/**
 * Catalog profiles that serve the same base model and are callable from the region, best first: the region's own
 * geography (keeps data closest), then global, then anything else callable.
 */
export function profileAlternatives(bareId: string, catalog: readonly CatalogModel[], region: string): string[] {
  const geography = geographyOfRegion(region);
  const rank = (m: CatalogModel): number => (m.geoScope === geography ? 0 : m.geoScope === "global" ? 1 : 2);
  return catalog
    .filter((m) => {
      const split = splitProfileId(m.modelId);
      return split.prefix !== null && (split.bareId === bareId || m.baseModelId === bareId);
    })
    .filter((m) => callableFrom(m, region))
    .sort((a, b) => rank(a) - rank(b) || a.modelId.localeCompare(b.modelId))
    .map((m) => m.modelId)
    .filter((id, i, all) => all.indexOf(id) === i);
}

/** The sentence Bedrock itself would give, plus the id to use instead. */
export function onDemandUnsupportedDetail(bareId: string, region: string, alternatives: readonly string[]): string {
  const geography = geographyOfRegion(region);
  // Without a catalog entry to point at, the geography's own profile is still the id AWS defines for it.
  const suggestions = alternatives.length > 0 ? alternatives : geography ? [`${geography}.${bareId}`] : [];
  const [first, ...rest] = suggestions;
  if (!first) {
    return `Invocation of ${bareId} with on-demand throughput isn't supported in ${region}; use an inference profile that contains this model`;
  }
  const others = rest.length > 0 ? ` (or ${formatList(rest)})` : "";
  return `Invocation of ${bareId} with on-demand throughput isn't supported in ${region}; use the inference profile ${first}${others}`;
}

/** The "region" check: can this catalog entry be invoked from the region the service runs in? */
export function checkRegion(model: CatalogModel, region: string, catalog: readonly CatalogModel[]): CheckResult {
  const name = "region";
  const { bareId } = splitProfileId(model.modelId);
  if (isBareClaudeId(model.modelId)) {
    return {
      name,
      status: "fail",
      detail: onDemandUnsupportedDetail(bareId, region, profileAlternatives(bareId, catalog, region)),
    };
  }
  if (callableFrom(model, region)) {
    const destinations = model.destinationRegions.length > 0 ? `; routes to ${formatList(model.destinationRegions)}` : "";
    switch (model.geoScope) {
      case "in-region":
        return { name, status: "pass", detail: `Invocable on demand in ${region}` };
      case "global":
        return {
          name,
          status: "pass",
          detail: `Global inference profile, callable from ${region}; requests may be routed to any commercial AWS region`,
        };
      default:
        return {
          name,
          status: "pass",
          detail: `${GEO_LABEL[model.geoScope]} cross-region inference profile, callable from ${region}${destinations}`,
        };
    }
  }
  const alternatives = profileAlternatives(bareId, catalog, region).filter((id) => id !== model.modelId);
  const instead = alternatives.length > 0 ? `; use ${formatList(alternatives)} instead` : "";
  if (model.geoScope === "in-region") {
    return {
      name,
      status: "fail",
      detail: `${model.modelId} is an in-region model of ${model.region}; it cannot be invoked from ${region}${instead}`,
    };
  }
  return {
    name,
    status: "fail",
    detail: `${model.modelId} is ${GEO_ARTICLE[model.geoScope]} ${GEO_LABEL[model.geoScope]} inference profile and cannot be called from ${region}${instead}`,
  };
}
