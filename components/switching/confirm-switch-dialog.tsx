"use client";

import * as React from "react";
import { ArrowRight, LoaderCircle } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { Label } from "@/components/ui/label";
import { costImpact } from "@/lib/cost";
import { formatCostImpact, formatPrice, formatTokensCompact, formatUsd } from "@/lib/format";
import { cn } from "@/lib/utils";
import { CheckList } from "./check-list";
import { InlineAlert } from "./inline-alert";
import type { PricedModel, RankedModel, SwitchFailure, SwitchMonthlyCost } from "./types";

export const REASON_MAX = 500;

type ConfirmSwitchDialogProps = {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  /** What is being switched: "health", "this conversation". */
  scopeLabel: string;
  fromModelId: string;
  /** The current model's facts; null when the catalog no longer has it. */
  from: PricedModel | null;
  to: RankedModel;
  /** The use case's monthly cost figure; null shows the price change only (e.g. a single conversation). */
  monthlyCost: SwitchMonthlyCost | null;
  pending: boolean;
  failure: SwitchFailure | null;
  /** Require a reason before the switch (the reason lands in the switch log and the notification). */
  reasonRequired?: boolean;
  /** A reason given by the system (an auto-switch's explanation): shown instead of asking for one. */
  fixedReason?: string;
  onConfirm: (reason: string) => void;
  /** After a conflict: go back to the selection with fresh data. */
  onReviewAgain: () => void;
  /** Go back to the selection dialog without switching (absent when the target came from elsewhere). */
  onBack?: () => void;
  /** Where focus goes when the dialog closes (a flow of dialogs decides: useReturnFocus). */
  onCloseAutoFocus?: (event: Event) => void;
};

function ModelBox({ label, modelId, model }: { label: string; modelId: string; model: PricedModel | null }) {
  return (
    <div className="flex min-w-0 flex-1 flex-col gap-0.5 rounded-md border p-3" data-testid={`switch-${label.toLowerCase()}`}>
      <span className="text-xs text-muted-foreground">{label}</span>
      <span className="font-medium">{model?.name ?? modelId}</span>
      <span className="font-mono text-xs break-all text-muted-foreground">{modelId}</span>
      {model ? (
        <span className="text-xs text-muted-foreground tabular-nums">
          {formatPrice(model.inputPricePerMTok)} in · {formatPrice(model.outputPricePerMTok)} out per MTok
        </span>
      ) : null}
    </div>
  );
}

/** The cost line: the monthly difference at the use case's monthly volume, or the price difference when there is none. */
function CostImpactLine({ from, to, monthly }: { from: PricedModel | null; to: PricedModel; monthly: SwitchMonthlyCost | null }) {
  if (!from) return <p className="text-sm text-muted-foreground">The current model is not in the catalog, so the cost impact is unknown.</p>;
  const volume = monthly?.volume;
  if (!monthly || !volume || (volume.inputTokens === 0 && volume.outputTokens === 0)) {
    const dIn = to.inputPricePerMTok - from.inputPricePerMTok;
    const dOut = to.outputPricePerMTok - from.outputPricePerMTok;
    const signed = (n: number) => `${n > 0 ? "+" : n < 0 ? "\u2212" : ""}${formatPrice(Math.abs(n))}`;
    return (
      <p className="text-sm" data-testid="cost-impact">
        Price change: {signed(dIn)} in · {signed(dOut)} out per MTok. No monthly volume is known for this scope.
      </p>
    );
  }
  const impact = costImpact(volume, from, to);
  const tone = impact.deltaUsd > 0.005 ? "text-red-700 dark:text-destructive" : impact.deltaUsd < -0.005 ? "text-green-700 dark:text-success" : "";
  return (
    <div className="flex flex-col gap-0.5 text-sm" data-testid="cost-impact">
      <p>
        Monthly cost impact: <span className={cn("font-semibold tabular-nums", tone)}>{formatCostImpact(impact)}</span>
      </p>
      <p className="text-xs text-muted-foreground tabular-nums">
        <span data-testid="cost-impact-current">{formatUsd(impact.currentUsd)}</span> → <span data-testid="cost-impact-next">{formatUsd(impact.nextUsd)}</span>{" "}
        a month at {formatTokensCompact(volume.inputTokens)} input and {formatTokensCompact(volume.outputTokens)} output tokens, from the{" "}
        <span data-testid="cost-impact-basis">{monthly.basisLabel}</span>.
      </p>
    </div>
  );
}

/**
 * The confirmation dialog: from → to, a reason, the monthly cost impact, Switch and Cancel. It shows what went wrong
 * in place: someone else switched meanwhile (409, with the fresh model and a way to review again) or the model failed
 * validation (422, each failing check).
 */
