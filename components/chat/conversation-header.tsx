import Link from "next/link";
import { Archive, ChevronLeft, Cpu } from "lucide-react";
import { labelForUseCase } from "@/lib/labels";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ArchiveButton } from "./archive-button";
import { ChangeModel } from "./change-model";
import type { ConversationDetail } from "./chat-api";

type ConversationHeaderProps = {
  conversation: ConversationDetail;
  /** The signed-in role may switch its own conversations (end users and admins). */
  canSwitch: boolean;
  busy: boolean;
};

/** Why "Change model" is not offered here, or null where it is. */
export function changeModelUnavailable(
  conversation: Pick<ConversationDetail, "archivedAt" | "allowUserChoice" | "useCase">,
  canSwitch: boolean,
): string | null {
  if (conversation.archivedAt) return "Archived: the model stays as it was.";
  if (!canSwitch) return "Your role cannot change models.";
  if (!conversation.allowUserChoice) return `The ${labelForUseCase(conversation.useCase).toLowerCase()} use case sets the model for everyone.`;
  return null;
}

/**
 * Title, use case and the model that serves the conversation now, with "Change model" where the policy allows it and
 * a short sentence saying why where it does not.
 */
export function ConversationHeader({ conversation, canSwitch, busy }: ConversationHeaderProps) {
  const unavailable = changeModelUnavailable(conversation, canSwitch);
  return (
    <div className="flex flex-wrap items-center gap-x-4 gap-y-2 border-b px-4 py-3 md:px-6">
      <Button variant="ghost" size="icon-sm" asChild className="md:hidden">
        <Link href="/chat" aria-label="All conversations">
          <ChevronLeft aria-hidden="true" />
        </Link>
      </Button>
      <div className="flex min-w-0 flex-1 flex-col gap-1">
        <div className="flex min-w-0 items-center gap-2">
          <h1 className="truncate text-base font-semibold tracking-tight" title={conversation.title}>
            {conversation.title}
          </h1>
          {conversation.archivedAt ? (
            <Badge variant="outline" className="shrink-0" data-testid="archived-badge">
              <Archive aria-hidden="true" />
              Archived
            </Badge>
          ) : null}
        </div>
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
      {unavailable ? (
        <p className="max-w-56 text-xs text-muted-foreground" data-testid="change-model-unavailable">
          {unavailable}
        </p>
      ) : (
        <ChangeModel conversation={conversation} disabled={busy} />
      )}
      {conversation.archivedAt ? null : <ArchiveButton conversationId={conversation.id} archived={false} disabled={busy} />}
    </div>
  );
}
