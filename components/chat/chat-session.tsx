"use client";

import * as React from "react";
import { useQueryClient } from "@tanstack/react-query";
import { labelForUseCase } from "@/lib/labels";
import { queryKeys } from "@/lib/query-keys";
import type { ConversationDetail, ConversationSummary } from "./chat-api";
import { useSendMessage } from "./use-send-message";

export type Created = { conversation: ConversationDetail; useCaseSource: "given" | "detected" | "default"; confidence: number | null };

type ChatSession = {
  sender: ReturnType<typeof useSendMessage>;
  /** A one-off line for a conversation: how its use case was chosen (worded at render time, see creationNotice). */
  notice: CreationNotice | null;
  dismissNotice: () => void;
  /** Seeds the caches with a conversation just created and sends its first message. */
  startConversation: (created: Created, firstMessage: string) => void;
};

const ChatSessionContext = React.createContext<ChatSession | null>(null);

/** How a new conversation's use case was chosen; the sentence is worded from the conversation as it is now. */
export type CreationNotice = { conversationId: string; useCaseSource: "detected" | "default"; confidence: number | null };

/**
 * The notice's sentence. It names the model that answers now (the conversation's current model, which follows a
 * switch made in the chat, by an admin or by auto-switch), never the one that answered when it was created.
 */
export function creationNoticeText(notice: CreationNotice, conversation: Pick<ConversationDetail, "useCase" | "model">): string {
  const label = labelForUseCase(conversation.useCase);
  if (notice.useCaseSource === "detected") {
    return `${label} use case detected from your first message (confidence ${Math.round((notice.confidence ?? 0) * 100)}%), so ${conversation.model.name} answers.`;
  }
  return `No specific use case stood out in your first message, so this is a ${label.toLowerCase()} conversation, answered by ${conversation.model.name}.`;
}

/**
 * What the chat keeps while one moves between conversations: the answer streaming in (it lives in the chat's layout,
 * so opening another conversation, a new page or a refresh after a switch event does not cut it off) and notices.
 */
export function ChatSessionProvider({ children }: { children: React.ReactNode }) {
  const sender = useSendMessage();
  const queryClient = useQueryClient();
  const [notice, setNotice] = React.useState<ChatSession["notice"]>(null);
  const { send } = sender;

  const startConversation = React.useCallback(
    (created: Created, firstMessage: string) => {
      const c = created.conversation;
      queryClient.setQueryData(queryKeys.conversations.detail(c.id), c);
      queryClient.setQueryData<ConversationSummary[]>(queryKeys.conversations.list(), (list) => [
        { id: c.id, title: c.title, useCase: c.useCase, model: c.model, updatedAt: c.updatedAt, archivedAt: c.archivedAt },
        ...(list ?? []).filter((x) => x.id !== c.id),
      ]);
      setNotice(created.useCaseSource === "given" ? null : { conversationId: c.id, useCaseSource: created.useCaseSource, confidence: created.confidence });
      void send(c.id, firstMessage);
    },
    [queryClient, send],
  );

  const dismissNotice = React.useCallback(() => setNotice(null), []);
  const value = React.useMemo<ChatSession>(() => ({ sender, notice, dismissNotice, startConversation }), [sender, notice, dismissNotice, startConversation]);
  return <ChatSessionContext.Provider value={value}>{children}</ChatSessionContext.Provider>;
}

export function useChatSession(): ChatSession {
  const session = React.useContext(ChatSessionContext);
  if (!session) throw new Error("useChatSession must be used inside <ChatSessionProvider> (the chat layout).");
  return session;
}
