import "server-only";

// ARN and id helpers shared by both gateways, the catalog sync and the IAM policy builder, so that all of them
// agree on what a profile id is and how its foundation-model ARNs look.

/** Geo prefixes of system-defined inference profiles (CDK's CrossRegionInferenceProfileRegion), longest first. */
export const PROFILE_PREFIXES = ["us-gov", "global", "apac", "us", "eu", "jp", "au"] as const;

/** True for a system inference-profile id such as `eu.amazon.nova-lite-v1:0` or `global.anthropic...`. */
export function isInferenceProfileId(modelId: string): boolean {
  return profilePrefixOf(modelId) !== null;
}

/** The geo prefix of a profile id (`eu`, `global`, ...), or null for a plain model id. */
export function profilePrefixOf(modelId: string): string | null {
  for (const prefix of PROFILE_PREFIXES) {
    // A model id always has a provider segment after the prefix, e.g. `eu.amazon.x`; `us.x` alone is not a profile.
    if (modelId.startsWith(`${prefix}.`) && modelId.slice(prefix.length + 1).includes(".")) return prefix;
  }
  return null;
}

/** `eu.amazon.nova-lite-v1:0` → `amazon.nova-lite-v1:0`; a plain model id is returned unchanged. */
export function baseModelIdOf(modelId: string): string {
  const prefix = profilePrefixOf(modelId);
  return prefix ? modelId.slice(prefix.length + 1) : modelId;
}

/** The partition of a region: the ARN prefix differs in China and GovCloud. */
export function partitionOf(region: string): string {
  if (region.startsWith("cn-")) return "aws-cn";
  if (region.startsWith("us-gov-")) return "aws-us-gov";
  return "aws";
}

/** `arn:aws:bedrock:<region>::foundation-model/<id>`; an empty region gives the region-less ARN of global profiles. */
export function foundationModelArn(region: string, modelId: string, partition = partitionOf(region)): string {
  return `arn:${partition}:bedrock:${region}::foundation-model/${modelId}`;
}

/** `arn:aws:bedrock:<region>:<account>:inference-profile/<id>`: the source region and the caller's account. */
export function inferenceProfileArn(region: string, accountId: string, profileId: string): string {
  return `arn:${partitionOf(region)}:bedrock:${region}:${accountId}:inference-profile/${profileId}`;
}

export type ParsedFoundationModelArn = { region: string; modelId: string };

/** Parses a foundation-model ARN; `region` is "" for the region-less ARN a global profile lists. */
export function parseFoundationModelArn(arn: string): ParsedFoundationModelArn | null {
  const match = /^arn:aws(?:-[a-z-]+)?:bedrock:([a-z0-9-]*):[0-9]*:foundation-model\/(.+)$/.exec(arn);
  if (!match) return null;
  return { region: match[1] ?? "", modelId: match[2] ?? "" };
}

/** Destination regions of a profile from its models[] ARNs (sorted, unique) and whether it routes globally. */
export function destinationsFromModelArns(modelArns: string[]): { destinationRegions: string[]; includesGlobal: boolean } {
  const regions = new Set<string>();
  let includesGlobal = false;
  for (const arn of modelArns) {
    const parsed = parseFoundationModelArn(arn);
    if (!parsed) continue;
    if (parsed.region === "") includesGlobal = true;
    else regions.add(parsed.region);
  }
  return { destinationRegions: [...regions].sort(), includesGlobal };
}

/** Accepts an id or an ARN (foundation-model or inference-profile) and returns the id part. */
export function idFromIdentifier(identifier: string): string {
  const match = /^arn:[^:]+:bedrock:[^:]*:[^:]*:(?:foundation-model|inference-profile|application-inference-profile)\/(.+)$/.exec(identifier);
  return match?.[1] ?? identifier;
}
