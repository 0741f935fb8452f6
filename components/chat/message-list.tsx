"use client";

import * as React from "react";
import { MessageSquareText } from "lucide-react";
import type { ChatMessage } from "./chat-api";
import { ExchangeNoteLine } from "./exchange-note";
import { MessageBubble } from "./message-bubble";
import type { ExchangeNote, PendingExchange } from "./use-send-message";

type MessageListProps = {
  messages: ChatMessage[];
  pending: PendingExchange | null;
  notes: ExchangeNote[];
  hasEarlierMessages: boolean;
  emptyHint: React.ReactNode;
};

/** How close to the bottom (px) still counts as "following the conversation". */
const STICK_DISTANCE = 120;

/**
 * The conversation as a log: stored messages, then the exchange in flight. It follows new text while the reader is at
 * the bottom and leaves them alone when they scrolled up to read. A screen reader hears each finished message once:
 * the log is busy while an answer streams.
 */
export function MessageList({ messages, pending, notes, hasEarlierMessages, emptyHint }: MessageListProps) {
  const scroller = React.useRef<HTMLElement>(null);
  const stick = React.useRef(true);

  const pendingUserStored = pending?.userMessage ? messages.some((m) => m.id === pending.userMessage!.id) : false;
  const notesAfter = (id: string | undefined) => (id ? notes.filter((n) => n.afterMessageId === id) : []);

  // Sending a message always brings the reader down to it.
  const sending = pending !== null;
  React.useLayoutEffect(() => {
    if (sending) stick.current = true;
  }, [sending]);

  // After every render (new messages, streamed text, notes): keep a reader who was at the bottom at the bottom.
  React.useLayoutEffect(() => {
    const el = scroller.current;
    if (el && stick.current) el.scrollTop = el.scrollHeight;
  });

  const empty = messages.length === 0 && !pending;

  return (
    <section
      ref={scroller}
      onScroll={(e) => {
        const el = e.currentTarget;
        stick.current = el.scrollHeight - el.scrollTop - el.clientHeight < STICK_DISTANCE;
      }}
      className="min-h-0 flex-1 overflow-y-auto overscroll-contain outline-none focus-visible:ring-[3px] focus-visible:ring-inset focus-visible:ring-ring/50"
      aria-label="Messages"
      // biome-ignore lint/a11y/noNoninteractiveTabindex: keyboard users scroll the conversation here (the messages hold nothing else to focus).
      tabIndex={0}
    >
      {empty ? (
        <div className="flex h-full flex-col items-center justify-center gap-3 p-8 text-center">
          <div aria-hidden="true" className="flex size-10 items-center justify-center rounded-full bg-muted text-muted-foreground">
            <MessageSquareText className="size-5" />
          </div>
          <p className="max-w-sm text-sm text-muted-foreground">{emptyHint}</p>
        </div>
      ) : (
        // The log region wraps the list (a list given role="log" stops being a list, and its items lose their parent).
        <div role="log" aria-live="polite" aria-relevant="additions" aria-busy={pending ? true : undefined} aria-label="Conversation history">
          <ol className="mx-auto flex w-full max-w-3xl flex-col gap-5 px-4 py-6 md:px-6">
            {hasEarlierMessages ? (
              <li className="text-center text-xs text-muted-foreground">Earlier messages are not shown: this view keeps the last 200.</li>
            ) : null}
            {messages.map((m) => (
              <React.Fragment key={m.id}>
                <MessageBubble author={m.role} content={m.content} model={m.model} createdAt={m.createdAt} />
                {notesAfter(m.id).map((n) => (
                  <ExchangeNoteLine key={`${n.kind}-${n.afterMessageId}`} note={n} />
                ))}
              </React.Fragment>
            ))}
            {pending ? (
              <>
                {!pendingUserStored ? (
                  <>
                    <MessageBubble author="user" content={pending.userText} />
                    {notesAfter(pending.userMessage?.id).map((n) => (
                      <ExchangeNoteLine key={`${n.kind}-${n.afterMessageId}`} note={n} />
                    ))}
                  </>
                ) : null}
                <MessageBubble author="assistant" content={pending.text} model={pending.model} streaming />
              </>
            ) : null}
          </ol>
        </div>
      )}
    </section>
  );
}
