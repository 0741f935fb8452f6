"use client";

import * as React from "react";
import { useQueryClient } from "@tanstack/react-query";
import { queryKeys } from "@/lib/query-keys";
import { streamMessage, type AutoSwitchInfo, type ChatError, type ChatMessage, type ChatModel, type ConversationDetail, type FallbackInfo } from "./chat-api";

/** The exchange in flight: the user's message and the answer as far as it has streamed. */
export type PendingExchange = {
  conversationId: string;
  userText: string;
  /** Set once the server stored the message (the `meta` event). */
  userMessage: ChatMessage | null;
  /** The model the call went to first; the answer may still come from a fallback. */
  model: ChatModel | null;
  text: string;
};

/** What happened to the model during the last exchange, shown as a line in the conversation. */
export type ExchangeNote =
  | { kind: "auto"; conversationId: string; afterMessageId: string; info: AutoSwitchInfo }
  | { kind: "fallback"; conversationId: string; afterMessageId: string; info: FallbackInfo };

/** A send that did not get its answer; `stored` says whether the message itself reached the conversation. */
export type SendFailure = ChatError & { conversationId: string; text: string; stored: boolean };

function mergeMessages(existing: ChatMessage[], added: ChatMessage[]): ChatMessage[] {
  const ids = new Set(existing.map((m) => m.id));
  return [...existing, ...added.filter((m) => !ids.has(m.id))];
}

/**
 * Sends messages and follows their streamed answers. The conversation's cached detail is updated in place (the
 * model badge on an auto-switch at the start, both stored messages and the serving model at the end), so the
 * view never waits for a refetch; the list is refetched for its order and models.
 */
export function useSendMessage() {
  const queryClient = useQueryClient();
  const [pending, setPending] = React.useState<PendingExchange | null>(null);
  const [failure, setFailure] = React.useState<SendFailure | null>(null);
  const [notes, setNotes] = React.useState<ExchangeNote[]>([]);
  const controller = React.useRef<AbortController | null>(null);

  // Leaving the page stops reading; the server still stores the answer, so it is there on return.
  React.useEffect(() => () => controller.current?.abort(), []);

  const patchDetail = React.useCallback(
    (id: string, patch: (d: ConversationDetail) => ConversationDetail) => {
      queryClient.setQueryData<ConversationDetail>(queryKeys.conversations.detail(id), (d) => (d ? patch(d) : d));
    },
    [queryClient],
  );

  const send = React.useCallback(
    async (conversationId: string, text: string) => {
      controller.current?.abort();
      const abort = new AbortController();
      controller.current = abort;
      setFailure(null);
      setPending({ conversationId, userText: text, userMessage: null, model: null, text: "" });
      let stored = false;

      await streamMessage(
        conversationId,
        text,
        {
          onMeta: (meta) => {
            stored = true;
            setPending((p) => (p ? { ...p, userMessage: meta.userMessage, model: meta.model } : p));
            if (meta.autoSwitch) {
              const info = meta.autoSwitch;
              setNotes((n) => [...n, { kind: "auto", conversationId, afterMessageId: meta.userMessage.id, info }]);
              patchDetail(conversationId, (d) => ({ ...d, model: meta.model }));
            }
          },
          onText: (delta) => setPending((p) => (p ? { ...p, text: p.text + delta } : p)),
          onDone: (r) => {
            if (r.fallback) {
              const info = r.fallback;
              setNotes((n) => [...n, { kind: "fallback", conversationId, afterMessageId: r.userMessage.id, info }]);
            }
            patchDetail(conversationId, (d) => ({
              ...d,
              model: r.servingModel,
              messages: mergeMessages(d.messages, [r.userMessage, r.assistantMessage]),
              updatedAt: r.assistantMessage.createdAt,
            }));
            setPending(null);
            void queryClient.invalidateQueries({ queryKey: queryKeys.conversations.detail(conversationId) });
            void queryClient.invalidateQueries({ queryKey: queryKeys.conversations.list() });
          },
          onError: (e) => {
            setPending(null);
            setFailure({ ...e, conversationId, text, stored });
            // A message stored before the call failed shows from the server.
            void queryClient.invalidateQueries({ queryKey: queryKeys.conversations.detail(conversationId) });
            void queryClient.invalidateQueries({ queryKey: queryKeys.conversations.list() });
          },
        },
        abort.signal,
      );
      if (controller.current === abort) controller.current = null;
    },
    [patchDetail, queryClient],
  );

  const dismissFailure = React.useCallback(() => setFailure(null), []);
  return React.useMemo(() => ({ send, pending, failure, notes, dismissFailure }), [send, pending, failure, notes, dismissFailure]);
}
