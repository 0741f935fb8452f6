"use client";

import * as React from "react";
import Link from "next/link";
import { Archive, MessageSquareOff, X } from "lucide-react";
import { formatDate } from "@/lib/format";
import { InlineAlert } from "@/components/switching/inline-alert";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Skeleton } from "@/components/ui/skeleton";
import type { ConversationDetail } from "./chat-api";
import { ArchiveButton } from "./archive-button";
import { Composer } from "./composer";
import { ConversationHeader } from "./conversation-header";
import { MessageList } from "./message-list";
import { creationNoticeText, useChatSession } from "./chat-session";
import { useConversation } from "./use-conversation";

type ConversationViewProps = {
  id: string;
  initial: ConversationDetail | null;
  /** The signed-in role may switch its own conversations (end users and admins). */
  canSwitch: boolean;
};

/** One conversation: header with the model badge, the messages, and the composer that streams the answer. */
export function ConversationView({ id, initial, canSwitch }: ConversationViewProps) {
  const { data, error } = useConversation(id, initial);
  const session = useChatSession();
  const { sender } = session;
  const notice = session.notice?.conversationId === id ? session.notice : null;
  const [draft, setDraft] = React.useState("");
  const textarea = React.useRef<HTMLTextAreaElement>(null);
  const pending = sender.pending?.conversationId === id ? sender.pending : null;
  const busy = sender.pending !== null;
  const failure = sender.failure?.conversationId === id ? sender.failure : null;

  // A message that never reached the server goes back into the box, so nothing typed is lost.
  React.useEffect(() => {
    if (failure && !failure.stored) setDraft((d) => (d.trim() ? d : failure.text));
  }, [failure]);

  if (!data) {
    if (error) {
      return (
        <div className="flex flex-1 items-center justify-center p-6">
          <EmptyState
            icon={<MessageSquareOff />}
            title="This conversation cannot be shown"
            description={error.message}
            action={
              <Button asChild variant="outline" size="sm">
                <Link href="/chat">Start a new conversation</Link>
              </Button>
            }
          />
        </div>
      );
    }
    return <ConversationSkeleton />;
  }

  const send = () => {
    const text = draft.trim();
    if (!text || busy) return;
    setDraft("");
    sender.dismissFailure();
    void sender.send(id, text);
    textarea.current?.focus();
  };

  return (
    <div className="flex min-h-0 flex-1 flex-col" data-testid="conversation" data-conversation-id={id}>
      <ConversationHeader conversation={data} canSwitch={canSwitch} busy={busy} />
      {notice ? (
        <div className="flex items-center justify-between gap-2 border-b bg-muted/40 px-4 py-2 text-xs text-muted-foreground md:px-6" role="status">
          <span data-testid="creation-notice">{creationNoticeText(notice, data)}</span>
          <Button variant="ghost" size="icon-sm" className="size-6" onClick={session.dismissNotice} aria-label="Dismiss">
            <X aria-hidden="true" />
          </Button>
        </div>
      ) : null}
      <MessageList
        messages={data.messages}
        pending={pending}
        notes={sender.notes.filter((n) => n.conversationId === id)}
        hasEarlierMessages={data.hasEarlierMessages}
        emptyHint={`Nothing here yet. Your first message goes to ${data.model.name}.`}
      />
      {data.archivedAt ? (
        <div className="mx-auto w-full max-w-3xl px-4 pt-2 pb-4 md:px-6">
          <div role="note" data-testid="archived-note" className="flex flex-wrap items-center gap-x-3 gap-y-2 rounded-xl border bg-muted/40 p-3 text-sm">
            <Archive aria-hidden="true" className="size-4 shrink-0 text-muted-foreground" />
            <p className="min-w-0 flex-1">
              <strong className="font-semibold">Archived on {formatDate(data.archivedAt)}.</strong> This conversation is read-only: it takes no new messages and
              keeps its model.
            </p>
            <ArchiveButton conversationId={data.id} archived />
            <Button asChild variant="outline" size="sm">
              <Link href="/chat">Start a new conversation</Link>
            </Button>
          </div>
        </div>
      ) : (
        <div className="mx-auto flex w-full max-w-3xl flex-col gap-2 px-4 pt-2 pb-4 md:px-6">
          {failure ? (
            <InlineAlert
              tone="error"
              title={failure.stored ? "Your message was saved, but no answer came back." : "The message was not sent."}
              action={
                <>
                  {failure.stored ? (
                    <Button size="sm" variant="outline" disabled={busy} onClick={() => void sender.send(id, failure.text)}>
                      Try again
                    </Button>
                  ) : null}
                  <Button size="sm" variant="ghost" onClick={sender.dismissFailure}>
                    Dismiss
                  </Button>
                </>
              }
            >
              <p>{failure.message}</p>
            </InlineAlert>
          ) : null}
          <Composer
            value={draft}
            onChange={setDraft}
            onSubmit={send}
            busy={busy}
            textareaRef={textarea}
            autoFocus
            placeholder={`Message ${data.model.name}…`}
            hint={pending ? `${pending.model?.name ?? "The model"} is answering…` : busy ? "Waiting for the answer in another conversation…" : undefined}
          />
        </div>
      )}
    </div>
  );
}

export function ConversationSkeleton() {
  return (
    <div role="status" className="flex flex-1 flex-col" aria-busy="true" aria-label="Loading the conversation">
      <div className="flex flex-col gap-2 border-b px-4 py-3 md:px-6">
        <Skeleton className="h-5 w-64" />
        <Skeleton className="h-4 w-80" />
      </div>
      <div className="mx-auto flex w-full max-w-3xl flex-1 flex-col gap-5 px-4 py-6 md:px-6">
        <Skeleton className="ml-auto h-10 w-2/3 rounded-2xl" />
        <Skeleton className="h-20 w-3/4 rounded-2xl" />
        <Skeleton className="ml-auto h-10 w-1/2 rounded-2xl" />
      </div>
      <div className="mx-auto w-full max-w-3xl px-4 pb-4 md:px-6">
        <Skeleton className="h-14 w-full rounded-xl" />
      </div>
    </div>
  );
}
