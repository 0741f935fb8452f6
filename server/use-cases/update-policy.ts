import "server-only";
import { fieldErrorsOf } from "@/lib/zod-message";
import { policySchema, useCaseNameSchema, type PolicyInput, type PolicyUpdate } from "@/lib/policy-schema";
import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import { useCases } from "@/db/schema";
import type { CatalogModel, UseCase } from "@/lib/catalog-model";
import { assertCan, type Actor } from "@/server/auth/roles";
import { cachedCatalog } from "@/server/catalog/cache";
import { getDb } from "@/server/db";
import { env } from "@/server/env";
import { AppError } from "@/server/errors";
import { rankForUseCase } from "@/server/orchestration/get-for-use-case";
import { checkPolicyFit } from "@/server/policy/fit";
import { splitProfileId } from "@/server/policy/region";
import { validateModel } from "@/server/policy/validate-model";
import { notifyInTransaction } from "@/server/notified-cache";
import { dropUseCasesHere, USE_CASES_CHANNEL } from "./cache";
import { findUseCase } from "./load";

export const updatePolicyInput = z.object({
  name: useCaseNameSchema,
  expectedVersion: z.number().int().min(1),
  policy: policySchema,
});

export type UpdatePolicyResult = {
  useCase: UseCase;
  /** Things a person should look at; the change is saved regardless (e.g. the current model no longer fits). */
  warnings: string[];
};

/** Field errors found against the catalog, keyed like the action's own ("policy.allowedProviders", "policy.candidates.2"). */
export function catalogFieldErrors(policy: PolicyUpdate, catalog: readonly CatalogModel[]): Record<string, string> {
  const errors: Record<string, string> = {};
  const providers = [...new Set(catalog.map((m) => m.provider))].sort();
  const unknown = policy.allowedProviders.filter((p) => !providers.some((q) => q.toLowerCase() === p.toLowerCase()));
  if (unknown.length > 0) {
    errors["policy.allowedProviders"] = `Unknown provider${unknown.length > 1 ? "s" : ""} ${unknown.join(", ")}: the catalog has ${providers.join(", ")}.`;
  }
  // A candidate may name an exact entry or a base model (see candidateIndex), so "Claude Sonnet 4.5" can be listed
  // once and residency decides between its profiles.
  const known = new Set(catalog.flatMap((m) => [m.modelId, m.baseModelId, splitProfileId(m.modelId).bareId]));
  policy.candidates.forEach((id, i) => {
    if (!known.has(id)) errors[`policy.candidates.${i}`] = `${id} is not in the catalog (neither an entry nor a base model id).`;
  });
  return errors;
}

/** Provider names in the catalog's spelling, so "anthropic" and "Anthropic" do not both end up stored. */
export function canonicalProviders(names: readonly string[], catalog: readonly CatalogModel[]): string[] {
  const byLower = new Map(catalog.map((m) => [m.provider.toLowerCase(), m.provider]));
  return [...new Set(names.map((n) => byLower.get(n.toLowerCase()) ?? n))];
}

async function warningsFor(useCase: UseCase, catalog: readonly CatalogModel[]): Promise<string[]> {
  const warnings: string[] = [];
  // Model-level failures (disabled, past end of life, not invocable here) and each policy constraint it breaks,
  // phrased one by one rather than as one "does not fit" line.
  const asModel = validateModel({ modelId: useCase.currentModelId, catalog, region: env().AWS_REGION, now: new Date(), useCase: null });
  const failed = asModel.checks.filter((c) => c.status === "fail").map((c) => c.detail);
  if (asModel.model)
    failed.push(
      ...checkPolicyFit(asModel.model, useCase)
        .filter((c) => c.status === "fail")
        .map((c) => c.detail),
    );
  if (failed.length > 0) {
    const name = asModel.model?.name ?? useCase.currentModelId;
    warnings.push(
      `The current model, ${name}, no longer fits this policy: ${failed.join("; ")}. ` +
        `It keeps serving ${useCase.name} until someone switches it; an auto-switch would pick a model that fits.`,
    );
  }
  const { ranked } = await rankForUseCase(useCase);
  if (!ranked.some((r) => r.eligible)) {
    warnings.push("No enabled model in the catalog fits this policy, so auto-switch has nothing to choose from.");
  }
  const byId = new Map(catalog.map((m) => [m.modelId, m]));
  const disabled = useCase.candidates.filter((id) => byId.get(id)?.enabled === false);
  if (disabled.length > 0) {
    warnings.push(
      `Candidate${disabled.length > 1 ? "s" : ""} ${disabled.join(", ")} ${disabled.length > 1 ? "are" : "is"} disabled in the catalog and will not be picked.`,
    );
  }
  return warnings;
}

/**
 * Saves a use case's policy with optimistic concurrency: `expectedVersion` must be the version the editor loaded,
 * otherwise a conflict carries the fresh use case so the editor can show what changed. A policy the current model no
 * longer fits is saved with a warning: moving the model is a separate, deliberate switch.
 */
export async function updatePolicy({
  actor,
  name,
  expectedVersion,
  policy: raw,
}: {
  actor: Actor;
  name: string;
  expectedVersion: number;
  policy: PolicyInput;
}): Promise<UpdatePolicyResult> {
  assertCan(actor, "use-case:write");
  const parsed = policySchema.safeParse(raw);
  if (!parsed.success) {
    throw new AppError("invalid_request", "Some fields need attention.", { fieldErrors: fieldErrorsOf(parsed.error, raw, ["policy"]) });
  }
  const policy = parsed.data;
  const catalog = await cachedCatalog();
  const fieldErrors = catalogFieldErrors(policy, catalog);
  if (Object.keys(fieldErrors).length > 0) throw new AppError("invalid_request", "Some fields need attention.", { fieldErrors });

  const db = await getDb();
  const saved = await db.transaction(async (tx) => {
    const [row] = await tx.select({ version: useCases.version }).from(useCases).where(eq(useCases.name, name)).for("update").limit(1);
    if (!row) throw new AppError("not_found", `Use case ${name} does not exist.`);
    if (row.version !== expectedVersion) {
      const fresh = await findUseCase({ db: tx, name });
      throw new AppError(
        "conflict",
        `Someone else changed use case ${name} meanwhile (version ${row.version}, you edited version ${expectedVersion}). Nothing was saved; review the fresh values.`,
        { useCase: fresh },
      );
    }
    await tx
      .update(useCases)
      .set({
        objective: policy.objective,
        minContext: policy.minContext,
        maxInputPricePerMTok: policy.maxInputPricePerMTok,
        maxOutputPricePerMTok: policy.maxOutputPricePerMTok,
        requiredCapabilities: policy.requiredCapabilities,
        allowedProviders: canonicalProviders(policy.allowedProviders, catalog),
        allowedGeoScopes: policy.allowedGeoScopes,
        excludeLegacy: policy.excludeLegacy,
        candidates: policy.candidates,
        allowAutoSwitch: policy.allowAutoSwitch,
        allowUserChoice: policy.allowUserChoice,
        cooldownSeconds: policy.cooldownSeconds,
        monthlyInputTokens: policy.monthlyInputTokens,
        monthlyOutputTokens: policy.monthlyOutputTokens,
        description: policy.description,
        version: sql`${useCases.version} + 1`,
        updatedAt: new Date(),
      })
      .where(eq(useCases.name, name));
    await notifyInTransaction(tx, USE_CASES_CHANNEL);
    return (await findUseCase({ db: tx, name }))!;
  });
  dropUseCasesHere();
  return { useCase: saved, warnings: await warningsFor(saved, catalog) };
}
