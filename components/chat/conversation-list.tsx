"use client";

import Link, { useLinkStatus } from "next/link";
import { LoaderCircle, Plus } from "lucide-react";
import { labelForUseCase } from "@/lib/labels";
import { Button } from "@/components/ui/button";
import { cn } from "@/lib/utils";
import type { ConversationSummary } from "./chat-api";

type ConversationListProps = {
  conversations: ConversationSummary[];
  activeId: string | null;
  className?: string;
};

/** The signed-in user's conversations, newest activity first, each with its use case and current model. */
export function ConversationList({ conversations, activeId, className }: ConversationListProps) {
  return (
    <nav aria-label="Conversations" className={cn("flex min-h-0 flex-col", className)}>
      <div className="flex items-center justify-between gap-2 px-3 pt-3 pb-2">
        <h2 className="px-1 text-sm font-semibold">Conversations</h2>
        <Button asChild size="sm" variant={activeId === null ? "secondary" : "outline"}>
          <Link href="/chat" aria-current={activeId === null ? "page" : undefined}>
            <Plus aria-hidden="true" />
            New conversation
          </Link>
        </Button>
      </div>
      {conversations.length === 0 ? (
        <p className="px-4 py-6 text-sm text-muted-foreground">No conversations yet. Start one with your first message.</p>
      ) : (
        <ul className="flex min-h-0 flex-1 flex-col gap-0.5 overflow-y-auto px-2 pb-3">
          {conversations.map((c) => {
            const active = c.id === activeId;
            return (
              <li key={c.id}>
                <Link
                  href={`/chat/${c.id}`}
                  aria-current={active ? "page" : undefined}
                  data-conversation-id={c.id}
                  className={cn(
                    "flex flex-col gap-1 rounded-md px-3 py-2 text-sm outline-none transition-colors",
                    "hover:bg-accent hover:text-accent-foreground focus-visible:ring-[3px] focus-visible:ring-ring/50",
                    active && "bg-accent text-accent-foreground",
                  )}
                >
                  <span className="flex items-center gap-2">
                    <span className={cn("min-w-0 flex-1 truncate", active ? "font-semibold" : "font-medium")}>{c.title}</span>
                    <PendingMark />
                  </span>
                  <span className="flex min-w-0 items-center gap-1.5 text-xs text-muted-foreground">
                    <span className="shrink-0 rounded border px-1.5 py-px text-[11px] leading-4">{labelForUseCase(c.useCase)}</span>
                    <span className="truncate">{c.model.name}</span>
                    {c.archivedAt ? <span className="ml-auto shrink-0">Archived</span> : null}
                  </span>
                </Link>
              </li>
            );
          })}
        </ul>
      )}
    </nav>
  );
}

/** A spinner on the conversation being opened, while the server loads it (useLinkStatus reads the enclosing Link). */
function PendingMark() {
  const { pending } = useLinkStatus();
  return pending ? <LoaderCircle aria-label="Opening…" className="size-3.5 shrink-0 animate-spin text-muted-foreground" /> : null;
}
