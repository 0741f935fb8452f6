import "server-only";
import type { CatalogModel, FactProvenance, GeoScope } from "@/lib/catalog-model";
import { baseModelIdOf, parseFoundationModelArn, profilePrefixOf } from "./arn";
import type { FoundationModelSummary, InferenceProfileSummary } from "./gateway";

// Plans a catalog sync from what AWS reports, without touching the database: the caller writes `upserts` in one
// transaction. AWS knows names, modalities, streaming, lifecycle and routing, but not our prices, quality tiers,
// use cases or enabled flags, so those are kept as the admins set them.

export type CatalogSyncInput = {
  existing: CatalogModel[];
  foundationModels: FoundationModelSummary[];
  profiles: InferenceProfileSummary[];
  region: string;
  now: Date;
};

export type CatalogSyncPlan = {
  /** Full records to write: new entries and existing ones whose AWS facts changed. Sorted by modelId. */
  upserts: CatalogModel[];
  added: string[];
  updated: string[];
  /** Existing entries AWS confirmed as they are (not in upserts). */
  unchanged: string[];
  /** Existing entries of this region that AWS did not report, for the admin to review; never deleted here. */
  notInAws: string[];
  /** Existing bare-id entries that AWS lists without ON_DEMAND (reachable only through a profile, or provisioned). */
  notOnDemand: string[];
};

export const NEW_ENTRY_NOTE = "price unknown: set it before enabling";

/** The facts a sync owns. Everything else on an entry belongs to the admins or the bundled snapshot. */
type AwsFacts = Pick<
  CatalogModel,
  | "name"
  | "provider"
  | "inputModalities"
  | "outputModalities"
  | "streamingSupported"
  | "lifecycleStatus"
  | "legacyDate"
  | "endOfLifeDate"
  | "destinationRegions"
>;
type FactField = keyof AwsFacts;
type Ref = "ListFoundationModels" | "GetInferenceProfile";

type Candidate = {
  modelId: string;
  baseModelId: string;
  geoScope: GeoScope;
  /** Only the facts AWS reported; a missing foundation model leaves its fields out rather than blanking them. */
  facts: Partial<AwsFacts>;
  refs: Partial<Record<FactField, Ref>>;
};

const GEO_BY_PREFIX: Record<string, GeoScope> = { eu: "eu", global: "global", us: "us" };

function fmFacts(fm: FoundationModelSummary): { facts: Partial<AwsFacts>; refs: Partial<Record<FactField, Ref>> } {
  const facts: Partial<AwsFacts> = {
    provider: fm.provider,
    inputModalities: [...fm.inputModalities],
    outputModalities: [...fm.outputModalities],
    streamingSupported: fm.streamingSupported,
    lifecycleStatus: fm.lifecycleStatus,
  };
  // AWS often reports a status without dates; a missing date keeps the one we have (from docs or the snapshot).
  if (fm.legacyDate) facts.legacyDate = fm.legacyDate;
  if (fm.endOfLifeDate) facts.endOfLifeDate = fm.endOfLifeDate;
  const refs: Partial<Record<FactField, Ref>> = {};
  for (const key of Object.keys(facts) as FactField[]) refs[key] = "ListFoundationModels";
  return { facts, refs };
}

function candidatesFrom(input: CatalogSyncInput): Candidate[] {
  const fmById = new Map(input.foundationModels.map((fm) => [fm.modelId, fm]));
  const out: Candidate[] = [];

  const existingIds = new Set(input.existing.map((e) => e.modelId));
  // In-region entries: models the region serves on demand with their bare id. A bare entry we already have is
  // refreshed even when AWS no longer serves it on demand; the plan lists it so an admin can move to a profile.
  for (const fm of input.foundationModels) {
    if (!fm.inferenceTypes.includes("ON_DEMAND") && !existingIds.has(fm.modelId)) continue;
    const { facts, refs } = fmFacts(fm);
    out.push({
      modelId: fm.modelId,
      baseModelId: fm.modelId,
      geoScope: "in-region",
      facts: { ...facts, name: fm.name, destinationRegions: [input.region] },
      refs: { ...refs, name: "ListFoundationModels", destinationRegions: "ListFoundationModels" },
    });
  }

  for (const p of input.profiles) {
    // Application profiles are an account's own aliases, not catalog targets; geo prefixes we have no scope for
    // (apac, jp, ...) are not served from this region.
    if (p.type !== "SYSTEM_DEFINED") continue;
    const prefix = profilePrefixOf(p.profileId);
    const geoScope = prefix ? GEO_BY_PREFIX[prefix] : undefined;
    if (!geoScope) continue;
    const fromArn = p.modelArns.map(parseFoundationModelArn).find((a) => a !== null)?.modelId;
    const baseModelId = fromArn ?? baseModelIdOf(p.profileId);
    const fm = fmById.get(baseModelId);
    const base = fm ? fmFacts(fm) : { facts: {}, refs: {} };
    out.push({
      modelId: p.profileId,
      baseModelId,
      geoScope,
      facts: { ...base.facts, name: p.name, destinationRegions: [...p.destinationRegions].sort() },
      refs: { ...base.refs, name: "GetInferenceProfile", destinationRegions: "GetInferenceProfile" },
    });
  }
  return out;
}

