import "server-only";
import { and, desc, eq } from "drizzle-orm";
import { conversations, messages } from "@/db/schema";
import type { CatalogModel, UseCase } from "@/lib/catalog-model";
import type { Actor } from "@/server/auth/roles";
import { cachedCatalog } from "@/server/catalog/cache";
import { getDb } from "@/server/db";
import { assertNoNul } from "@/server/text-guard";
import { AppError } from "@/server/errors";
import { detectUseCase, type Detection } from "@/server/policy/detect";
import { displayName } from "@/server/switching/notification";
import { listUseCases } from "@/server/use-cases/load";
import type { ChatMessage, ChatModel, ConversationDetail, ConversationSummary, UseCaseOption } from "./types";

/** How many messages a conversation view loads: enough for any real chat, bounded so a huge one stays fast. */
export const MESSAGE_LIMIT = 200;
/** How many conversations the list shows. */
export const CONVERSATION_LIMIT = 200;
export const TITLE_MAX = 60;
/** Where a conversation goes when detection is not confident. */
export const DEFAULT_USE_CASE = "general";

type ConversationRow = typeof conversations.$inferSelect;
type CatalogIndex = Map<string, CatalogModel>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The chat is about one's own conversations: the service key has none, and every role chats as itself. */
export function chatOwner(actor: Actor): string {
  if (actor.kind !== "user") throw new AppError("forbidden", "Conversations belong to signed-in users; the service key has none.");
  return actor.user.id;
}

export function chatModel(modelId: string, catalog: CatalogIndex): ChatModel {
  return { modelId, name: displayName(modelId, catalog), provider: catalog.get(modelId)?.provider ?? null };
}

export async function catalogIndex(): Promise<CatalogIndex> {
  return new Map((await cachedCatalog()).map((m) => [m.modelId, m]));
}

