import "server-only";
import { eq, or } from "drizzle-orm";
import { z } from "zod";
import { accounts, conversations } from "@/db/schema";
import type { UseCase } from "@/lib/catalog-model";
import type { Actor } from "@/server/auth/roles";
import { cachedCatalog } from "@/server/catalog/cache";
import { getDb } from "@/server/db";
import { assertNotArchived } from "@/server/chat/archived";
import { AppError } from "@/server/errors";
import { requireUseCase } from "@/server/orchestration/get-for-use-case";
import { cachedUseCase } from "@/server/use-cases/cache";
import { getTrafficSplit } from "@/server/traffic/cache";
import { inSplit, pickSplitModel } from "@/server/traffic/split";

export type ServingScope = {
  useCase: UseCase;
  conversationId: string | null;
  ownerId: string | null;
  /** The model that serves the scope now: the conversation's override, else its split model, else the use case's. */
  modelId: string;
  /**
   * How the model was chosen. `direct`: the caller named a catalog model, which alone serves (no fallback chain, no
   * switch logged). `split`: a traffic split's pick.
   */
  via: "override" | "split" | "use_case" | "direct";
};

/** Which model serves a conversation (its owner, an admin or the service may ask) or a use case (staff or the service). */
export async function resolveServingScope({
  actor,
  conversationId,
  useCase,
}: {
  actor: Actor;
  conversationId?: string;
  useCase?: string;
}): Promise<ServingScope> {
  if (conversationId) {
    const db = await getDb();
    const [conv] = await db.select().from(conversations).where(eq(conversations.id, conversationId)).limit(1);
    const foreign = actor.kind === "user" && actor.user.role !== "admin" && conv?.userId !== actor.user.id;
    if (!conv || foreign) throw new AppError("not_found", `Conversation ${conversationId} does not exist.`);
    return conversationScope(conv, await requireUseCase(conv.useCase));
  }
  if (actor.kind === "user" && actor.user.role !== "admin") {
    throw new AppError("forbidden", "Only admins and the service can invoke a use case directly; end users talk through their conversations.");
  }
  const uc = await requireUseCase(useCase ?? "general");
  return { useCase: uc, conversationId: null, ownerId: null, modelId: uc.currentModelId, via: "use_case" };
}

type ConversationRow = typeof conversations.$inferSelect;

async function conversationScope(conv: ConversationRow, uc: UseCase): Promise<ServingScope> {
  // Every call in a conversation writes to it (its invocation, a fallback's switch): an archived one takes none.
  assertNotArchived(conv);
  const base = { useCase: uc, conversationId: conv.id, ownerId: conv.userId };
  if (conv.modelOverrideId) return { ...base, modelId: conv.modelOverrideId, via: "override" };
  if (conv.splitModelId && conv.splitModelId !== uc.currentModelId) {
    // The conversation keeps the model it started with while the split still lists it.
    if (inSplit(await getTrafficSplit(uc.name), conv.splitModelId)) return { ...base, modelId: conv.splitModelId, via: "split" };
  }
  return { ...base, modelId: uc.currentModelId, via: "use_case" };
}

/** A use case's model for one call without a conversation: a weighted pick when it splits its traffic. */
async function scopeForUseCase(uc: UseCase, random: () => number): Promise<ServingScope> {
  const modelId = pickSplitModel(await getTrafficSplit(uc.name), uc.currentModelId, random);
  return { useCase: uc, conversationId: null, ownerId: null, modelId, via: modelId === uc.currentModelId ? "use_case" : "split" };
}

export const EXTERNAL_CONVERSATION_MAX = 200;

export type GatewayTarget = {
  /** A use case name or a catalog model id. */
  model: string;
  /** A backend's own conversation id (`x-switchboard-conversation-id`). */
  externalConversationId?: string;
  /** The end user the backend named (OpenAI `user`). */
  endUser?: string;
  /** [0, 1) for the split pick (tests inject it). */
  random?: () => number;
  /** Called before anything is written: throws when the caller may not use this use case or model. */
  authorize?: (target: { useCase: string } | { modelId: string }) => void;
};

