import { describe, expect, it } from "vitest";

import type { CatalogModel } from "@/lib/catalog-model";
import { validateModel, type ValidateModelInput } from "@/server/policy/validate-model";
import { makeModelBuilder, makePolicyBuilder } from "../support/catalog-fixtures";

const NOW = new Date("2026-08-01T12:00:00.000Z");
const REGION = "eu-central-1";

const model = makeModelBuilder({
  region: REGION,
  inputModalities: ["text", "image"],
  capabilities: ["text", "vision", "tools"],
  useCases: ["health"],
  destinationRegions: ["eu-central-1", "eu-west-1", "eu-west-3", "eu-north-1"],
});
const policy = makePolicyBuilder({});

const SONNET_BARE = "anthropic.claude-sonnet-4-5-20250929-v1:0";
const LITE = model();
const SONNET_EU = model({
  modelId: `eu.${SONNET_BARE}`,
  baseModelId: SONNET_BARE,
  provider: "Anthropic",
  name: "Claude Sonnet 4.5 (EU)",
  inputPricePerMTok: 3.3,
  outputPricePerMTok: 16.5,
  contextWindow: 200_000,
  qualityTier: 4,
});
const SONNET_GLOBAL = {
  ...SONNET_EU,
  modelId: `global.${SONNET_BARE}`,
  name: "Claude Sonnet 4.5 (global)",
  geoScope: "global" as const,
  inputPricePerMTok: 3,
  outputPricePerMTok: 15,
  destinationRegions: [],
};
const TITAN = model({
  modelId: "amazon.titan-embed-text-v2:0",
  baseModelId: "amazon.titan-embed-text-v2:0",
  name: "Titan Text Embeddings V2",
  geoScope: "in-region",
  destinationRegions: [REGION],
  capabilities: ["embedding"],
  contextWindow: 8_000,
});
const PREMIER_US = model({
  modelId: "us.amazon.nova-premier-v1:0",
  baseModelId: "amazon.nova-premier-v1:0",
  name: "Nova Premier (US)",
  geoScope: "us",
  region: "us-east-1",
  destinationRegions: ["us-east-1", "us-east-2", "us-west-2"],
});
const CATALOG = [LITE, SONNET_EU, SONNET_GLOBAL, TITAN, PREMIER_US];

const validate = (overrides: Partial<ValidateModelInput> & { modelId: string }) => validateModel({ catalog: CATALOG, region: REGION, now: NOW, ...overrides });
const check = (result: ReturnType<typeof validateModel>, name: string) => result.checks.find((c) => c.name === name);

