import { Bot } from "lucide-react";
import { formatDateTime } from "@/lib/format";
import { cn } from "@/lib/utils";
import type { ChatModel } from "./chat-api";

type MessageBubbleProps = {
  author: "user" | "assistant";
  content: string;
  /** The model that answered (assistant messages). */
  model?: ChatModel | null;
  createdAt?: string;
  /** The answer is still arriving. */
  streaming?: boolean;
};

/** One message: the user's on the right, the assistant's on the left with the model that answered it. */
export function MessageBubble({ author, content, model, createdAt, streaming }: MessageBubbleProps) {
  if (author === "user") {
    return (
      <li className="flex justify-end" data-role="user">
        <div
          className="max-w-[85%] rounded-2xl rounded-br-md bg-primary px-4 py-2.5 text-sm whitespace-pre-wrap break-words text-primary-foreground shadow-xs"
          title={createdAt ? formatDateTime(createdAt) : undefined}
        >
          <span className="sr-only">You: </span>
          {content}
        </div>
      </li>
    );
  }
  return (
    <li className="flex gap-3" data-role="assistant" data-model-id={model?.modelId} aria-busy={streaming || undefined}>
      <div aria-hidden="true" className="mt-0.5 flex size-7 shrink-0 items-center justify-center rounded-full border bg-muted text-muted-foreground">
        <Bot className="size-4" />
      </div>
      <div className="flex min-w-0 max-w-[85%] flex-col gap-1">
        <p className="text-xs font-medium text-muted-foreground">
          <span data-testid="message-model">{model ? model.name : "Assistant"}</span>
          {createdAt ? <span className="sr-only"> at {formatDateTime(createdAt)}</span> : null}
        </p>
        <div
          className={cn("rounded-2xl rounded-tl-md border bg-card px-4 py-2.5 text-sm whitespace-pre-wrap break-words text-card-foreground shadow-xs")}
          title={createdAt ? formatDateTime(createdAt) : undefined}
        >
          {content ? content : streaming ? <ThinkingDots /> : null}
          {streaming && content ? (
            <span aria-hidden="true" className="ml-0.5 inline-block h-4 w-1.5 translate-y-0.5 animate-pulse rounded-sm bg-foreground/60" />
          ) : null}
        </div>
      </div>
    </li>
  );
}

function ThinkingDots() {
  return (
    <span className="inline-flex items-center gap-1 py-1" role="status">
      <span className="sr-only">Thinking…</span>
      {[0, 150, 300].map((delay) => (
        <span key={delay} aria-hidden="true" className="size-1.5 animate-bounce rounded-full bg-muted-foreground/70" style={{ animationDelay: `${delay}ms` }} />
      ))}
    </span>
  );
}
