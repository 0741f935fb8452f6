import "server-only";

import { formatPricePerMTok } from "@/lib/format";
import type { CatalogModel, GeoScope, UseCasePolicy } from "@/lib/catalog-model";

import type { CheckResult } from "./check-result";
import { formatList, formatTokens, ordinal } from "./format";
import { splitProfileId } from "./region";

/** Check names, in output order; the UI and tests key on them. */
export const FIT_CHECK_NAMES = ["context", "input-price", "output-price", "capabilities", "provider", "geo-scope", "legacy", "candidates"] as const;
export type FitCheckName = (typeof FIT_CHECK_NAMES)[number];

export type FitCheck = CheckResult & { name: FitCheckName };

const lower = (s: string) => s.trim().toLowerCase();

/**
 * Position of a model in the policy's candidate list, or -1. A candidate may name the exact entry or its base model id,
 * so an admin can say "Claude Sonnet 4.5" once and let residency decide between its eu. and global. profiles.
 */
export function candidateIndex(model: CatalogModel, candidates: readonly string[]): number {
  const exact = candidates.indexOf(model.modelId);
  if (exact >= 0) return exact;
  const bare = splitProfileId(model.modelId).bareId;
  return candidates.findIndex((c) => c === model.baseModelId || c === bare);
}

/** What a geo scope means for where prompts are processed, phrased against the source region's geography. */
function residencyConsequence(scope: GeoScope, region: string): string {
  const inEu = region.startsWith("eu-");
  switch (scope) {
    case "global":
      return inEu ? "data may leave the EU" : "requests may be routed to any commercial AWS region";
    case "us":
      return "data is processed in US regions";
    case "eu":
      return `data may be processed in EU regions other than ${region}`;
    case "in-region":
      return `data stays in ${region}`;
  }
}

/** One check per policy constraint, always all of them, so a person sees what was checked and not only what failed. */
export function checkPolicyFit(model: CatalogModel, policy: UseCasePolicy): FitCheck[] {
  const checks: FitCheck[] = [];

  if (policy.minContext === null) {
    checks.push({ name: "context", status: "pass", detail: "No minimum context window set" });
  } else if (model.contextWindow < policy.minContext) {
    checks.push({
      name: "context",
      status: "fail",
      detail: `Context window ${formatTokens(model.contextWindow)} is below the policy minimum of ${formatTokens(policy.minContext)} tokens`,
    });
  } else {
    checks.push({
      name: "context",
      status: "pass",
      detail: `Context window ${formatTokens(model.contextWindow)} meets the policy minimum of ${formatTokens(policy.minContext)} tokens`,
    });
  }

  const priceCheck = (name: "input-price" | "output-price", label: string, price: number, ceiling: number | null) => {
    if (ceiling === null) {
      checks.push({ name, status: "pass", detail: `No ${label.toLowerCase()} price ceiling set` });
    } else if (price > ceiling) {
      checks.push({
        name,
        status: "fail",
        detail: `${label} price ${formatPricePerMTok(price)} exceeds the policy ceiling of ${formatPricePerMTok(ceiling)}`,
      });
    } else {
      checks.push({
        name,
        status: "pass",
        detail: `${label} price ${formatPricePerMTok(price)} is within the policy ceiling of ${formatPricePerMTok(ceiling)}`,
      });
    }
  };
  priceCheck("input-price", "Input", model.inputPricePerMTok, policy.maxInputPricePerMTok);
  priceCheck("output-price", "Output", model.outputPricePerMTok, policy.maxOutputPricePerMTok);

  const have = new Set(model.capabilities.map(lower));
  const missing = policy.requiredCapabilities.filter((c) => !have.has(lower(c)));
  if (policy.requiredCapabilities.length === 0) {
    checks.push({ name: "capabilities", status: "pass", detail: "No capabilities required" });
  } else if (missing.length > 0) {
    checks.push({
      name: "capabilities",
      status: "fail",
      detail: `Missing required capabilit${missing.length === 1 ? "y" : "ies"}: ${formatList(missing)} (model has: ${formatList(model.capabilities) || "none"})`,
    });
  } else {
    checks.push({
      name: "capabilities",
      status: "pass",
      detail: `Has all required capabilities: ${formatList(policy.requiredCapabilities)}`,
    });
  }

  if (policy.allowedProviders.length === 0) {
    checks.push({ name: "provider", status: "pass", detail: "Any provider is allowed" });
  } else if (!policy.allowedProviders.some((p) => lower(p) === lower(model.provider))) {
    checks.push({
      name: "provider",
      status: "fail",
      detail: `Provider ${model.provider} is not allowed for this use case (allowed: ${formatList(policy.allowedProviders)})`,
    });
  } else {
    checks.push({ name: "provider", status: "pass", detail: `Provider ${model.provider} is allowed` });
  }

  if (policy.allowedGeoScopes.length === 0) {
    checks.push({ name: "geo-scope", status: "pass", detail: "Any geo scope is allowed" });
  } else if (!policy.allowedGeoScopes.includes(model.geoScope)) {
    checks.push({
      name: "geo-scope",
      status: "fail",
      detail: `Geo scope ${model.geoScope} is not allowed for this use case (allowed: ${formatList(policy.allowedGeoScopes)}): ${residencyConsequence(model.geoScope, model.region)}`,
    });
  } else {
    checks.push({
      name: "geo-scope",
      status: "pass",
      detail: `Geo scope ${model.geoScope} is allowed (${residencyConsequence(model.geoScope, model.region)})`,
    });
  }

  if (model.lifecycleStatus !== "legacy") {
    checks.push({ name: "legacy", status: "pass", detail: "Not a legacy model" });
  } else {
    const eol = model.endOfLifeDate ? `, end of life ${model.endOfLifeDate}` : "";
    checks.push(
      policy.excludeLegacy
        ? {
            name: "legacy",
            status: "fail",
            detail: `Legacy model${eol}; this use case excludes legacy models`,
          }
        : // Allowed, but worth seeing next to the other checks: a legacy model will need replacing.
          { name: "legacy", status: "warn", detail: `Legacy model${eol}; allowed by this use case's policy` },
    );
  }

  if (policy.candidates.length === 0) {
    checks.push({ name: "candidates", status: "pass", detail: "No candidate list: any model that fits may be chosen" });
  } else {
    const index = candidateIndex(model, policy.candidates);
    checks.push(
      index < 0
        ? {
            name: "candidates",
            status: "fail",
            detail: `Not in this use case's candidate list (${formatList(policy.candidates)})`,
          }
        : {
            name: "candidates",
            status: "pass",
            detail: `${ordinal(index + 1)} of ${policy.candidates.length} in the candidate list`,
          },
    );
  }

  return checks;
}

/**
 * The catalog entries a use case can be served by: enabled (or its current model) and failing none of its policy's
 * checks. No embedding model fits a use case that needs text, so none is offered to a chat use case.
 */
export function modelsFitFor<M extends CatalogModel>(useCase: UseCasePolicy & { currentModelId: string }, catalog: readonly M[]): M[] {
  return catalog.filter((m) => (m.enabled || m.modelId === useCase.currentModelId) && checkPolicyFit(m, useCase).every((c) => c.status !== "fail"));
}
