import "server-only";
import { invocations } from "@/db/schema";
import type { CatalogModel } from "@/lib/catalog-model";
import { tokenCostUsd } from "@/lib/cost";
import { getDb } from "@/server/db";
import type { BedrockOutcome } from "@/server/bedrock";

export type InvocationRecord = {
  modelId: string;
  useCase: string;
  conversationId: string | null;
  userId: string | null;
  inputTokens: number;
  outputTokens: number;
  latencyMs: number;
  outcome: "success" | BedrockOutcome;
  errorCode: string | null;
};

/** Every Bedrock call made through Switchboard, with its cost at the catalog prices of that moment. */
export async function recordInvocation(r: InvocationRecord, model: CatalogModel | undefined): Promise<number> {
  const prices = { inputPricePerMTok: model?.inputPricePerMTok ?? 0, outputPricePerMTok: model?.outputPricePerMTok ?? 0 };
  const db = await getDb();
  const [row] = await db
    .insert(invocations)
    .values({
      ...r,
      ...prices,
      costUsd: tokenCostUsd(r, prices),
    })
    .returning({ id: invocations.id });
  return row!.id;
}
