import "server-only";
import { desc, eq } from "drizzle-orm";
import { bedrockModelSwitches, conversations, messages } from "@/db/schema";
import type { Actor } from "@/server/auth/roles";
import type { ConverseMessage } from "@/server/bedrock";
import { getDb } from "@/server/db";
import { assertNoNul } from "@/server/text-guard";
import { AppError } from "@/server/errors";
import { invoke } from "@/server/invoke/invoke";
import { autoSwitch } from "@/server/orchestration/auto-switch";
import { detectUseCase } from "@/server/policy/detect";
import { listUseCases } from "@/server/use-cases/load";
import { assertNotArchived } from "./archived";
import { catalogIndex, chatModel, loadOwnConversation, toChatMessage } from "./conversations";
import type { ChatMessage, ChatModel } from "./types";

export const MESSAGE_MAX_CHARS = 8000;
/** How much of the conversation goes to the model with each message. */
export const HISTORY_LIMIT = 20;

export type AutoSwitchInfo = {
  useCase: string;
  confidence: number;
  fromModelId: string | null;
  to: ChatModel;
  reason: string;
};

export type FallbackInfo = {
  fromModelId: string;
  from: ChatModel;
  to: ChatModel;
  errorCode: string;
  reason: string | null;
};

export type SendMessageStart = {
  /** The model the call goes to first (after any auto-switch); a fallback may still hand the answer to another. */
  model: ChatModel;
  autoSwitch: AutoSwitchInfo | null;
  userMessage: ChatMessage;
};

export type SendMessageResult = {
  /** The model that answered. */
  modelId: string;
  model: ChatModel;
  /** The model that serves the conversation after this message (differs from before on an auto-switch or fallback). */
  servingModel: ChatModel;
  userMessage: ChatMessage;
  assistantMessage: ChatMessage;
  autoSwitch?: AutoSwitchInfo;
  fallback?: FallbackInfo;
};

/**
 * The messages to send: the last HISTORY_LIMIT, shaped as Bedrock's Converse API wants them: starting with a user
 * message and alternating roles. A message left unanswered (the call failed) is merged with the next one of its role.
 */
export function toConverseHistory(rows: { role: "user" | "assistant" | "system"; content: string }[], limit = HISTORY_LIMIT): ConverseMessage[] {
  const out: ConverseMessage[] = [];
  let previous: string | null = null;
  for (const r of rows.slice(-limit)) {
    if (r.role === "system") continue;
    const last = out[out.length - 1];
    if (!last || last.role !== r.role) out.push({ role: r.role, text: r.content });
    // The same words sent again after a failed answer are one question, not two.
    else if (r.content !== previous) last.text = `${last.text}\n\n${r.content}`;
    previous = r.content;
  }
  while (out[0]?.role === "assistant") out.shift();
  return out;
}

async function lastSwitchType(conversationId: string): Promise<string | null> {
  const db = await getDb();
  const [row] = await db
    .select({ switchType: bedrockModelSwitches.switchType })
    .from(bedrockModelSwitches)
    .where(eq(bedrockModelSwitches.conversationId, conversationId))
    .orderBy(desc(bedrockModelSwitches.timestamp), desc(bedrockModelSwitches.id))
    .limit(1);
  return row?.switchType ?? null;
}

/**
 * When a message clearly belongs to another use case than its conversation's, moves the conversation to that use
 * case's best model, if both policies allow auto-switching and the owner did not pick the model by hand (a person's
 * choice outranks a keyword match). A model that does not fit the conversation's own policy is refused by the
 * switch (invalid_model): the conversation then keeps its model, which is the safe outcome.
 */
async function maybeAutoSwitch(actor: Actor, conv: { id: string; useCase: string }, text: string): Promise<AutoSwitchInfo | null> {
  const useCases = await listUseCases({ db: await getDb() });
  const detection = detectUseCase(
    text,
    useCases.map((u) => ({ useCase: u.name, terms: u.detectionTerms })),
  );
  if (!detection.aboveThreshold || !detection.useCase || detection.useCase === conv.useCase) return null;
  const own = useCases.find((u) => u.name === conv.useCase);
  const target = useCases.find((u) => u.name === detection.useCase);
  if (!own?.allowAutoSwitch || !target?.allowAutoSwitch) return null;
  if ((await lastSwitchType(conv.id)) === "manual") return null;
  try {
    const r = await autoSwitch({ actor, input: { conversationId: conv.id, message: text }, origin: "chat-message" });
    if (!r.switched || !r.toModelId) return null;
    const catalog = await catalogIndex();
    return {
      useCase: r.useCase ?? detection.useCase,
      confidence: detection.confidence,
      fromModelId: r.fromModelId,
      to: chatModel(r.toModelId, catalog),
      reason: r.reason,
    };
  } catch (err) {
    // The detected use case's model does not fit this conversation's policy, or someone switched it meanwhile:
    // the message is still answered, by the model the conversation has.
    if (err instanceof AppError && (err.code === "invalid_model" || err.code === "conflict")) return null;
    throw err;
  }
}

