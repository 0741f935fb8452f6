"use client";

import { useQuery } from "@tanstack/react-query";
import { queryKeys } from "@/lib/query-keys";
import { fetchConversations, type ConversationSummary } from "./chat-api";

/** The signed-in user's conversations with their serving model; seeded by the server render, refetched on change. */
export function useConversations(initial: ConversationSummary[]) {
  return useQuery({
    queryKey: queryKeys.conversations.list(),
    queryFn: fetchConversations,
    initialData: initial,
  });
}
