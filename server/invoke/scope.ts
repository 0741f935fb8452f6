import "server-only";
import { eq } from "drizzle-orm";
import { conversations } from "@/db/schema";
import type { UseCase } from "@/lib/catalog-model";
import type { Actor } from "@/server/auth/roles";
import { getDb } from "@/server/db";
import { AppError } from "@/server/errors";
import { requireUseCase } from "@/server/orchestration/get-for-use-case";

export type ServingScope = {
  useCase: UseCase;
  conversationId: string | null;
  ownerId: string | null;
  /** The model that serves the scope now: the conversation's override, else the use case's model. */
  modelId: string;
};

/** Which model serves a conversation (its owner, an admin or the service may ask) or a use case (staff or the service). */
export async function resolveServingScope({ actor, conversationId, useCase }: { actor: Actor; conversationId?: string; useCase?: string }): Promise<ServingScope> {
  if (conversationId) {
    const db = await getDb();
    const [conv] = await db.select().from(conversations).where(eq(conversations.id, conversationId)).limit(1);
    const foreign = actor.kind === "user" && actor.user.role !== "admin" && conv?.userId !== actor.user.id;
    if (!conv || foreign) throw new AppError("not_found", `Conversation ${conversationId} does not exist.`);
    const uc = await requireUseCase(conv.useCase);
    return { useCase: uc, conversationId: conv.id, ownerId: conv.userId, modelId: conv.modelOverrideId ?? uc.currentModelId };
  }
  if (actor.kind === "user" && actor.user.role !== "admin") {
    throw new AppError("forbidden", "Only admins and the service can invoke a use case directly; end users talk through their conversations.");
  }
  const uc = await requireUseCase(useCase ?? "general");
  return { useCase: uc, conversationId: null, ownerId: null, modelId: uc.currentModelId };
}
