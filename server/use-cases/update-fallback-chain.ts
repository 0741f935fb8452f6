import { fieldErrorsOf } from "@/lib/zod-message";
import "server-only";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { useCaseFallbacks, useCases } from "@/db/schema";
import type { CatalogModel, UseCase } from "@/lib/catalog-model";
import { assertCan, type Actor } from "@/server/auth/roles";
import { cachedCatalog } from "@/server/catalog/cache";
import { getDb } from "@/server/db";
import { env } from "@/server/env";
import { AppError } from "@/server/errors";
import { validateModel } from "@/server/policy/validate-model";
import { notifyInTransaction } from "@/server/notified-cache";
import { dropUseCasesHere, USE_CASES_CHANNEL } from "./cache";
import { findUseCase } from "./load";
import { useCaseNameSchema } from "@/lib/policy-schema";

/** Past five, a request that keeps failing spends its whole latency budget walking the chain. */
export const MAX_CHAIN = 5;

export const fallbackChainSchema = z
  .array(z.string().trim().min(1, "A model id cannot be empty.").max(200, "That is too long for a model id."))
  .max(MAX_CHAIN, `A fallback chain holds at most ${MAX_CHAIN} models.`)
  .superRefine((ids, ctx) => {
    const seen = new Set<string>();
    ids.forEach((id, i) => {
      if (seen.has(id)) ctx.addIssue({ code: "custom", path: [i], message: `${id} is already in the chain; list each model once.` });
      seen.add(id);
    });
  });

export const setFallbackChainInput = z.object({
  name: useCaseNameSchema,
  chain: fallbackChainSchema,
  /** The chain the editor started from; when given and no longer current, the save is refused as a conflict. */
  expectedChain: z.array(z.string()).optional(),
});

/**
 * Each entry must be a model the invoke path can actually call: known, enabled, alive and invocable from the region.
 * The policy is not applied: the chain is where an admin deliberately names the models to fall back on.
 */
function chainFieldErrors(chain: readonly string[], useCase: UseCase, catalog: readonly CatalogModel[]): Record<string, string> {
  const errors: Record<string, string> = {};
  chain.forEach((id, i) => {
    const key = `chain.${i}`;
    if (id === useCase.currentModelId) {
      errors[key] =
        `${id} is the current model of ${useCase.name}; the chain lists the models tried after it fails, so it cannot be in its own chain. Remove it.`;
      return;
    }
    const result = validateModel({ modelId: id, catalog, region: env().AWS_REGION, now: new Date(), useCase: null });
    const failed = result.checks.filter((c) => c.status === "fail");
    if (failed.length > 0) errors[key] = `${id}: ${failed.map((c) => c.detail).join("; ")}`;
  });
  return errors;
}

/**
 * Replaces a use case's ordered fallback chain (all rows in one transaction). The use case's `version` is left alone:
 * it guards the policy and the current model, and a chain edit must not make an open policy editor look stale.
 * `expectedChain` is the chain's own stale check.
 */
export async function setFallbackChain({
  actor,
  name,
  chain: raw,
  expectedChain,
}: {
  actor: Actor;
  name: string;
  chain: string[];
  expectedChain?: string[];
}): Promise<{ useCase: UseCase }> {
  assertCan(actor, "use-case:write");
  const parsed = fallbackChainSchema.safeParse(raw);
  if (!parsed.success) {
    throw new AppError("invalid_request", "The fallback chain needs attention.", { fieldErrors: fieldErrorsOf(parsed.error, raw, ["chain"]) });
  }
  const chain = parsed.data;
  const catalog = await cachedCatalog();
  const db = await getDb();

  const saved = await db.transaction(async (tx) => {
    // The row lock serialises chain edits with switches of the same use case, so "not the current model" holds.
    const [locked] = await tx.select({ name: useCases.name }).from(useCases).where(eq(useCases.name, name)).for("update").limit(1);
    if (!locked) throw new AppError("not_found", `Use case ${name} does not exist.`);
    const useCase = (await findUseCase({ db: tx, name }))!;
    if (expectedChain && expectedChain.join("\n") !== useCase.fallbackChain.join("\n")) {
      throw new AppError("conflict", `Someone else changed the fallback chain of ${name} meanwhile. Nothing was saved; review the fresh chain.`, { useCase });
    }
    const fieldErrors = chainFieldErrors(chain, useCase, catalog);
    if (Object.keys(fieldErrors).length > 0) {
      throw new AppError("invalid_request", "The fallback chain needs attention.", { fieldErrors });
    }
    await tx.delete(useCaseFallbacks).where(eq(useCaseFallbacks.useCase, name));
    if (chain.length > 0) {
      await tx.insert(useCaseFallbacks).values(chain.map((modelId, position) => ({ useCase: name, position, modelId })));
    }
    await tx.update(useCases).set({ updatedAt: new Date() }).where(eq(useCases.name, name));
    await notifyInTransaction(tx, USE_CASES_CHANNEL);
    return (await findUseCase({ db: tx, name }))!;
  });
  dropUseCasesHere();
  return { useCase: saved };
}
