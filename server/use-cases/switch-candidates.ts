import "server-only";
import type { Actor } from "@/server/auth/roles";
import type { UseCaseMonthlyCost } from "@/lib/cost";
import { modelDisplayName } from "@/lib/model-labels";
import { currentMonthlyCosts } from "@/server/costs/monthly-cost";
import { getForUseCase, type RankedModel } from "@/server/orchestration/get-for-use-case";

export type UseCaseSwitchCandidates = {
  useCase: string;
  currentModelId: string;
  models: RankedModel[];
  /** The use case's monthly cost figure: the confirmation prices the switch at its volume, on its basis. */
  monthlyCost: UseCaseMonthlyCost | null;
};

/**
 * Ranked models as the switch dialogs show them: named as on every page ("Nova Micro (EU)"). The orchestrate API's
 * get-for-use-case keeps the catalog's own `name` field; only what people read is renamed.
 */
export function forDisplay(models: RankedModel[]): RankedModel[] {
  return models.map((m) => ({ ...m, name: modelDisplayName(m) }));
}

/** What the dashboard's switch dialogs need: get-for-use-case's ranking and the use case's monthly cost figure. */
export async function useCaseSwitchCandidates({ actor, useCase }: { actor: Actor; useCase: string }): Promise<UseCaseSwitchCandidates> {
  const ranked = await getForUseCase({ actor, useCase });
  const [figure] = await currentMonthlyCosts({ useCase: ranked.useCase });
  return { ...ranked, models: forDisplay(ranked.models), monthlyCost: figure ?? null };
}
