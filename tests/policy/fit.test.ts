import { describe, expect, it } from "vitest";

import type { CatalogModel, UseCasePolicy } from "@/lib/catalog-model";
import { checkPolicyFit, FIT_CHECK_NAMES } from "@/server/policy/fit";
import { makeModelBuilder, makePolicyBuilder } from "../support/catalog-fixtures";

const model = makeModelBuilder({
  modelId: "eu.anthropic.claude-sonnet-4-5-20250929-v1:0",
  baseModelId: "anthropic.claude-sonnet-4-5-20250929-v1:0",
  provider: "Anthropic",
  name: "Claude Sonnet 4.5 (EU)",
  inputPricePerMTok: 3.3,
  outputPricePerMTok: 16.5,
  cacheReadPricePerMTok: 0.33,
  cacheWritePricePerMTok: 4.125,
  contextWindow: 200_000,
  maxOutputTokens: 64_000,
  inputModalities: ["text", "image"],
  capabilities: ["text", "vision", "tools", "reasoning", "prompt-caching"],
  useCases: ["clinical"],
  qualityTier: 4,
  destinationRegions: ["eu-central-1", "eu-west-1", "eu-west-3", "eu-north-1"],
});
const policy = makePolicyBuilder({ allowUserChoice: false });

describe("checkPolicyFit", () => {
  it("returns one check per constraint, in a fixed order, all passing without constraints", () => {
    const checks = checkPolicyFit(model(), policy());
    expect(checks.map((c) => c.name)).toEqual([...FIT_CHECK_NAMES]);
    expect(checks.every((c) => c.status === "pass")).toBe(true);
    expect(checks.every((c) => c.detail.length > 0)).toBe(true);
  });

  it.each<[string, Partial<CatalogModel>, Partial<UseCasePolicy>, string, "pass" | "warn" | "fail", string]>([
    // context
    [
      "context below minimum",
      { contextWindow: 128_000 },
      { minContext: 200_000 },
      "context",
      "fail",
      "Context window 128,000 is below the policy minimum of 200,000 tokens",
    ],
    [
      "context equal to minimum",
      { contextWindow: 200_000 },
      { minContext: 200_000 },
      "context",
      "pass",
      "Context window 200,000 meets the policy minimum of 200,000 tokens",
    ],
    // prices
    [
      "output price above ceiling",
      {},
      { maxOutputPricePerMTok: 5 },
      "output-price",
      "fail",
      "Output price $16.50/MTok exceeds the policy ceiling of $5.00/MTok",
    ],
    ["input price above ceiling", {}, { maxInputPricePerMTok: 1 }, "input-price", "fail", "Input price $3.30/MTok exceeds the policy ceiling of $1.00/MTok"],
    [
      "sub-cent input price within ceiling",
      { inputPricePerMTok: 0.046 },
      { maxInputPricePerMTok: 0.1 },
      "input-price",
      "pass",
      "Input price $0.046/MTok is within the policy ceiling of $0.10/MTok",
    ],
    ["price exactly at ceiling", { outputPricePerMTok: 5 }, { maxOutputPricePerMTok: 5 }, "output-price", "pass", "within"],
    // capabilities
    [
      "missing capability",
      { capabilities: ["text"] },
      { requiredCapabilities: ["text", "vision", "tools"] },
      "capabilities",
      "fail",
      "Missing required capabilities: vision, tools (model has: text)",
    ],
    [
      "capabilities compare case-insensitively",
      { capabilities: ["Text", "Vision"] },
      { requiredCapabilities: ["vision"] },
      "capabilities",
      "pass",
      "Has all required capabilities: vision",
    ],
    // provider
    [
      "provider not allowed",
      { provider: "Meta" },
      { allowedProviders: ["Anthropic", "Amazon"] },
      "provider",
      "fail",
      "Provider Meta is not allowed for this use case (allowed: Anthropic, Amazon)",
    ],
    ["provider compares case-insensitively", { provider: "Anthropic" }, { allowedProviders: ["anthropic"] }, "provider", "pass", "allowed"],
    // residency
    [
      "global scope under an EU-only policy",
      { geoScope: "global", modelId: "global.anthropic.claude-sonnet-4-5-20250929-v1:0" },
      { allowedGeoScopes: ["eu", "in-region"] },
      "geo-scope",
      "fail",
      "Geo scope global is not allowed for this use case (allowed: eu, in-region): data may leave the EU",
    ],
    ["US scope names where data goes", { geoScope: "us" }, { allowedGeoScopes: ["eu"] }, "geo-scope", "fail", "data is processed in US regions"],
    ["eu scope allowed", {}, { allowedGeoScopes: ["eu", "in-region"] }, "geo-scope", "pass", "Geo scope eu is allowed"],
    // legacy
    [
      "legacy excluded",
      { lifecycleStatus: "legacy", endOfLifeDate: "2026-09-10" },
      { excludeLegacy: true },
      "legacy",
      "fail",
      "Legacy model, end of life 2026-09-10; this use case excludes legacy models",
    ],
    ["legacy allowed warns", { lifecycleStatus: "legacy" }, { excludeLegacy: false }, "legacy", "warn", "allowed by this use case's policy"],
    ["active model under excludeLegacy", {}, { excludeLegacy: true }, "legacy", "pass", "Not a legacy model"],
    // candidates
    [
      "not in candidate list",
      {},
      { candidates: ["eu.amazon.nova-pro-v1:0"] },
      "candidates",
      "fail",
      "Not in this use case's candidate list (eu.amazon.nova-pro-v1:0)",
    ],
    [
      "candidate by exact id",
      {},
      { candidates: ["eu.amazon.nova-pro-v1:0", "eu.anthropic.claude-sonnet-4-5-20250929-v1:0"] },
      "candidates",
      "pass",
      "2nd of 2 in the candidate list",
    ],
    ["candidate by base model id", {}, { candidates: ["anthropic.claude-sonnet-4-5-20250929-v1:0"] }, "candidates", "pass", "1st of 1 in the candidate list"],
  ])("%s", (_label, modelOverrides, policyOverrides, name, status, detail) => {
    const check = checkPolicyFit(model(modelOverrides), policy(policyOverrides)).find((c) => c.name === name);
    expect(check).toBeDefined();
    expect(check?.status).toBe(status);
    expect(check?.detail).toContain(detail);
  });

  it("reports every violated constraint, not only the first", () => {
    const checks = checkPolicyFit(
      model({ geoScope: "global", contextWindow: 128_000 }),
      policy({ minContext: 200_000, maxOutputPricePerMTok: 5, allowedGeoScopes: ["eu"] }),
    );
    expect(checks.filter((c) => c.status === "fail").map((c) => c.name)).toEqual(["context", "output-price", "geo-scope"]);
  });
});
