import { fieldErrorsOf } from "@/lib/zod-message";
import "server-only";
import { z } from "zod";
import { useCases } from "@/db/schema";
import type { UseCase } from "@/lib/catalog-model";
import { assertCan, type Actor } from "@/server/auth/roles";
import { cachedCatalog } from "@/server/catalog/cache";
import { getDb } from "@/server/db";
import { env } from "@/server/env";
import { AppError } from "@/server/errors";
import { pgErrorCode, UNIQUE_VIOLATION } from "@/server/pg-error";
import { validateModel } from "@/server/policy/validate-model";
import { invalidateUseCases } from "./cache";
import { findUseCase } from "./load";
import { newUseCasePolicySchema } from "@/lib/policy-schema";
import { catalogFieldErrors, canonicalProviders } from "./update-policy";

/** The database's own check (use_cases_name_check), so the form says what the database would refuse. */
export const USE_CASE_NAME = /^[a-z][a-z0-9_-]{1,39}$/;

export const createUseCaseInput = z.object({
  name: z.string().trim().regex(USE_CASE_NAME, "Use 2 to 40 lowercase letters, digits, - or _, starting with a letter (e.g. customer-support)."),
  currentModelId: z.string().trim().min(1, "Choose the model that serves it.").max(200),
  policy: newUseCasePolicySchema,
});
export type CreateUseCaseInput = z.input<typeof createUseCaseInput>;

/**
 * Adds a use case. Its first model must pass validation under its own policy (a new use case starts on a model that
 * fits); the fallback chain starts empty and detection has no terms until someone adds them.
 */
export async function createUseCase({ actor, input: raw }: { actor: Actor; input: CreateUseCaseInput }): Promise<UseCase> {
  assertCan(actor, "use-case:write");
  const parsed = createUseCaseInput.safeParse(raw);
  if (!parsed.success) {
    throw new AppError("invalid_request", "Some fields need attention.", { fieldErrors: fieldErrorsOf(parsed.error, raw) });
  }
  const { name, currentModelId, policy } = parsed.data;
  const catalog = await cachedCatalog();
  const fieldErrors = catalogFieldErrors(policy, catalog);
  const validation = validateModel({ modelId: currentModelId, catalog, region: env().AWS_REGION, now: new Date(), useCase: { name, policy } });
  if (!validation.valid) {
    fieldErrors.currentModelId = validation.checks
      .filter((c) => c.status === "fail")
      .map((c) => c.detail)
      .join(" ");
  }
  if (Object.keys(fieldErrors).length > 0) {
    throw new AppError("invalid_request", "Some fields need attention.", { fieldErrors, checks: validation.checks });
  }

  const db = await getDb();
  try {
    await db.insert(useCases).values({
      name,
      currentModelId,
      ...policy,
      allowedProviders: canonicalProviders(policy.allowedProviders, catalog),
      detectionTerms: [],
    });
  } catch (err) {
    if (pgErrorCode(err) === UNIQUE_VIOLATION) {
      throw new AppError("conflict", `A use case named ${name} already exists.`, { fieldErrors: { name: `${name} already exists.` } });
    }
    throw err;
  }
  await invalidateUseCases();
  return (await findUseCase({ db, name }))!;
}
