"use client";

import { usePathname } from "next/navigation";
import { cn } from "@/lib/utils";
import type { ConversationSummary } from "./chat-api";
import { ChatSessionProvider } from "./chat-session";
import { ConversationList } from "./conversation-list";
import { useConversations } from "./use-conversations";

export function conversationIdFrom(pathname: string | null): string | null {
  const match = pathname?.match(/^\/chat\/([^/?#]+)/);
  return match ? decodeURIComponent(match[1]!) : null;
}

/**
 * The chat's frame, kept across its pages: the list of one's conversations beside the open one (or the
 * new-conversation form). On a phone the list and the conversation take turns.
 */
export function ChatShell({ initialConversations, children }: { initialConversations: ConversationSummary[]; children: React.ReactNode }) {
  const activeId = conversationIdFrom(usePathname());
  const { data: conversations } = useConversations(initialConversations);
  return (
    <ChatSessionProvider>
      <div className="flex h-[calc(100dvh-6.5rem)] min-h-[30rem] flex-col overflow-hidden rounded-xl border bg-background shadow-sm md:flex-row">
        <ConversationList
          conversations={conversations}
          activeId={activeId}
          className={cn(
            "border-b bg-sidebar text-sidebar-foreground md:w-72 md:shrink-0 md:border-r md:border-b-0",
            activeId ? "hidden md:flex" : "max-h-[40%] md:max-h-none",
          )}
        />
        <section aria-label={activeId ? "Conversation" : "New conversation"} className="flex min-h-0 min-w-0 flex-1 flex-col">
          {children}
        </section>
      </div>
    </ChatSessionProvider>
  );
}
