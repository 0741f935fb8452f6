// The control-plane answers of the stand-in, in Bedrock's wire shapes (REST-JSON, timestamps as RFC 3339 strings),
// built from the bundled catalog snapshot: one foundation model per base model the region knows, one system-defined
// inference profile per eu.* / global.* entry. us.* entries are not reachable from the region and are left out.
import type { CatalogSnapshotEntry } from "@/db/seed/catalog-snapshot";

export const STAND_IN_ACCOUNT = "000000000000";

export type WireFoundationModel = {
  modelArn: string;
  modelId: string;
  modelName: string;
  providerName: string;
  inputModalities: string[];
  outputModalities: string[];
  responseStreamingSupported: boolean;
  customizationsSupported: string[];
  inferenceTypesSupported: string[];
  modelLifecycle: { status: "ACTIVE" | "LEGACY"; legacyTime?: string; endOfLifeTime?: string };
};

export type WireInferenceProfile = {
  inferenceProfileName: string;
  inferenceProfileArn: string;
  inferenceProfileId: string;
  description: string;
  models: { modelArn: string }[];
  status: "ACTIVE";
  type: "SYSTEM_DEFINED";
  createdAt: string;
  updatedAt: string;
};

const fmArn = (region: string, modelId: string) => `arn:aws:bedrock:${region}::foundation-model/${modelId}`;
const timestamp = (isoDate: string) => `${isoDate}T00:00:00Z`;
const isProfile = (e: CatalogSnapshotEntry) => e.geoScope === "eu" || e.geoScope === "global";
/** "Nova Lite (EU)" → "Nova Lite": a profile's entry carries the scope in its name, the model does not. */
const modelName = (e: CatalogSnapshotEntry) => (isProfile(e) ? e.name.replace(/\s*\((?:eu|global)\)\s*$/i, "").replace(/^(?:eu|global)\s+/i, "") : e.name);

/** What Bedrock says about a model id in this region: invocable, only through a profile, or unknown. */
export type Invocability = { kind: "ok"; entry: CatalogSnapshotEntry } | { kind: "profile_only" } | { kind: "unknown" };

export class StandInCatalog {
  private readonly byId: Map<string, CatalogSnapshotEntry>;

  constructor(
    private readonly entries: CatalogSnapshotEntry[],
    readonly region: string,
  ) {
    this.byId = new Map(entries.filter((e) => e.geoScope !== "us").map((e) => [e.modelId, e]));
  }

  invocability(modelId: string): Invocability {
    const entry = this.byId.get(modelId);
    if (entry) return { kind: "ok", entry };
    return this.entries.some((e) => e.baseModelId === modelId && isProfile(e)) ? { kind: "profile_only" } : { kind: "unknown" };
  }

  foundationModels(filter: { byProvider?: string; byInferenceType?: string; byOutputModality?: string }): WireFoundationModel[] {
    const byBase = new Map<string, CatalogSnapshotEntry[]>();
    for (const e of this.byId.values()) byBase.set(e.baseModelId, [...(byBase.get(e.baseModelId) ?? []), e]);
    const out: WireFoundationModel[] = [];
    for (const [baseId, list] of byBase) {
      const inRegion = list.find((e) => e.geoScope === "in-region" && e.modelId === baseId);
      const source = inRegion ?? [...list].sort((a, b) => a.modelId.localeCompare(b.modelId))[0]!;
      const lifecycle: WireFoundationModel["modelLifecycle"] = { status: source.lifecycleStatus === "legacy" ? "LEGACY" : "ACTIVE" };
      if (source.legacyDate) lifecycle.legacyTime = timestamp(source.legacyDate);
      if (source.endOfLifeDate) lifecycle.endOfLifeTime = timestamp(source.endOfLifeDate);
      out.push({
        modelArn: fmArn(this.region, baseId),
        modelId: baseId,
        modelName: modelName(source),
        providerName: source.provider,
        inputModalities: [...source.inputModalities],
        outputModalities: [...source.outputModalities],
        responseStreamingSupported: source.streamingSupported,
        customizationsSupported: [],
        // Bedrock lists a model reachable only through a profile with the undeclared type INFERENCE_PROFILE.
        inferenceTypesSupported: inRegion ? ["ON_DEMAND"] : ["INFERENCE_PROFILE"],
        modelLifecycle: lifecycle,
      });
    }
    const provider = filter.byProvider?.toLowerCase();
    return out
      .filter((m) => !provider || m.providerName.toLowerCase() === provider)
      .filter((m) => !filter.byInferenceType || m.inferenceTypesSupported.includes(filter.byInferenceType))
      .filter((m) => !filter.byOutputModality || m.outputModalities.includes(filter.byOutputModality))
      .sort((a, b) => a.modelId.localeCompare(b.modelId));
  }

  foundationModel(modelId: string): WireFoundationModel | null {
    return this.foundationModels({}).find((m) => m.modelId === modelId) ?? null;
  }

  profiles(): WireInferenceProfile[] {
    return [...this.byId.values()]
      .filter(isProfile)
      .map((e) => this.profileOf(e))
      .sort((a, b) => a.inferenceProfileId.localeCompare(b.inferenceProfileId));
  }

  profile(id: string): WireInferenceProfile | null {
    const e = this.byId.get(id);
    return e && isProfile(e) ? this.profileOf(e) : null;
  }

  private profileOf(e: CatalogSnapshotEntry): WireInferenceProfile {
    const regions = [...new Set(e.destinationRegions.length ? e.destinationRegions : [this.region])].sort();
    const models = regions.map((r) => ({ modelArn: fmArn(r, e.baseModelId) }));
    // A global profile also lists the region-less ARN, as GetInferenceProfile does.
    if (e.geoScope === "global") models.push({ modelArn: fmArn("", e.baseModelId) });
    const stamp = timestamp("2026-08-22");
    return {
      inferenceProfileName: e.name,
      inferenceProfileArn: `arn:aws:bedrock:${this.region}:${STAND_IN_ACCOUNT}:inference-profile/${e.modelId}`,
      inferenceProfileId: e.modelId,
      description:
        e.geoScope === "global"
          ? `Routes requests to ${modelName(e)} in commercial regions worldwide.`
          : `Routes requests to ${modelName(e)} in ${regions.join(", ")}.`,
      models,
      status: "ACTIVE",
      type: "SYSTEM_DEFINED",
      createdAt: stamp,
      updatedAt: stamp,
    };
  }
}

/** A model identifier as Bedrock accepts it: an id, or an ARN whose last segment is the id. */
export function idFromIdentifier(identifier: string): string {
  return identifier.startsWith("arn:") ? identifier.slice(identifier.lastIndexOf("/") + 1) : identifier;
}
