import Link from "next/link";
import { ChevronLeft, Cpu } from "lucide-react";
import { labelForUseCase } from "@/lib/labels";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ChangeModel } from "./change-model";
import type { ConversationDetail } from "./chat-api";

type ConversationHeaderProps = {
  conversation: ConversationDetail;
  /** The signed-in role may switch its own conversations (end users and admins). */
  canSwitch: boolean;
  busy: boolean;
};

/** Title, use case and the model that serves the conversation now, with "Change model" where the policy allows it. */
export function ConversationHeader({ conversation, canSwitch, busy }: ConversationHeaderProps) {
  return (
    <div className="flex flex-wrap items-center gap-x-4 gap-y-2 border-b px-4 py-3 md:px-6">
      <Button variant="ghost" size="icon-sm" asChild className="md:hidden">
        <Link href="/chat" aria-label="All conversations">
          <ChevronLeft aria-hidden="true" />
        </Link>
      </Button>
      <div className="flex min-w-0 flex-1 flex-col gap-1">
        <h1 className="truncate text-base font-semibold tracking-tight" title={conversation.title}>
          {conversation.title}
        </h1>
        <div className="flex flex-wrap items-center gap-2 text-xs text-muted-foreground">
          <Badge variant="outline" title={conversation.useCaseDescription || undefined} data-testid="conversation-use-case">
            {labelForUseCase(conversation.useCase)}
          </Badge>
          <span className="inline-flex items-center gap-1.5">
            <Cpu aria-hidden="true" className="size-3.5" />
            <span id={`model-label-${conversation.id}`}>Model</span>
            <Badge
              variant="secondary"
              data-testid="current-model-badge"
              data-model-id={conversation.model.modelId}
              aria-labelledby={`model-label-${conversation.id} model-name-${conversation.id}`}
              title={conversation.model.modelId}
              className="font-semibold transition-colors"
            >
              <span id={`model-name-${conversation.id}`}>{conversation.model.name}</span>
            </Badge>
          </span>
          <span className="hidden sm:inline">{conversation.overrideModelId ? "set for this conversation" : `follows the ${conversation.useCase} default`}</span>
        </div>
      </div>
      {canSwitch && conversation.allowUserChoice ? <ChangeModel conversation={conversation} disabled={busy} /> : null}
    </div>
  );
}