describe("validateModel", () => {
  it("passes a known, enabled, active, invocable model with only the four base checks", () => {
    const result = validate({ modelId: LITE.modelId });
    expect(result).toMatchObject({ valid: true, modelId: LITE.modelId, model: LITE });
    expect(result.checks.map((c) => [c.name, c.status])).toEqual([
      ["known", "pass"],
      ["enabled", "pass"],
      ["lifecycle", "pass"],
      ["region", "pass"],
    ]);
  });

  it("runs every check in order when access, use case and probe are given", () => {
    const result = validate({
      modelId: SONNET_EU.modelId,
      useCase: { name: "clinical", policy: policy({ allowedGeoScopes: ["eu"] }) },
      access: { authorized: true, agreement: "AVAILABLE" },
      probe: { ok: true, detail: "Answered 1 token in 412 ms" },
    });
    expect(result.valid).toBe(true);
    expect(result.checks.map((c) => c.name)).toEqual(["known", "enabled", "lifecycle", "region", "access", "policy", "probe"]);
    expect(check(result, "policy")?.detail).toBe("Fits the clinical policy (8 constraints checked)");
    expect(check(result, "probe")?.detail).toBe("Answered 1 token in 412 ms");
  });

  describe("known", () => {
    it("fails a bare Claude id, names the eu. profile first and stops", () => {
      const result = validate({ modelId: SONNET_BARE, useCase: { name: "clinical", policy: policy() }, probe: { ok: true, detail: "x" } });
      expect(result).toMatchObject({ valid: false, model: null });
      expect(result.checks).toEqual([
        {
          name: "known",
          status: "fail",
          detail:
            `Invocation of ${SONNET_BARE} with on-demand throughput isn't supported in eu-central-1; ` +
            `use the inference profile eu.${SONNET_BARE} (or global.${SONNET_BARE})`,
        },
      ]);
    });

    it("unknown and unrelated to any entry: no profile advice, only the typo search", () => {
      const result = validate({ modelId: SONNET_BARE, catalog: [LITE] });
      expect(check(result, "known")?.detail).toBe(`Unknown model id ${SONNET_BARE}: not in the catalog`);
    });

    it("points a profile of another geography to the one that is in the catalog", () => {
      const result = validate({ modelId: "us.amazon.nova-lite-v1:0" });
      expect(check(result, "known")).toEqual({
        name: "known",
        status: "fail",
        detail: "us.amazon.nova-lite-v1:0 is not in the catalog; this model is available as eu.amazon.nova-lite-v1:0",
      });
    });

    it.each<[string, string]>([
      ["eu.amazon.titan-embed-text-v2:0", "eu.amazon.titan-embed-text-v2:0 is not in the catalog; this model is available as amazon.titan-embed-text-v2:0"],
      [
        "eu.amazon.nova-premier-v1:0",
        "eu.amazon.nova-premier-v1:0 is not in the catalog; the catalog only has us.amazon.nova-premier-v1:0, which cannot be called from eu-central-1",
      ],
    ])("explains what serves the base model of %s", (modelId, detail) => {
      expect(validate({ modelId }).checks).toEqual([{ name: "known", status: "fail", detail }]);
    });

    it.each<[string, string]>([
      ["eu.amazon.nova-lite-v1:1", "Did you mean eu.amazon.nova-lite-v1:0?"],
      ["EU.Amazon.Nova-Lite-V1:0", "Did you mean eu.amazon.nova-lite-v1:0?"],
      ["eu.anthropic.claude-sonet-4-5-20250929-v1:0", `Did you mean eu.${SONNET_BARE}?`],
      ["claude-sonnet-4-5", `Did you mean eu.${SONNET_BARE} or global.${SONNET_BARE}?`],
    ])("suggests close ids for the typo %s", (modelId, hint) => {
      const result = validate({ modelId });
      expect(result.valid).toBe(false);
      expect(result.checks).toHaveLength(1);
      expect(check(result, "known")?.detail).toBe(`Unknown model id ${modelId}: not in the catalog. ${hint}`);
    });

    it("says plainly when nothing is close", () => {
      expect(check(validate({ modelId: "gpt-4" }), "known")?.detail).toBe("Unknown model id gpt-4: not in the catalog");
    });
  });

  it.each<[string, boolean, "pass" | "fail", string]>([
    ["enabled", true, "pass", "Enabled in the catalog"],
    ["disabled", false, "fail", "Disabled in the catalog; an admin must enable it before it can serve a use case"],
  ])("enabled: %s", (_label, enabled, status, detail) => {
    const result = validate({ modelId: LITE.modelId, catalog: [{ ...LITE, enabled }] });
    expect(check(result, "enabled")).toEqual({ name: "enabled", status, detail });
    expect(result.valid).toBe(status === "pass");
  });

  it.each<[string, Partial<CatalogModel>, "pass" | "warn" | "fail", string]>([
    ["active", {}, "pass", "Active"],
    ["active, end of life far away", { endOfLifeDate: "2027-06-01" }, "pass", "Active"],
    [
      "legacy with a far end of life",
      { lifecycleStatus: "legacy", legacyDate: "2026-05-01", endOfLifeDate: "2027-01-15" },
      "warn",
      "Legacy since 2026-05-01; end of life on 2027-01-15 (in 167 days). Plan a replacement",
    ],
    ["legacy without a date", { lifecycleStatus: "legacy" }, "warn", "Legacy; no end-of-life date announced yet. Plan a replacement"],
    [
      "near end of life",
      { lifecycleStatus: "legacy", endOfLifeDate: "2026-08-31" },
      "warn",
      "Reaches end of life on 2026-08-31 (in 30 days); plan a replacement before then",
    ],
    ["active but near end of life", { endOfLifeDate: "2026-10-29" }, "warn", "Reaches end of life on 2026-10-29 (in 89 days)"],
    [
      "past end of life",
      { lifecycleStatus: "legacy", endOfLifeDate: "2026-07-30" },
      "fail",
      "Past end of life since 2026-07-30; Bedrock no longer serves this model",
    ],
    ["end of life today", { lifecycleStatus: "legacy", endOfLifeDate: "2026-08-01" }, "fail", "Past end of life since 2026-08-01"],
  ])("lifecycle: %s", (_label, overrides, status, detail) => {
    const result = validate({ modelId: LITE.modelId, catalog: [{ ...LITE, ...overrides }] });
    expect(check(result, "lifecycle")?.status).toBe(status);
    expect(check(result, "lifecycle")?.detail).toContain(detail);
    expect(result.valid).toBe(status !== "fail");
  });

  it.each<[string, CatalogModel, string, "pass" | "fail", string]>([
    ["EU profile from Frankfurt", LITE, REGION, "pass", "EU cross-region inference profile, callable from eu-central-1; routes to eu-central-1, eu-west-1"],
    ["global profile from Frankfurt", SONNET_GLOBAL, REGION, "pass", "Global inference profile, callable from eu-central-1"],
    ["in-region model in its region", TITAN, REGION, "pass", "Invocable on demand in eu-central-1"],
    [
      "in-region model elsewhere",
      TITAN,
      "eu-west-1",
      "fail",
      "amazon.titan-embed-text-v2:0 is an in-region model of eu-central-1; it cannot be invoked from eu-west-1",
    ],
    ["EU profile from a US region", LITE, "us-east-1", "fail", "eu.amazon.nova-lite-v1:0 is an EU inference profile and cannot be called from us-east-1"],
    ["US profile from Frankfurt", PREMIER_US, REGION, "fail", "us.amazon.nova-premier-v1:0 is a US inference profile and cannot be called from eu-central-1"],
  ])("region: %s", (_label, entry, region, status, detail) => {
    const result = validate({ modelId: entry.modelId, region });
    expect(check(result, "region")?.status).toBe(status);
    expect(check(result, "region")?.detail).toContain(detail);
  });

  it("region: a bare Claude id without profiles in the catalog still names the geography's profile", () => {
    const bare = { ...SONNET_EU, modelId: SONNET_BARE, geoScope: "in-region" as const, destinationRegions: [REGION] };
    const result = validate({ modelId: SONNET_BARE, catalog: [bare] });
    expect(check(result, "region")?.detail).toMatch(/use the inference profile eu\.anthropic\.claude-sonnet-4-5-20250929-v1:0$/);
  });

  it("region: a bare Claude id in the catalog fails and names the eu. profile", () => {
    const bare = { ...SONNET_EU, modelId: SONNET_BARE, geoScope: "in-region" as const, destinationRegions: [REGION] };
    const result = validate({ modelId: SONNET_BARE, catalog: [...CATALOG, bare] });
    expect(check(result, "known")?.status).toBe("pass");
    expect(check(result, "region")).toEqual({
      name: "region",
      status: "fail",
      detail: `Invocation of ${SONNET_BARE} with on-demand throughput isn't supported in eu-central-1; use the inference profile eu.${SONNET_BARE} (or global.${SONNET_BARE})`,
    });
    expect(result.valid).toBe(false);
  });

  it.each<[string, { authorized: boolean; agreement: string }, "pass" | "warn" | "fail", string]>([
    ["granted", { authorized: true, agreement: "AVAILABLE" }, "pass", "Access granted (agreement: AVAILABLE)"],
    ["pending agreement", { authorized: true, agreement: "PENDING" }, "warn", "still pending"],
    ["agreement not available", { authorized: true, agreement: "NOT_AVAILABLE" }, "fail", "the model agreement is NOT_AVAILABLE"],
    ["not authorized", { authorized: false, agreement: "AVAILABLE" }, "fail", "Not authorized to invoke this model"],
  ])("access: %s", (_label, access, status, detail) => {
    const result = validate({ modelId: LITE.modelId, access });
    expect(check(result, "access")?.status).toBe(status);
    expect(check(result, "access")?.detail).toContain(detail);
    expect(result.valid).toBe(status !== "fail");
  });

  it("access: mentions the first-time-use form for Anthropic, and is left out offline", () => {
    const denied = validate({ modelId: SONNET_EU.modelId, access: { authorized: true, agreement: "NOT_AVAILABLE" } });
    expect(check(denied, "access")?.detail).toContain("first-time-use form");
    expect(check(validate({ modelId: SONNET_EU.modelId, access: null }), "access")).toBeUndefined();
  });

  it("policy: a violation fails with every failing detail", () => {
    const result = validate({
      modelId: SONNET_GLOBAL.modelId,
      useCase: { name: "clinical", policy: policy({ maxOutputPricePerMTok: 5, allowedGeoScopes: ["eu", "in-region"] }) },
    });
    expect(result.valid).toBe(false);
    expect(check(result, "policy")).toEqual({
      name: "policy",
      status: "fail",
      detail:
        "Does not fit the clinical policy: Output price $15.00/MTok exceeds the policy ceiling of $5.00/MTok; " +
        "Geo scope global is not allowed for this use case (allowed: eu, in-region): data may leave the EU",
    });
  });

  it("policy: an allowed legacy model passes the policy and only warns in lifecycle, so it stays valid", () => {
    const legacy = { ...LITE, lifecycleStatus: "legacy" as const };
    const result = validate({ modelId: LITE.modelId, catalog: [legacy], useCase: { name: "health", policy: policy() } });
    expect(check(result, "policy")?.status).toBe("pass");
    expect(check(result, "lifecycle")?.status).toBe("warn");
    expect(result.valid).toBe(true);
  });

  it.each<[boolean, "pass" | "fail"]>([
    [true, "pass"],
    [false, "fail"],
  ])("probe ok=%s → %s", (ok, status) => {
    const detail = ok ? "Answered 1 token in 380 ms" : "ThrottlingException: Too many requests";
    const result = validate({ modelId: LITE.modelId, probe: { ok, detail } });
    expect(result.checks.at(-1)).toEqual({ name: "probe", status, detail });
    expect(result.valid).toBe(ok);
  });
});
