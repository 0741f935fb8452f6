import "server-only";
import { invocations } from "@/db/schema";
import type { CatalogModel } from "@/lib/catalog-model";
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
  /** The gateway key that made the call, the end user a backend named, and the door it came through. */
  apiKeyId?: string | null;
  endUser?: string | null;
  source?: "chat" | "openai" | "bedrock";
};

/** Every Bedrock call made through Switchboard, with its cost at the catalog prices of that moment. */
export async function recordInvocation(r: InvocationRecord, model: CatalogModel | undefined): Promise<number> {
  const input = model?.inputPricePerMTok ?? 0;
  const output = model?.outputPricePerMTok ?? 0;
  const db = await getDb();
  const [row] = await db
    .insert(invocations)
    .values({
      ...r,
      inputPricePerMTok: input,
      outputPricePerMTok: output,
      costUsd: (r.inputTokens * input + r.outputTokens * output) / 1_000_000,
    })
    .returning({ id: invocations.id });
  return row!.id;
}