/** "Can ibuprofen be taken with lisinopril…": whitespace collapsed, cut at a word when it runs past TITLE_MAX. */
export function titleFromMessage(text: string | undefined): string {
  const flat = (text ?? "").replace(/\s+/g, " ").trim();
  if (!flat) return "New conversation";
  if (flat.length <= TITLE_MAX) return flat;
  const cut = flat.slice(0, TITLE_MAX - 1);
  const space = cut.lastIndexOf(" ");
  return `${(space >= TITLE_MAX / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** The use case a first message belongs to; below the detection threshold it is DEFAULT_USE_CASE. */
export function detectConversationUseCase(text: string, useCases: UseCase[]): { useCase: string; detection: Detection } {
  const detection = detectUseCase(
    text,
    useCases.map((u) => ({ useCase: u.name, terms: u.detectionTerms })),
  );
  const known = detection.aboveThreshold && useCases.some((u) => u.name === detection.useCase);
  return { useCase: known ? detection.useCase! : DEFAULT_USE_CASE, detection };
}

/** The caller's own conversation, or not_found (also for another user's: its existence is not confirmed). */
export async function loadOwnConversation({ actor, id }: { actor: Actor; id: string }): Promise<ConversationRow> {
  const owner = chatOwner(actor);
  // A malformed id would be a Postgres cast error; to the caller it is simply a conversation that does not exist.
  if (!UUID.test(id)) throw new AppError("not_found", "That conversation does not exist.");
  const db = await getDb();
  const [row] = await db
    .select()
    .from(conversations)
    .where(and(eq(conversations.id, id), eq(conversations.userId, owner)))
    .limit(1);
  if (!row) throw new AppError("not_found", "That conversation does not exist.");
  return row;
}

function summary(row: ConversationRow, useCases: Map<string, UseCase>, catalog: CatalogIndex): ConversationSummary {
  const servingId = row.modelOverrideId ?? useCases.get(row.useCase)?.currentModelId ?? "";
  return {
    id: row.id,
    title: row.title,
    useCase: row.useCase,
    model: chatModel(servingId, catalog),
    updatedAt: row.updatedAt.toISOString(),
    archivedAt: row.archivedAt?.toISOString() ?? null,
  };
}

export function toChatMessage(row: typeof messages.$inferSelect, catalog: CatalogIndex): ChatMessage {
  return {
    id: row.id,
    // System messages are never stored by the chat; should one exist, it reads as the assistant's.
    role: row.role === "user" ? "user" : "assistant",
    content: row.content,
    model: row.modelId ? chatModel(row.modelId, catalog) : null,
    createdAt: row.createdAt.toISOString(),
  };
}

/** The caller's own conversations, most recently active first, each with the model that serves it now. */
export async function listConversations({ actor }: { actor: Actor }): Promise<ConversationSummary[]> {
  const owner = chatOwner(actor);
  const db = await getDb();
  const [rows, useCases, catalog] = await Promise.all([
    db.select().from(conversations).where(eq(conversations.userId, owner)).orderBy(desc(conversations.updatedAt)).limit(CONVERSATION_LIMIT),
    listUseCases({ db }),
    catalogIndex(),
  ]);
  const byName = new Map(useCases.map((u) => [u.name, u]));
  return rows.map((r) => summary(r, byName, catalog));
}

/** One of the caller's conversations with its last messages, its serving model and whether its owner may pick one. */
export async function getConversation({ actor, id }: { actor: Actor; id: string }): Promise<ConversationDetail> {
  const row = await loadOwnConversation({ actor, id });
  const db = await getDb();
  const [useCases, catalog, recent] = await Promise.all([
    listUseCases({ db }),
    catalogIndex(),
    db
      .select()
      .from(messages)
      .where(eq(messages.conversationId, row.id))
      .orderBy(desc(messages.createdAt))
      .limit(MESSAGE_LIMIT + 1),
  ]);
  const byName = new Map(useCases.map((u) => [u.name, u]));
  const useCase = byName.get(row.useCase);
  return {
    ...summary(row, byName, catalog),
    useCaseDescription: useCase?.description ?? "",
    overrideModelId: row.modelOverrideId,
    allowUserChoice: useCase?.allowUserChoice ?? false,
    messages: recent
      .slice(0, MESSAGE_LIMIT)
      .reverse()
      .map((m) => toChatMessage(m, catalog)),
    hasEarlierMessages: recent.length > MESSAGE_LIMIT,
  };
}

export type CreateConversationResult = {
  conversation: ConversationDetail;
  /** How the use case was chosen: given by the caller, or detected from the first message (with its confidence). */
  useCaseSource: "given" | "detected" | "default";
  confidence: number | null;
};

/**
 * Starts a conversation for the caller. Without a use case, the first message decides it (detection below the
 * threshold lands in "general"); the title is the first message, shortened. The first message itself is sent
 * afterwards through sendMessage, so it takes the same path (storage, invoke, fallback) as every other message.
 */
export async function createConversation({
  actor,
  useCase,
  firstMessage,
}: {
  actor: Actor;
  useCase?: string;
  firstMessage?: string;
}): Promise<CreateConversationResult> {
  const owner = chatOwner(actor);
  assertNoNul({ firstMessage, useCase });
  const db = await getDb();
  const useCases = await listUseCases({ db });
  let name: string;
  let useCaseSource: CreateConversationResult["useCaseSource"];
  let confidence: number | null = null;
  if (useCase) {
    if (!useCases.some((u) => u.name === useCase)) {
      throw new AppError("invalid_request", `Use case ${useCase} does not exist. Pick one of: ${useCases.map((u) => u.name).join(", ")}.`);
    }
    name = useCase;
    useCaseSource = "given";
  } else {
    const detected = detectConversationUseCase(firstMessage ?? "", useCases);
    name = detected.useCase;
    confidence = detected.detection.confidence;
    useCaseSource = detected.detection.aboveThreshold && detected.useCase === detected.detection.useCase ? "detected" : "default";
  }
  const [row] = await db
    .insert(conversations)
    .values({ userId: owner, useCase: name, title: titleFromMessage(firstMessage) })
    .returning();
  return { conversation: await getConversation({ actor, id: row!.id }), useCaseSource, confidence };
}

/** The use cases a new conversation may start in (the form's select). */
export async function listUseCaseOptions({ actor }: { actor: Actor }): Promise<UseCaseOption[]> {
  chatOwner(actor);
  const useCases = await listUseCases({ db: await getDb() });
  return useCases.map((u) => ({ name: u.name, description: u.description }));
}
