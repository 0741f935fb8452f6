"use client";

// The toast for one model switch: auto green, manual blue, fallback amber (colours from --toast-auto/-manual/-fallback),
// with the title, the model now in use and the reason. Sonner removes it after five seconds, pauses while the pointer
// is over the toaster (or the tab is hidden), and renders it inside its aria-live="polite" region, so screen readers
// announce it. On the viewer's own conversation it offers "Switch back".
//
// Test selectors: [data-testid="switch-toast"] with data-type="auto|manual|fallback" and data-switch-id="<id>";
// the button is role "button" named "Switch back" ([data-testid="switch-back"]).
import * as React from "react";
import { ArrowLeftRight, Loader2, RefreshCw, TriangleAlert, X, Zap } from "lucide-react";
import { toast } from "sonner";
import type { RealtimeSwitchEvent, SwitchToastType } from "@/lib/realtime-event";
import { cn } from "@/lib/utils";

export const SWITCH_TOAST_DURATION_MS = 5_000;

const STYLE: Record<SwitchToastType, { label: string; icon: typeof Zap; accent: string; tint: string; text: string }> = {
  auto: { label: "Auto-switch", icon: Zap, accent: "border-l-toast-auto", tint: "bg-toast-auto/10", text: "text-toast-auto" },
  manual: { label: "Manual switch", icon: ArrowLeftRight, accent: "border-l-toast-manual", tint: "bg-toast-manual/10", text: "text-toast-manual" },
  fallback: { label: "Fallback", icon: TriangleAlert, accent: "border-l-toast-fallback", tint: "bg-toast-fallback/15", text: "text-toast-fallback" },
};

/** How many of the viewer's conversations a toast names before it says "and N more". */
const NAMED_TITLES = 2;

/** "“Sleep and recovery plan”", "“A” and “B”", "“A”, “B” and 3 more": the viewer's own conversations, by title. */
function namedTitles(titles: readonly string[]): string {
  const quoted = titles.slice(0, NAMED_TITLES).map((t) => `“${t}”`);
  const rest = titles.length - quoted.length;
  if (rest > 0) return `${quoted.join(", ")} and ${rest} more`;
  return quoted.length > 1 ? `${quoted.slice(0, -1).join(", ")} and ${quoted.at(-1)}` : (quoted[0] ?? "");
}

/**
 * What changed, in the viewer's terms: their conversation or their use case's conversations, named by title (the
 * server sends the titles of the viewer's own conversations only), or (staff) a scope.
 */
export function scopeSentence(event: RealtimeSwitchEvent): { subject: string; verb: string } {
  const mine = event.affectedConversationIds.length;
  const titles = event.affectedConversationTitles.length === mine ? event.affectedConversationTitles : [];
  const named = titles.length ? ` ${namedTitles(titles)}` : "";
  if (event.scope === "conversation") {
    return mine ? { subject: `Your conversation${named}`, verb: "now uses" } : { subject: `A ${event.useCase} conversation`, verb: "now uses" };
  }
  if (mine && !event.actor) {
    return mine === 1
      ? { subject: `Your ${event.useCase} conversation${named}`, verb: "now uses" }
      : { subject: `Your ${mine} ${event.useCase} conversations${named ? ` (${named.trim()})` : ""}`, verb: "now use" };
  }
  return { subject: `The ${event.useCase} use case`, verb: "now uses" };
}

export function SwitchToast({ toastId, event, onSwitchBack }: { toastId: string | number; event: RealtimeSwitchEvent; onSwitchBack?: () => Promise<void> }) {
  const n = event.notification!;
  const style = STYLE[n.type];
  const Icon = style.icon;
  const [pending, setPending] = React.useState(false);
  const { subject, verb } = scopeSentence(event);
  const reason = event.reason ?? (event.switchType === "fallback" && event.errorCode ? `${event.errorCode}` : null);

  return (
    <div
      data-testid="switch-toast"
      data-type={n.type}
      data-switch-id={event.id}
      data-replayed={event.replayed ? "true" : undefined}
      className={cn(
        "relative flex w-[var(--width,356px)] max-w-full gap-3 rounded-lg border border-l-4 bg-popover p-4 pr-9 text-sm text-popover-foreground shadow-lg",
        style.accent,
      )}
    >
      <div aria-hidden="true" className={cn("flex size-8 shrink-0 items-center justify-center rounded-full", style.tint, style.text)}>
        <Icon className="size-4" />
      </div>
      <div className="flex min-w-0 flex-1 flex-col gap-1">
        <p className="flex flex-wrap items-center gap-x-2 font-medium leading-snug">
          <span data-slot="toast-title">{n.title}</span>
          <span className={cn("rounded px-1.5 py-0.5 text-[11px] font-medium leading-none text-foreground", style.tint)}>{style.label}</span>
        </p>
        <p className="leading-snug" data-slot="toast-model">
          {subject} {verb} <strong className="font-semibold">{n.modelName}</strong>
          {n.previousModelName ? <span className="text-muted-foreground"> instead of {n.previousModelName}</span> : null}.
        </p>
        {reason ? (
          <p className="line-clamp-3 leading-snug text-muted-foreground" title={reason} data-slot="toast-reason">
            Reason: {reason}
          </p>
        ) : null}
        {onSwitchBack && n.previousModelName ? (
          <div className="mt-1.5">
            <button
              type="button"
              data-testid="switch-back"
              disabled={pending}
              onClick={async () => {
                setPending(true);
                try {
                  await onSwitchBack();
                } finally {
                  setPending(false);
                }
              }}
              className="inline-flex h-7 items-center gap-1.5 rounded-md border border-input bg-background px-2.5 text-xs font-medium shadow-xs outline-none transition-colors hover:bg-accent hover:text-accent-foreground focus-visible:ring-[3px] focus-visible:ring-ring/50 disabled:opacity-60"
            >
              {pending ? <Loader2 aria-hidden="true" className="size-3.5 animate-spin" /> : <RefreshCw aria-hidden="true" className="size-3.5" />}
              Switch back
              <span className="sr-only"> to {n.previousModelName}</span>
            </button>
          </div>
        ) : null}
      </div>
      <button
        type="button"
        aria-label="Dismiss notification"
        onClick={() => toast.dismiss(toastId)}
        className="absolute top-2 right-2 inline-flex size-6 items-center justify-center rounded-md text-muted-foreground outline-none hover:bg-accent hover:text-accent-foreground focus-visible:ring-[3px] focus-visible:ring-ring/50"
      >
        <X aria-hidden="true" className="size-3.5" />
      </button>
    </div>
  );
}

/** Shows the toast for a switch (once per switch id: sonner replaces a toast with the same id). */
export function showSwitchToast(event: RealtimeSwitchEvent, opts: { onSwitchBack?: (toastId: string) => Promise<void> } = {}): void {
  if (!event.notification) return;
  const id = `switch-${event.id}`;
  const onSwitchBack = opts.onSwitchBack;
  toast.custom((toastId) => <SwitchToast toastId={toastId} event={event} onSwitchBack={onSwitchBack ? () => onSwitchBack(id) : undefined} />, {
    id,
    duration: SWITCH_TOAST_DURATION_MS,
  });
}
