import "server-only";

import type { CatalogModel, UseCasePolicy } from "@/lib/catalog-model";

import { hasFailure, type CheckResult } from "./check-result";
import { checkPolicyFit } from "./fit";
import { formatList } from "./format";
import { closestIds } from "./levenshtein";
import { describeLifecycle, lifecycleState } from "./lifecycle";
import { callableFrom, checkRegion, isBareClaudeId, onDemandUnsupportedDetail, profileAlternatives, splitProfileId } from "./region";

/** Check names in the order they run. "access", "policy" and "probe" appear only when their input is given. */
export const VALIDATION_CHECK_NAMES = ["known", "enabled", "lifecycle", "region", "access", "policy", "probe"] as const;

export type ValidateModelInput = {
  modelId: string;
  catalog: readonly CatalogModel[];
  region: string;
  now: Date;
  useCase?: { name: string; policy: UseCasePolicy } | null;
  /** From GetFoundationModelAvailability; only in AWS mode. Offline, access is not checked and the check is left out. */
  access?: { authorized: boolean; agreement: string } | null;
  /** Outcome of a one-token call, when the caller asked for one. */
  probe?: { ok: boolean; detail: string } | null;
};

export type ModelValidation = {
  valid: boolean;
  modelId: string;
  model: CatalogModel | null;
  checks: CheckResult[];
};

/** Why an id is not in the catalog, with the id to use instead when we can tell. */
function unknownModelDetail(modelId: string, catalog: readonly CatalogModel[], region: string): string {
  const { bareId } = splitProfileId(modelId.trim());
  const related = catalog.filter((m) => splitProfileId(m.modelId).bareId === bareId || m.baseModelId === bareId);
  if (related.length > 0) {
    if (isBareClaudeId(modelId.trim())) {
      return onDemandUnsupportedDetail(bareId, region, profileAlternatives(bareId, catalog, region));
    }
    const profiles = profileAlternatives(bareId, catalog, region);
    const callable = profiles.length > 0 ? profiles : related.filter((m) => callableFrom(m, region)).map((m) => m.modelId);
    if (callable.length > 0) return `${modelId} is not in the catalog; this model is available as ${formatList(callable)}`;
    return `${modelId} is not in the catalog; the catalog only has ${formatList(related.map((m) => m.modelId))}, which cannot be called from ${region}`;
  }
  const suggestions = closestIds(
    modelId,
    catalog.map((m) => m.modelId),
  );
  const hint =
    suggestions.length === 0
      ? ""
      : `. Did you mean ${suggestions.slice(0, -1).join(", ")}${suggestions.length > 1 ? " or " : ""}${suggestions[suggestions.length - 1]}?`;
  return `Unknown model id ${modelId}: not in the catalog${hint}`;
}

function accessCheck(model: CatalogModel, access: { authorized: boolean; agreement: string }): CheckResult {
  const name = "access";
  const agreement = access.agreement.trim().toUpperCase() || "UNKNOWN";
  const anthropic = model.provider.toLowerCase() === "anthropic" || splitProfileId(model.modelId).bareId.startsWith("anthropic.");
  const form = anthropic ? " (Anthropic models also need the first-time-use form, once per account)" : "";
  if (!access.authorized) {
    return {
      name,
      status: "fail",
      detail: `Not authorized to invoke this model (agreement: ${agreement}); grant model access in the Bedrock console${form}`,
    };
  }
  if (agreement === "AVAILABLE") return { name, status: "pass", detail: "Access granted (agreement: AVAILABLE)" };
  if (agreement === "PENDING") {
    return {
      name,
      status: "warn",
      detail: "Authorized, but the Marketplace agreement is still pending; calls may fail for up to 15 minutes",
    };
  }
  return {
    name,
    status: "fail",
    detail: `Authorized, but the model agreement is ${agreement}; accept the model's offer in the Bedrock console${form}`,
  };
}

/**
 * Checks a model id one step at a time and says why, so a person can fix what fails. An unknown id stops after
 * "known": the later checks need the catalog entry. valid = no check failed (warnings do not block).
 */
export function validateModel(input: ValidateModelInput): ModelValidation {
  const { modelId, catalog, region, now } = input;
  const model = catalog.find((m) => m.modelId === modelId) ?? null;

  if (!model) {
    const checks: CheckResult[] = [{ name: "known", status: "fail", detail: unknownModelDetail(modelId, catalog, region) }];
    return { valid: false, modelId, model: null, checks };
  }

  const checks: CheckResult[] = [{ name: "known", status: "pass", detail: `${model.name} (${model.provider}) is in the catalog` }];

  checks.push(
    model.enabled
      ? { name: "enabled", status: "pass", detail: "Enabled in the catalog" }
      : { name: "enabled", status: "fail", detail: "Disabled in the catalog; an admin must enable it before it can serve a use case" },
  );

  const lifecycle = lifecycleState(model, now);
  checks.push({
    name: "lifecycle",
    status: lifecycle.kind === "active" ? "pass" : lifecycle.kind === "past-eol" ? "fail" : "warn",
    detail: describeLifecycle(lifecycle),
  });

  checks.push(checkRegion(model, region, catalog));

  if (input.access) checks.push(accessCheck(model, input.access));

  if (input.useCase) {
    const { name, policy } = input.useCase;
    const fit = checkPolicyFit(model, policy);
    const failures = fit.filter((c) => c.status === "fail");
    checks.push(
      failures.length > 0
        ? { name: "policy", status: "fail", detail: `Does not fit the ${name} policy: ${failures.map((c) => c.detail).join("; ")}` }
        : { name: "policy", status: "pass", detail: `Fits the ${name} policy (${fit.length} constraints checked)` },
    );
  }

  if (input.probe) {
    checks.push({ name: "probe", status: input.probe.ok ? "pass" : "fail", detail: input.probe.detail });
  }

  return { valid: !hasFailure(checks), modelId, model, checks };
}
