"use client";

import * as React from "react";
import { useQueryClient } from "@tanstack/react-query";
import { Archive, ArchiveRestore, LoaderCircle } from "lucide-react";
import { setConversationArchivedAction } from "@/actions/chat";
import { Button } from "@/components/ui/button";
import { useAction } from "@/components/use-action";
import { queryKeys } from "@/lib/query-keys";

/**
 * "Archive" (the conversation becomes read-only) or "Unarchive" (it takes messages again), for the conversation's
 * owner. A failure is said next to the button; nothing changes then.
 */
export function ArchiveButton({ conversationId, archived, disabled }: { conversationId: string; archived: boolean; disabled?: boolean }) {
  const queryClient = useQueryClient();
  const [error, setError] = React.useState<string | null>(null);
  const { run, pending } = useAction(setConversationArchivedAction, {
    unreachableMessage: "The server could not be reached. Nothing changed; try again.",
  });
  const toggle = async () => {
    setError(null);
    const result = await run({ conversationId, archived: !archived });
    if (!result.ok) {
      setError(result.error);
      return;
    }
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: queryKeys.conversations.detail(conversationId) }),
      queryClient.invalidateQueries({ queryKey: queryKeys.conversations.list() }),
    ]);
  };
  const Icon = pending ? LoaderCircle : archived ? ArchiveRestore : Archive;
  return (
    <span className="inline-flex flex-wrap items-center gap-2">
      <Button type="button" variant="outline" size="sm" onClick={() => void toggle()} disabled={disabled || pending} title={archived ? "Unarchive" : "Archive"}>
        <Icon aria-hidden="true" className={pending ? "animate-spin" : undefined} />
        <span className={archived ? undefined : "sr-only sm:not-sr-only"}>{archived ? "Unarchive" : "Archive"}</span>
      </Button>
      {error ? (
        <span role="alert" className="text-xs text-destructive">
          {error}
        </span>
      ) : null}
    </span>
  );
}