async function servingModelId(conversationId: string): Promise<string> {
  const db = await getDb();
  const [row] = await db
    .select({ override: conversations.modelOverrideId, useCase: conversations.useCase })
    .from(conversations)
    .where(eq(conversations.id, conversationId))
    .limit(1);
  if (!row) throw new AppError("not_found", "That conversation does not exist.");
  if (row.override) return row.override;
  const all = await listUseCases({ db });
  return all.find((u) => u.name === row.useCase)?.currentModelId ?? "";
}

/**
 * Sends one message of the caller's own conversation: stores it, auto-switches the conversation when the message
 * belongs to another use case (and the policies allow it), answers through the invoke path (streamed to `onText`,
 * with fallback on throttling and the like) and stores the answer with the model that gave it.
 * The answer is stored even when the caller has gone away meanwhile: the call was made and paid for.
 */
export async function sendMessage({
  actor,
  conversationId,
  text,
  onText,
  onStart,
}: {
  actor: Actor;
  conversationId: string;
  text: string;
  onText?: (delta: string) => void;
  onStart?: (start: SendMessageStart) => void;
}): Promise<SendMessageResult> {
  const content = text.trim();
  assertNoNul({ text: content });
  if (!content) throw new AppError("invalid_request", "Write a message first.");
  if (content.length > MESSAGE_MAX_CHARS) throw new AppError("invalid_request", `A message may have at most ${MESSAGE_MAX_CHARS} characters.`);
  const conv = await loadOwnConversation({ actor, id: conversationId });
  assertNotArchived(conv);
  const db = await getDb();

  const userCreatedAt = new Date();
  const [userRow] = await db.insert(messages).values({ conversationId: conv.id, role: "user", content, createdAt: userCreatedAt }).returning();
  await db.update(conversations).set({ updatedAt: userCreatedAt }).where(eq(conversations.id, conv.id));

  const autoSwitched = await maybeAutoSwitch(actor, conv, content);

  const [history, catalog, firstModelId] = await Promise.all([
    db
      .select({ role: messages.role, content: messages.content })
      .from(messages)
      .where(eq(messages.conversationId, conv.id))
      .orderBy(desc(messages.createdAt))
      .limit(HISTORY_LIMIT),
    catalogIndex(),
    servingModelId(conv.id),
  ]);
  const userMessage = toChatMessage(userRow!, catalog);
  onStart?.({ model: chatModel(firstModelId, catalog), autoSwitch: autoSwitched, userMessage });

  const result = await invoke({
    actor,
    input: {
      conversationId: conv.id,
      messages: toConverseHistory(history.reverse()),
      system: `You are the assistant of the ${conv.useCase} use case. Answer the user's last message helpfully and plainly.`,
      onText,
    },
  });

  // Strictly after the user's message, so the two never swap places in the list on a coarse clock.
  const answeredAt = new Date(Math.max(Date.now(), userCreatedAt.getTime() + 1));
  const [assistantRow] = await db
    .insert(messages)
    .values({ conversationId: conv.id, role: "assistant", content: result.text, modelId: result.modelId, createdAt: answeredAt })
    .returning();
  await db.update(conversations).set({ updatedAt: answeredAt }).where(eq(conversations.id, conv.id));

  // A fallback answered when the first model failed; its switch row may be missing if someone switched meanwhile.
  const failed = result.failedAttempts[0];
  const fallback: FallbackInfo | undefined =
    failed && result.modelId !== firstModelId
      ? {
          fromModelId: failed.modelId,
          from: chatModel(failed.modelId, catalog),
          to: chatModel(result.modelId, catalog),
          errorCode: failed.errorCode,
          reason: result.fallback?.switch.reason ?? null,
        }
      : undefined;
  return {
    modelId: result.modelId,
    model: chatModel(result.modelId, catalog),
    servingModel: chatModel(await servingModelId(conv.id), catalog),
    userMessage,
    assistantMessage: toChatMessage(assistantRow!, catalog),
    ...(autoSwitched ? { autoSwitch: autoSwitched } : {}),
    ...(fallback ? { fallback } : {}),
  };
}
