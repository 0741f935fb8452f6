import "server-only";
import type { CatalogModel, UseCase } from "@/lib/catalog-model";
import { env } from "@/server/env";
import { validateModel } from "@/server/policy/validate-model";
import { modelDisplayName } from "@/lib/model-labels";

/**
 * Why a model cannot take part of a use case's traffic, or null when it can: it must be a model the use case could be
 * switched to (known, enabled, alive, invocable from the region, fitting the policy), other than the current one.
 * A cooldown is not a reason: it is short-lived, and the invoke path skips a cooling model by itself.
 */
export function splitRefusal(modelId: string, useCase: UseCase, catalog: readonly CatalogModel[], now = new Date()): string | null {
  if (modelId === useCase.currentModelId) {
    return `${modelId} is the current model of ${useCase.name}; it takes whatever the split leaves, so it cannot be a split row.`;
  }
  const result = validateModel({ modelId, catalog, region: env().AWS_REGION, now, useCase: { name: useCase.name, policy: useCase } });
  if (result.valid) return null;
  return `${modelId}: ${result.checks
    .filter((c) => c.status === "fail")
    .map((c) => c.detail)
    .join("; ")}`;
}

/** The models an admin may send part of a use case's traffic to (the split editor's choices), cheapest first. */
export function splitChoices(useCase: UseCase, catalog: readonly CatalogModel[], now = new Date()): { modelId: string; name: string }[] {
  return catalog
    .filter((m) => m.enabled && splitRefusal(m.modelId, useCase, catalog, now) === null)
    .sort((a, b) => a.inputPricePerMTok + a.outputPricePerMTok - (b.inputPricePerMTok + b.outputPricePerMTok) || a.modelId.localeCompare(b.modelId))
    .map((m) => ({ modelId: m.modelId, name: modelDisplayName(m) }));
}