export function ConfirmSwitchDialog({
  open,
  onOpenChange,
  scopeLabel,
  fromModelId,
  from,
  to,
  monthlyCost,
  pending,
  failure,
  reasonRequired = false,
  fixedReason,
  onConfirm,
  onReviewAgain,
  onBack,
  onCloseAutoFocus,
}: ConfirmSwitchDialogProps) {
  const [reason, setReason] = React.useState("");
  const [reasonError, setReasonError] = React.useState<string | null>(null);
  const reasonId = React.useId();
  const reasonErrorId = `${reasonId}-error`;

  React.useEffect(() => {
    if (!open) {
      setReason("");
      setReasonError(null);
    }
  }, [open]);

  const conflict = failure?.kind === "conflict" ? failure : null;
  // Excluded by the policy (not merely cooling down): the server would refuse, so the switch is not offered.
  const blocked = !to.eligible && !(to.coolingDownUntil && to.reasons.length === 1);

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    if (pending || conflict || blocked) return;
    if (fixedReason !== undefined) return onConfirm(fixedReason);
    const trimmed = reason.trim();
    if (reasonRequired && !trimmed) {
      setReasonError("Say why you are switching; the reason goes into the switch log.");
      return;
    }
    if (trimmed.length > REASON_MAX) {
      setReasonError(`Keep the reason under ${REASON_MAX} characters.`);
      return;
    }
    setReasonError(null);
    onConfirm(trimmed);
  };

  return (
    <Dialog open={open} onOpenChange={(next) => (pending ? undefined : onOpenChange(next))}>
      <DialogContent className="sm:max-w-xl" data-testid="confirm-switch-dialog" onCloseAutoFocus={onCloseAutoFocus}>
        <form onSubmit={submit} className="flex flex-col gap-4" aria-busy={pending}>
          <DialogHeader>
            <DialogTitle>
              Switch {scopeLabel} to {to.name}?
            </DialogTitle>
            <DialogDescription>The change applies to new requests at once and is recorded in the switch log.</DialogDescription>
          </DialogHeader>

          <div className="flex flex-col items-stretch gap-2 sm:flex-row sm:items-center">
            <ModelBox label="From" modelId={fromModelId} model={from} />
            <ArrowRight aria-hidden="true" className="size-4 shrink-0 self-center text-muted-foreground max-sm:rotate-90" />
            <ModelBox label="To" modelId={to.modelId} model={to} />
          </div>

          <CostImpactLine from={from} to={to} monthly={monthlyCost} />

          {blocked ? (
            <InlineAlert tone="warning" title={`${to.name} does not fit the policy.`} data-testid="switch-ineligible">
              <p>{to.reasons.join("; ")}</p>
              <p>Choose a model the policy allows, or change the policy first.</p>
            </InlineAlert>
          ) : !to.eligible ? (
            <InlineAlert tone="warning" title={`${to.name} is cooling down after a failed call.`}>
              <p>You can still switch to it; the invoke path falls back while it cools down.</p>
            </InlineAlert>
          ) : null}

          {fixedReason !== undefined ? (
            <div className="flex flex-col gap-1 text-sm">
              <p className="font-medium">Reason</p>
              <p className="rounded-md border bg-muted/40 p-2" data-testid="switch-reason">
                {fixedReason}
              </p>
            </div>
          ) : (
            <div className="flex flex-col gap-2">
              <Label htmlFor={reasonId}>Reason {reasonRequired ? null : <span className="font-normal text-muted-foreground">(optional)</span>}</Label>
              <textarea
                id={reasonId}
                name="reason"
                rows={2}
                maxLength={REASON_MAX + 50}
                value={reason}
                onChange={(e) => setReason(e.target.value)}
                disabled={pending || Boolean(conflict)}
                aria-invalid={reasonError ? true : undefined}
                aria-describedby={reasonError ? reasonErrorId : undefined}
                placeholder="e.g. cost review: cheaper model with the same quality for this traffic"
                className={cn(
                  "min-h-16 w-full rounded-md border border-input bg-transparent px-3 py-2 text-sm shadow-xs outline-none placeholder:text-muted-foreground disabled:opacity-50 dark:bg-input/30",
                  "focus-visible:border-ring focus-visible:ring-[3px] focus-visible:ring-ring/50",
                  "aria-invalid:border-destructive aria-invalid:ring-destructive/20",
                )}
              />
              {reasonError ? (
                <p id={reasonErrorId} className="text-sm text-destructive">
                  {reasonError}
                </p>
              ) : (
                <p className="text-xs text-muted-foreground">Shown in the switch log and in the notification people receive.</p>
              )}
            </div>
          )}

          {conflict ? (
            <InlineAlert
              tone="error"
              data-testid="switch-conflict"
              title={`Someone else switched ${scopeLabel} to ${conflict.currentModelName ?? conflict.currentModelId} meanwhile.`}
              action={
                <Button type="button" size="sm" onClick={onReviewAgain}>
                  Review again
                </Button>
              }
            >
              <p>
                It now uses <span className="font-medium">{conflict.currentModelName ?? conflict.currentModelId}</span>{" "}
                <span className="font-mono text-xs">({conflict.currentModelId})</span>. Nothing was changed; review the choice against the fresh data.
              </p>
            </InlineAlert>
          ) : null}

          {failure?.kind === "invalid" ? (
            <InlineAlert tone="error" data-testid="switch-invalid" title={`${to.name} cannot serve ${scopeLabel}.`}>
              <CheckList checks={failure.checks.filter((c) => c.status !== "pass")} />
            </InlineAlert>
          ) : null}

          {failure?.kind === "error" ? (
            <InlineAlert tone="error" data-testid="switch-error" title="The switch did not happen.">
              {failure.message}
            </InlineAlert>
          ) : null}

          <DialogFooter className="gap-2">
            {onBack && !conflict ? (
              <Button type="button" variant="ghost" onClick={onBack} disabled={pending} className="sm:mr-auto">
                Back
              </Button>
            ) : null}
            <Button type="button" variant="outline" onClick={() => onOpenChange(false)} disabled={pending}>
              Cancel
            </Button>
            {conflict ? null : (
              <Button type="submit" disabled={pending || blocked}>
                {pending ? <LoaderCircle aria-hidden="true" className="animate-spin" /> : null}
                {pending ? "Switching…" : "Switch"}
              </Button>
            )}
          </DialogFooter>
          {pending ? (
            <p role="status" className="sr-only">
              Switching {scopeLabel} to {to.name}…
            </p>
          ) : null}
        </form>
      </DialogContent>
    </Dialog>
  );
}
