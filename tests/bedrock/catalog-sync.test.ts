// planCatalogSync: AWS facts flow in with their provenance; prices, tiers, use cases and enabled flags stay.
import { describe, expect, it } from "vitest";
import type { FoundationModelSummary, InferenceProfileSummary } from "@/server/bedrock/gateway";
import { NEW_ENTRY_NOTE, planCatalogSync } from "@/server/bedrock/catalog-sync";
import { MINIMAX_IN_REGION, NOVA_LITE_EU, SONNET_45_EU, TITAN_EMBED } from "./support/catalog-fixture";

const NOW = new Date("2026-11-24T10:00:00Z");
const REGION = "eu-central-1";

function fm(overrides: Partial<FoundationModelSummary> & Pick<FoundationModelSummary, "modelId">): FoundationModelSummary {
  return {
    modelArn: `arn:aws:bedrock:${REGION}::foundation-model/${overrides.modelId}`,
    name: overrides.modelId,
    provider: "Amazon",
    inputModalities: ["TEXT"],
    outputModalities: ["TEXT"],
    streamingSupported: true,
    inferenceTypes: ["ON_DEMAND"],
    lifecycleStatus: "active",
    ...overrides,
  };
}

function profile(id: string, base: string, regions: string[], name = id, global = false): InferenceProfileSummary {
  const modelArns = regions.map((r) => `arn:aws:bedrock:${r}::foundation-model/${base}`);
  if (global) modelArns.push(`arn:aws:bedrock:::foundation-model/${base}`);
  return {
    profileId: id,
    arn: `arn:aws:bedrock:${REGION}:123456789012:inference-profile/${id}`,
    name,
    type: "SYSTEM_DEFINED",
    status: "ACTIVE",
    modelArns,
    destinationRegions: [...regions].sort(),
    includesGlobal: global,
  };
}

const novaLiteFm = fm({
  modelId: "amazon.nova-lite-v1:0",
  name: "Nova Lite",
  inputModalities: ["TEXT", "IMAGE", "VIDEO"],
  inferenceTypes: ["INFERENCE_PROFILE"],
});
const sonnetFm = fm({
  modelId: "anthropic.claude-sonnet-4-5-20250929-v1:0",
  name: "Claude Sonnet 4.5",
  provider: "Anthropic",
  inferenceTypes: ["INFERENCE_PROFILE"],
  lifecycleStatus: "legacy",
  legacyDate: "2026-10-01",
  endOfLifeDate: "2027-04-01",
});

