"use client";

import { useQuery } from "@tanstack/react-query";
import { queryKeys } from "@/lib/query-keys";
import { ChatRequestError, fetchConversation, type ConversationDetail } from "./chat-api";

const FINAL = new Set(["not_found", "unauthorized", "forbidden"]);

/**
 * One conversation (its serving model, policy flag and last messages). The server render seeds it; the realtime
 * provider invalidates this key when a switch changes the conversation's model, so the badge follows live.
 */
export function useConversation(id: string | null, initial?: ConversationDetail | null) {
  return useQuery({
    queryKey: queryKeys.conversations.detail(id ?? ""),
    queryFn: () => fetchConversation(id!),
    enabled: id !== null,
    initialData: initial && initial.id === id ? initial : undefined,
    // A missing conversation or an ended session will not come back by asking again.
    retry: (failures, error) => failures < 2 && !(error instanceof ChatRequestError && FINAL.has(error.code)),
  });
}
