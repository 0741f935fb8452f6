"use client";

import * as React from "react";
import { ArrowUp, LoaderCircle } from "lucide-react";
import { Button } from "@/components/ui/button";
import { cn } from "@/lib/utils";

/** Mirrors MESSAGE_MAX_CHARS of server/chat/send-message.ts (a client module cannot import that value). */
export const MESSAGE_MAX_CHARS = 8000;

type ComposerProps = {
  value: string;
  onChange: (value: string) => void;
  onSubmit: () => void;
  /** While an answer streams: typing ahead is fine, sending is not. */
  busy: boolean;
  placeholder?: string;
  autoFocus?: boolean;
  textareaRef?: React.Ref<HTMLTextAreaElement>;
  /** Extra content under the textarea (hints, errors). */
  hint?: React.ReactNode;
  className?: string;
};

/** The message box: Enter sends, Shift+Enter adds a line; the Send button is off while empty or busy. */
export function Composer({ value, onChange, onSubmit, busy, placeholder, autoFocus, textareaRef, hint, className }: ComposerProps) {
  const id = React.useId();
  const hintId = `${id}-hint`;
  const tooLong = value.length > MESSAGE_MAX_CHARS;
  const canSend = !busy && value.trim().length > 0 && !tooLong;

  const submit = (e?: React.FormEvent) => {
    e?.preventDefault();
    if (canSend) onSubmit();
  };

  return (
    <form onSubmit={submit} className={cn("flex flex-col gap-1.5", className)} aria-busy={busy}>
      <label htmlFor={id} className="sr-only">
        Message
      </label>
      <div
        className={cn(
          "flex items-end gap-2 rounded-xl border border-input bg-background p-2 shadow-xs transition-[color,box-shadow] dark:bg-input/30",
          "focus-within:border-ring focus-within:ring-[3px] focus-within:ring-ring/50",
          tooLong && "border-destructive ring-destructive/20",
        )}
      >
        <textarea
          id={id}
          ref={textareaRef}
          value={value}
          onChange={(e) => onChange(e.target.value)}
          onKeyDown={(e) => {
            // Enter while composing (IME) confirms the composition; it must not send half a word.
            if (e.key === "Enter" && !e.shiftKey && !e.nativeEvent.isComposing) {
              e.preventDefault();
              submit();
            }
          }}
          rows={1}
          placeholder={placeholder ?? "Write a message…"}
          // biome-ignore lint/a11y/noAutofocus: only where the caller asks (a new, empty conversation), where writing is the one next step.
          autoFocus={autoFocus}
          aria-describedby={hintId}
          aria-invalid={tooLong || undefined}
          className="field-sizing-content max-h-48 min-h-9 flex-1 resize-none bg-transparent px-2 py-1.5 text-base outline-none placeholder:text-muted-foreground md:text-sm"
        />
        <Button type="submit" size="sm" disabled={!canSend} className="h-9 shrink-0">
          {busy ? <LoaderCircle aria-hidden="true" className="animate-spin" /> : <ArrowUp aria-hidden="true" />}
          Send
        </Button>
      </div>
      <div id={hintId} className="flex flex-wrap items-center justify-between gap-2 px-1 text-xs text-muted-foreground">
        <span>{hint ?? "Enter sends, Shift+Enter adds a line."}</span>
        {value.length > MESSAGE_MAX_CHARS * 0.8 ? (
          <span className={cn("tabular-nums", tooLong && "font-medium text-destructive")}>
            {value.length.toLocaleString("en-US")} / {MESSAGE_MAX_CHARS.toLocaleString("en-US")}
          </span>
        ) : null}
      </div>
    </form>
  );
}