describe("planCatalogSync", () => {
  it("updates AWS facts of an existing profile and keeps prices, tier, use cases and enabled", () => {
    const plan = planCatalogSync({
      existing: [SONNET_45_EU],
      foundationModels: [sonnetFm],
      profiles: [profile(SONNET_45_EU.modelId, sonnetFm.modelId, ["eu-west-1", "eu-central-1"], "EU Anthropic Claude Sonnet 4.5")],
      region: REGION,
      now: NOW,
    });
    expect(plan.updated).toEqual([SONNET_45_EU.modelId]);
    expect(plan.added).toEqual([]);
    const entry = plan.upserts[0];
    expect(entry).toMatchObject({
      modelId: SONNET_45_EU.modelId,
      name: "EU Anthropic Claude Sonnet 4.5",
      lifecycleStatus: "legacy",
      legacyDate: "2026-10-01",
      endOfLifeDate: "2027-04-01",
      destinationRegions: ["eu-central-1", "eu-west-1"],
      // kept
      inputPricePerMTok: 3.3,
      outputPricePerMTok: 16.5,
      qualityTier: 5,
      useCases: ["clinical"],
      enabled: true,
      source: "snapshot",
      sourceUpdatedAt: NOW.toISOString(),
    });
    expect(entry?.provenance).toMatchObject({
      name: { source: "aws-sync", ref: "GetInferenceProfile", asOf: "2026-11-24" },
      destinationRegions: { source: "aws-sync", ref: "GetInferenceProfile", asOf: "2026-11-24" },
      lifecycleStatus: { source: "aws-sync", ref: "ListFoundationModels", asOf: "2026-11-24" },
      endOfLifeDate: { source: "aws-sync", ref: "ListFoundationModels", asOf: "2026-11-24" },
    });
  });

  it("adds new models and profiles disabled, at price 0, with a note", () => {
    const plan = planCatalogSync({
      existing: [],
      foundationModels: [fm({ modelId: "qwen.qwen3-coder-next", name: "Qwen3 Coder Next", provider: "Qwen" }), novaLiteFm],
      profiles: [
        profile("eu.amazon.nova-lite-v1:0", "amazon.nova-lite-v1:0", ["eu-central-1", "eu-west-1"], "EU Nova Lite"),
        profile("global.amazon.nova-lite-v1:0", "amazon.nova-lite-v1:0", ["eu-central-1", "us-east-1"], "GLOBAL Nova Lite", true),
      ],
      region: REGION,
      now: NOW,
    });
    expect(plan.added).toEqual(["eu.amazon.nova-lite-v1:0", "global.amazon.nova-lite-v1:0", "qwen.qwen3-coder-next"]);
    for (const entry of plan.upserts) {
      expect(entry).toMatchObject({ inputPricePerMTok: 0, outputPricePerMTok: 0, enabled: false, notes: NEW_ENTRY_NOTE, source: "aws-sync" });
    }
    const byId = new Map(plan.upserts.map((e) => [e.modelId, e]));
    expect(byId.get("qwen.qwen3-coder-next")).toMatchObject({
      geoScope: "in-region",
      baseModelId: "qwen.qwen3-coder-next",
      destinationRegions: [REGION],
      capabilities: ["text"],
    });
    expect(byId.get("eu.amazon.nova-lite-v1:0")).toMatchObject({
      geoScope: "eu",
      baseModelId: "amazon.nova-lite-v1:0",
      provider: "Amazon",
      name: "EU Nova Lite",
      capabilities: ["text", "vision"],
      destinationRegions: ["eu-central-1", "eu-west-1"],
    });
    expect(byId.get("global.amazon.nova-lite-v1:0")?.geoScope).toBe("global");
    // Nova Lite itself is only reachable through a profile: no bare entry.
    expect(byId.has("amazon.nova-lite-v1:0")).toBe(false);
  });

  it("leaves unchanged entries out of upserts and reports entries AWS did not list", () => {
    const plan = planCatalogSync({
      existing: [MINIMAX_IN_REGION, TITAN_EMBED],
      foundationModels: [fm({ modelId: MINIMAX_IN_REGION.modelId, name: MINIMAX_IN_REGION.name, provider: "MiniMax" })],
      profiles: [],
      region: REGION,
      now: NOW,
    });
    expect(plan.upserts).toEqual([]);
    expect(plan.unchanged).toEqual([MINIMAX_IN_REGION.modelId]);
    expect(plan.notInAws).toEqual([TITAN_EMBED.modelId]);
  });

  it("keeps known dates when AWS reports none, and treats modality order as irrelevant", () => {
    const legacy = { ...MINIMAX_IN_REGION, lifecycleStatus: "legacy" as const, endOfLifeDate: "2027-01-01", inputModalities: ["IMAGE", "TEXT"] };
    const plan = planCatalogSync({
      existing: [legacy],
      foundationModels: [
        fm({ modelId: legacy.modelId, name: legacy.name, provider: "MiniMax", inputModalities: ["TEXT", "IMAGE"], lifecycleStatus: "legacy" }),
      ],
      profiles: [],
      region: REGION,
      now: NOW,
    });
    expect(plan.unchanged).toEqual([legacy.modelId]);
  });

  it("skips application profiles and geo prefixes this region has no scope for", () => {
    const app = { ...profile("abc123xyz", "amazon.nova-lite-v1:0", [REGION]), type: "APPLICATION" };
    const plan = planCatalogSync({
      existing: [],
      foundationModels: [],
      profiles: [app, profile("apac.amazon.nova-lite-v1:0", "amazon.nova-lite-v1:0", ["ap-southeast-1"])],
      region: REGION,
      now: NOW,
    });
    expect(plan.upserts).toEqual([]);
  });

  it("flags an existing bare entry that AWS serves only through a profile", () => {
    const bare = { ...NOVA_LITE_EU, modelId: "amazon.nova-lite-v1:0", geoScope: "in-region" as const, name: "Nova Lite" };
    const plan = planCatalogSync({ existing: [bare], foundationModels: [novaLiteFm], profiles: [], region: REGION, now: NOW });
    expect(plan.notOnDemand).toEqual(["amazon.nova-lite-v1:0"]);
    expect(plan.notInAws).toEqual([]);
    // Its facts are still refreshed (VIDEO input is new).
    expect(plan.updated).toEqual(["amazon.nova-lite-v1:0"]);
  });

  it("is deterministic: upserts and lists sorted by model id", () => {
    const input = {
      existing: [],
      foundationModels: [fm({ modelId: "b.model-v1:0" }), fm({ modelId: "a.model-v1:0" })],
      profiles: [],
      region: REGION,
      now: NOW,
    };
    const plan = planCatalogSync(input);
    expect(plan.upserts.map((e) => e.modelId)).toEqual(["a.model-v1:0", "b.model-v1:0"]);
    expect(planCatalogSync(input)).toEqual(plan);
  });
});
