import "server-only";
import { assertCan, type Actor } from "@/server/auth/roles";
import { getDb } from "@/server/db";
import { listUseCases } from "./load";

/** What another page needs to offer "switch a use case to this model": the name, its model and its volume. */
export type UseCaseSummary = {
  name: string;
  currentModelId: string;
  monthlyInputTokens: number;
  monthlyOutputTokens: number;
};

export async function listUseCaseSummaries({ actor }: { actor: Actor }): Promise<UseCaseSummary[]> {
  assertCan(actor, "catalog:read");
  const all = await listUseCases({ db: await getDb() });
  return all.map((u) => ({
    name: u.name,
    currentModelId: u.currentModelId,
    monthlyInputTokens: u.monthlyInputTokens,
    monthlyOutputTokens: u.monthlyOutputTokens,
  }));
}
