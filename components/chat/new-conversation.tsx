"use client";

import * as React from "react";
import { useRouter } from "next/navigation";
import { Sparkles } from "lucide-react";
import { createConversationAction } from "@/actions/chat";
import { labelForUseCase } from "@/lib/labels";
import { InlineAlert } from "@/components/switching/inline-alert";
import { Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";
import type { UseCaseOption } from "./chat-api";
import { useChatSession } from "./chat-session";
import { Composer } from "./composer";

/**
 * Start a conversation: in a chosen use case, or one detected from the first message (the default). The first
 * message then goes through the same streaming path as every other; its answer follows the page to the new URL.
 */
export function NewConversation({ useCases }: { useCases: UseCaseOption[] }) {
  const router = useRouter();
  const { startConversation } = useChatSession();
  const selectId = React.useId();
  const [useCase, setUseCase] = React.useState("");
  const [draft, setDraft] = React.useState("");
  const [pending, setPending] = React.useState(false);
  const [error, setError] = React.useState<string | null>(null);
  const chosen = useCases.find((u) => u.name === useCase);

  const submit = async () => {
    const text = draft.trim();
    if (!text || pending) return;
    setPending(true);
    setError(null);
    try {
      const result = await createConversationAction({ useCase, firstMessage: text });
      if (!result.ok) {
        setError(Object.values(result.fieldErrors ?? {})[0] ?? result.error);
        return;
      }
      startConversation(result.data, text);
      router.push(`/chat/${result.data.conversation.id}`);
    } catch {
      setError("The server could not be reached. Check the connection and try again.");
    } finally {
      setPending(false);
    }
  };

  return (
    <div className="flex flex-1 flex-col justify-center overflow-y-auto">
      <div className="mx-auto flex w-full max-w-2xl flex-col gap-6 px-4 py-8 md:px-6">
        <div className="flex flex-col items-center gap-3 text-center">
          <div aria-hidden="true" className="flex size-11 items-center justify-center rounded-full bg-muted text-muted-foreground">
            <Sparkles className="size-5" />
          </div>
          <h1 className="text-2xl font-semibold tracking-tight">New conversation</h1>
          <p className="max-w-md text-sm text-muted-foreground">
            Ask anything. Switchboard routes the conversation to the model its use case calls for, and tells you when that model changes.
          </p>
        </div>
        <div className="flex flex-col gap-2">
          <Label htmlFor={selectId}>Use case</Label>
          <Select id={selectId} value={useCase} onChange={(e) => setUseCase(e.target.value)} disabled={pending}>
            <option value="">Detect from my first message</option>
            {useCases.map((u) => (
              <option key={u.name} value={u.name}>
                {labelForUseCase(u.name)}
              </option>
            ))}
          </Select>
          <p className="text-xs text-muted-foreground" aria-live="polite">
            {chosen
              ? chosen.description || `Messages go to the ${chosen.name} model.`
              : "Your first message decides the use case (clinical, health, operations…); when it is not clear, the conversation is general."}
          </p>
        </div>
        {error ? (
          <InlineAlert tone="error" title="The conversation was not started.">
            <p>{error}</p>
          </InlineAlert>
        ) : null}
        <Composer value={draft} onChange={setDraft} onSubmit={() => void submit()} busy={pending} autoFocus placeholder="Write your first message…" />
      </div>
    </div>
  );
}