/** The catalog model a gateway caller named, if `model` is no use case. Only enabled entries serve. */
async function catalogModel(model: string) {
  return (await cachedCatalog()).find((m) => m.modelId === model && m.enabled);
}

/** The account an end user id names, if it is one of ours; a backend's other user ids stay end users only. */
async function accountIdOf(endUser: string | undefined): Promise<string | null> {
  if (!endUser || !z.uuid().safeParse(endUser).success) return null;
  const db = await getDb();
  const [row] = await db.select({ id: accounts.id }).from(accounts).where(eq(accounts.id, endUser)).limit(1);
  return row?.id ?? null;
}

/**
 * The scope of a gateway call. `model` is a use case (routed like the chat: conversation override, split, current
 * model, fallback chain) or an enabled catalog id (that model alone, recorded under the `general` use case). With an
 * external conversation id, the conversation is found or, on first sight, created in the use case; a new one takes
 * its split pick for good.
 */
export async function resolveGatewayScope(target: GatewayTarget): Promise<ServingScope> {
  const random = target.random ?? Math.random;
  const uc = await cachedUseCase(target.model);
  if (!uc) {
    const entry = await catalogModel(target.model);
    if (!entry)
      throw new AppError("not_found", `The model ${target.model} does not exist: name a use case or an enabled catalog model id.`, { param: "model" });
    target.authorize?.({ modelId: entry.modelId });
    if (target.externalConversationId) {
      throw new AppError("invalid_request", "x-switchboard-conversation-id needs model to be a use case, since a conversation belongs to one.", {
        param: "model",
      });
    }
    const general = await requireUseCase("general");
    return { useCase: { ...general, fallbackChain: [] }, conversationId: null, ownerId: null, modelId: entry.modelId, via: "direct" };
  }
  target.authorize?.({ useCase: uc.name });
  if (!target.externalConversationId) return scopeForUseCase(uc, random);

  const externalId = target.externalConversationId;
  const db = await getDb();
  let [conv] = await db.select().from(conversations).where(eq(conversations.externalId, externalId)).limit(1);
  if (!conv) {
    const splitModelId = pickSplitModel(await getTrafficSplit(uc.name), uc.currentModelId, random);
    const userId = await accountIdOf(target.endUser);
    // Two first calls of one conversation may race: the unique external id lets one insert win, both read it.
    await db
      .insert(conversations)
      .values({
        useCase: uc.name,
        title: externalId.slice(0, 80),
        externalId,
        endUser: target.endUser ?? null,
        userId,
        splitModelId: splitModelId === uc.currentModelId ? null : splitModelId,
      })
      .onConflictDoNothing({ target: conversations.externalId });
    [conv] = await db.select().from(conversations).where(eq(conversations.externalId, externalId)).limit(1);
  }
  if (!conv) throw new AppError("internal", "The conversation could not be created.");
  if (conv.useCase !== uc.name) {
    throw new AppError("invalid_request", `Conversation ${externalId} belongs to the ${conv.useCase} use case, not ${uc.name}.`, { param: "model" });
  }
  return conversationScope(conv, uc);
}

/** A conversation named by its id or a backend's external id (the orchestrate API takes either). */
export async function conversationIdFor(ref: string): Promise<string> {
  const db = await getDb();
  const isUuid = z.uuid().safeParse(ref).success;
  const [row] = await db
    .select({ id: conversations.id })
    .from(conversations)
    .where(isUuid ? or(eq(conversations.id, ref), eq(conversations.externalId, ref)) : eq(conversations.externalId, ref))
    .limit(1);
  if (!row) throw new AppError("not_found", `Conversation ${ref} does not exist.`);
  return row.id;
}
