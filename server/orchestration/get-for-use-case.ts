import "server-only";
import type { CatalogModel } from "@/lib/catalog-model";
import { assertCan, type Actor } from "@/server/auth/roles";
import { cachedCatalog } from "@/server/catalog/cache";
import { env } from "@/server/env";
import { AppError } from "@/server/errors";
import { rankModels, type RankedCandidate } from "@/server/policy/rank";
import { cachedUseCase } from "@/server/use-cases/cache";
import type { UseCase } from "@/lib/catalog-model";
import { activeCooldowns } from "./cooldowns";

export type RankedModel = CatalogModel & {
  rank: number;
  score: number;
  eligible: boolean;
  current: boolean;
  coolingDownUntil: string | null;
  reasons: string[];
};

export async function requireUseCase(name: string): Promise<UseCase> {
  const useCase = await cachedUseCase(name);
  if (!useCase) throw new AppError("not_found", `Use case ${name} does not exist.`);
  return useCase;
}

/** Ranks the enabled catalog under a use case's policy (cooling-down models last). */
export async function rankForUseCase(useCase: UseCase): Promise<{ catalog: CatalogModel[]; ranked: RankedCandidate[] }> {
  const [catalog, cooldowns] = await Promise.all([cachedCatalog(), activeCooldowns()]);
  const ranked = rankModels({
    models: catalog.filter((m) => m.enabled || m.modelId === useCase.currentModelId),
    policy: useCase,
    currentModelId: useCase.currentModelId,
    cooldowns,
    now: new Date(),
    useCaseName: useCase.name,
    region: env().AWS_REGION,
  });
  return { catalog, ranked };
}

/** get-for-use-case: the models that fit the policy, ranked, the current one marked; then the ones that do not. */
export async function getForUseCase({ actor, useCase: name }: { actor: Actor; useCase: string }) {
  assertCan(actor, "catalog:read");
  const useCase = await requireUseCase(name);
  const { catalog, ranked } = await rankForUseCase(useCase);
  const byId = new Map(catalog.map((m) => [m.modelId, m]));
  const models: RankedModel[] = ranked.map((r, i) => ({
    ...byId.get(r.modelId)!,
    rank: i + 1,
    score: r.score,
    eligible: r.eligible,
    current: r.current,
    coolingDownUntil: r.coolingDownUntil ?? null,
    reasons: r.reasons,
  }));
  return { useCase: useCase.name, currentModelId: useCase.currentModelId, models };
}
