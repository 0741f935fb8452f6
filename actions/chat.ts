"use server";

import { z } from "zod";
import { defineAction } from "@/server/actions/define-action";
import { setConversationArchived } from "@/server/chat/archive-conversation";
import { createConversation, getConversation } from "@/server/chat/conversations";
import { MESSAGE_MAX_CHARS } from "@/server/chat/send-message";
import { getForUseCase } from "@/server/orchestration/get-for-use-case";
import { switchModel } from "@/server/switching/switch-model";
import { forDisplay } from "@/server/use-cases/switch-candidates";

// The chat page's doors. Each one authorizes through defineAction and works on the caller's own conversations only
// (getConversation answers not_found for anyone else's, admins included: the chat is a personal space).

const conversationId = z.string().trim().uuid("conversationId: not a conversation id.");
const modelId = z.string().trim().min(1, "modelId: pick a model.").max(200);

/** Starts a conversation; without a use case, the first message decides it. Every role may chat, hence catalog:read. */
export const createConversationAction = defineAction({
  schema: z.object({
    useCase: z
      .string()
      .trim()
      .max(40)
      .optional()
      .transform((v) => v || undefined),
    firstMessage: z.string().trim().min(1, "Write a first message.").max(MESSAGE_MAX_CHARS, `At most ${MESSAGE_MAX_CHARS} characters.`),
  }),
  permission: "chat:own",
  run: ({ actor }, input) => createConversation({ actor, useCase: input.useCase, firstMessage: input.firstMessage }),
});

/**
 * The models the owner may pick for a conversation: its use case's ranked models that fit the policy, plus the one
 * it uses now (as the cost baseline), with `current` marking the conversation's model rather than the use case's.
 */
export const loadConversationCandidatesAction = defineAction({
  schema: z.object({ conversationId }),
  permission: "chat:own",
  run: async ({ actor }, input) => {
    const conversation = await getConversation({ actor, id: input.conversationId });
    const ranked = await getForUseCase({ actor, useCase: conversation.useCase });
    const currentModelId = conversation.model.modelId;
    const models = forDisplay(ranked.models.filter((m) => m.eligible || m.modelId === currentModelId)).map((m) => ({
      ...m,
      current: m.modelId === currentModelId,
    }));
    return { currentModelId, models };
  },
});

/** The owner's own model choice for a conversation, where its use case's policy allows one (checked by switchModel). */
export const switchConversationModelAction = defineAction({
  schema: z.object({
    conversationId,
    modelId,
    expectedCurrentModelId: modelId,
    reason: z
      .string()
      .trim()
      .max(500, "reason: at most 500 characters.")
      .optional()
      .transform((v) => v || undefined),
    useCase: z.string().optional(),
  }),
  permission: "switch:own-conversation",
  run: async ({ actor }, input) => {
    await getConversation({ actor, id: input.conversationId });
    const r = await switchModel({
      actor,
      input: {
        conversationId: input.conversationId,
        modelId: input.modelId,
        expectedCurrentModelId: input.expectedCurrentModelId,
        reason: input.reason ?? "Picked in the chat.",
        switchType: "manual",
      },
    });
    return { switch: r.switch, notification: r.notification };
  },
});

/** The owner archives a conversation (read-only from then on) or brings it back. */
export const setConversationArchivedAction = defineAction({
  schema: z.object({ conversationId, archived: z.boolean() }),
  permission: "chat:own",
  run: ({ actor }, input) => setConversationArchived({ actor, id: input.conversationId, archived: input.archived }),
});