function sameValue(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) {
    // Order carries no meaning in these lists (modalities, regions).
    return a.length === b.length && [...a].map(String).sort().join("\u0000") === [...b].map(String).sort().join("\u0000");
  }
  return a === b;
}

function capabilitiesFrom(facts: Partial<AwsFacts>): string[] {
  const input = (facts.inputModalities ?? []).map((m) => m.toUpperCase());
  const output = (facts.outputModalities ?? []).map((m) => m.toUpperCase());
  const caps: string[] = [];
  if (output.includes("TEXT")) caps.push("text");
  if (input.includes("IMAGE")) caps.push("vision");
  if (output.includes("EMBEDDING")) caps.push("embedding");
  return caps;
}

function provenanceFor(c: Candidate, asOf: string, fields: FactField[]): FactProvenance {
  const prov: FactProvenance = {};
  for (const field of fields) {
    const ref = c.refs[field];
    if (ref) prov[field] = { source: "aws-sync", ref, asOf };
  }
  return prov;
}

function newEntry(c: Candidate, region: string, now: Date, sibling: CatalogModel | undefined): CatalogModel {
  const asOf = now.toISOString().slice(0, 10);
  const f = c.facts;
  const setFields = Object.keys(f) as FactField[];
  return {
    modelId: c.modelId,
    baseModelId: c.baseModelId,
    provider: f.provider ?? "",
    name: f.name ?? c.modelId,
    region,
    geoScope: c.geoScope,
    // AWS does not publish prices through these APIs: zero and disabled until an admin sets them.
    inputPricePerMTok: 0,
    outputPricePerMTok: 0,
    cacheReadPricePerMTok: null,
    cacheWritePricePerMTok: null,
    // AWS does not publish limits either: those of another entry of the same model (another profile of it), else
    // the smallest the table allows (contextWindow > 0), which keeps the entry out of any policy with a minimum context.
    contextWindow: sibling?.contextWindow ?? 1,
    maxOutputTokens: sibling?.maxOutputTokens ?? 0,
    inputModalities: f.inputModalities ?? [],
    outputModalities: f.outputModalities ?? [],
    capabilities: capabilitiesFrom(f),
    streamingSupported: f.streamingSupported ?? false,
    lifecycleStatus: f.lifecycleStatus ?? "active",
    legacyDate: f.legacyDate ?? null,
    endOfLifeDate: f.endOfLifeDate ?? null,
    useCases: [],
    // The middle tier until an admin rates it.
    qualityTier: 3,
    enabled: false,
    destinationRegions: f.destinationRegions ?? [region],
    notes: NEW_ENTRY_NOTE,
    source: "aws-sync",
    sourceUpdatedAt: now.toISOString(),
    provenance: {
      modelId: { source: "aws-sync", ref: c.geoScope === "in-region" ? "ListFoundationModels" : "GetInferenceProfile", asOf },
      ...provenanceFor(c, asOf, setFields),
    },
  };
}

export function planCatalogSync(input: CatalogSyncInput): CatalogSyncPlan {
  const asOf = input.now.toISOString().slice(0, 10);
  const existingById = new Map(input.existing.map((e) => [e.modelId, e]));
  const seen = new Set<string>();
  const upserts: CatalogModel[] = [];
  const added: string[] = [];
  const updated: string[] = [];
  const unchanged: string[] = [];

  for (const c of candidatesFrom(input)) {
    if (seen.has(c.modelId)) continue;
    seen.add(c.modelId);
    const current = existingById.get(c.modelId);
    if (!current) {
      upserts.push(
        newEntry(
          c,
          input.region,
          input.now,
          input.existing.find((e) => e.baseModelId === c.baseModelId),
        ),
      );
      added.push(c.modelId);
      continue;
    }
    const fields = Object.keys(c.facts) as FactField[];
    const changed = fields.filter((field) => !sameValue(current[field], c.facts[field]));
    if (changed.length === 0) {
      unchanged.push(c.modelId);
      continue;
    }
    // Prices, quality tier, use cases, enabled flag, capabilities, notes and the entry's origin (`source`) stay.
    upserts.push({
      ...current,
      ...c.facts,
      sourceUpdatedAt: input.now.toISOString(),
      provenance: { ...current.provenance, ...provenanceFor(c, asOf, fields) },
    });
    updated.push(c.modelId);
  }

  const notInAws = input.existing.filter((e) => e.region === input.region && !seen.has(e.modelId)).map((e) => e.modelId);

  const notOnDemand = input.foundationModels.filter((fm) => existingById.has(fm.modelId) && !fm.inferenceTypes.includes("ON_DEMAND")).map((fm) => fm.modelId);

  const byId = (a: string, b: string) => a.localeCompare(b);
  return {
    upserts: upserts.sort((a, b) => byId(a.modelId, b.modelId)),
    added: added.sort(byId),
    updated: updated.sort(byId),
    unchanged: unchanged.sort(byId),
    notInAws: notInAws.sort(byId),
    notOnDemand: [...new Set(notOnDemand)].sort(byId),
  };
}
