"use client";

import * as React from "react";
import { ArrowRightLeft } from "lucide-react";
import { useQueryClient } from "@tanstack/react-query";
import { loadConversationCandidatesAction, switchConversationModelAction } from "@/actions/chat";
import { SwitchModelFlow } from "@/components/switching/switch-model-flow";
import { Button } from "@/components/ui/button";
import { queryKeys } from "@/lib/query-keys";
import type { ConversationDetail } from "./chat-api";

/**
 * "Change model" for the owner of a conversation whose use case lets users choose: the shared selection and
 * confirmation dialogs, wired to the chat's own actions. The badge follows from the cache update and the realtime
 * event the switch publishes.
 */
export function ChangeModel({ conversation, disabled }: { conversation: ConversationDetail; disabled?: boolean }) {
  const [open, setOpen] = React.useState(false);
  const queryClient = useQueryClient();
  const id = conversation.id;

  const refresh = React.useCallback(() => {
    void queryClient.invalidateQueries({ queryKey: queryKeys.conversations.detail(id) });
    void queryClient.invalidateQueries({ queryKey: queryKeys.conversations.list() });
  }, [queryClient, id]);

  return (
    <>
      <Button variant="outline" size="sm" onClick={() => setOpen(true)} disabled={disabled} title="Change model">
        <ArrowRightLeft aria-hidden="true" />
        <span className="sr-only sm:not-sr-only">Change model</span>
      </Button>
      <SwitchModelFlow
        open={open}
        onOpenChange={setOpen}
        scope={{ useCase: conversation.useCase, conversationId: id }}
        scopeLabel="this conversation"
        currentModelId={conversation.model.modelId}
        loadCandidates={() => loadConversationCandidatesAction({ conversationId: id })}
        submit={(request) =>
          switchConversationModelAction({
            conversationId: id,
            modelId: request.modelId,
            expectedCurrentModelId: request.expectedCurrentModelId,
            reason: request.reason,
          })
        }
        onSwitched={(data, to) => {
          queryClient.setQueryData<ConversationDetail>(queryKeys.conversations.detail(id), (d) =>
            d ? { ...d, model: { modelId: to.modelId, name: data.notification?.modelName ?? to.name, provider: to.provider }, overrideModelId: to.modelId } : d,
          );
          refresh();
        }}
        onStale={refresh}
      />
    </>
  );
}
