"use client";

import * as React from "react";
import { useQueryClient } from "@tanstack/react-query";
import { LoaderCircle, Sparkles } from "lucide-react";
import { autoSwitchApplyAction, autoSwitchPreviewAction, getForUseCaseAction } from "@/actions/dashboard";
import { ConfirmSwitchDialog } from "@/components/switching/confirm-switch-dialog";
import { InlineAlert } from "@/components/switching/inline-alert";
import type { RankedModel, SwitchCandidates, SwitchFailure } from "@/components/switching/types";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { queryKeys } from "@/lib/query-keys";
import type { AutoSwitchResult } from "@/server/orchestration/auto-switch";
import type { UseCase } from "@/lib/catalog-model";
import { useAction } from "@/components/use-action";

type Outcome = { tone: "success" | "info" | "error"; text: string; previewAgain?: boolean };
/** The previewed switch, waiting for the person to confirm it. */
type Pending = { preview: AutoSwitchResult; candidates: SwitchCandidates; to: RankedModel };

// The full ranking can be 40 rows; the eligible ones are what a person compares, the rest stay one click away.
function CandidatesTable({ preview, showExcluded }: { preview: AutoSwitchResult; showExcluded: boolean }) {
  const rows = preview.candidates.filter((c) => showExcluded || c.eligible);
  return (
    <div className="rounded-lg border">
      <Table data-testid="auto-switch-candidates">
        <TableCaption className="sr-only">Candidates ranked under the {preview.useCase} policy, with their scores and why.</TableCaption>
        <TableHeader>
          <TableRow className="hover:bg-transparent">
            <TableHead className="w-12 pl-3 text-right">Rank</TableHead>
            <TableHead>Model</TableHead>
            <TableHead className="text-right">Score</TableHead>
            <TableHead>Breakdown</TableHead>
            <TableHead>Eligible</TableHead>
            <TableHead className="pr-3">Why</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {rows.map((c) => {
            const rank = preview.candidates.indexOf(c) + 1;
            return (
              <TableRow key={c.modelId} data-model-id={c.modelId} className={c.eligible ? undefined : "text-muted-foreground"}>
                <TableCell className="pl-3 text-right tabular-nums">{rank}</TableCell>
                <TableCell className="min-w-48">
                  <div className="flex flex-wrap items-center gap-1.5">
                    <span className="font-medium">{c.name}</span>
                    {c.current ? <Badge variant="info">Current</Badge> : null}
                    {c.modelId === preview.toModelId ? <Badge variant="success">Best</Badge> : null}
                  </div>
                  <div className="font-mono text-xs break-all text-muted-foreground">{c.modelId}</div>
                </TableCell>
                <TableCell className="text-right font-medium tabular-nums" data-score>
                  {c.score.toFixed(1)}
                </TableCell>
                <TableCell className="text-xs whitespace-nowrap text-muted-foreground tabular-nums">
                  <span title="Quality points">Q {c.breakdown.quality.toFixed(1)}</span> · <span title="Cost points">C {c.breakdown.cost.toFixed(1)}</span> ·{" "}
                  <span title="Context points">Ctx {c.breakdown.context.toFixed(1)}</span> ·{" "}
                  <span title="Preference points">P {c.breakdown.preference.toFixed(1)}</span>
                </TableCell>
                <TableCell>{c.eligible ? <Badge variant="success">Yes</Badge> : <Badge variant="outline">No</Badge>}</TableCell>
                <TableCell className="pr-3 text-xs whitespace-normal">
                  <ul className="flex flex-col gap-0.5">
                    {c.reasons.map((r) => (
                      <li key={r}>{r}</li>
                    ))}
                  </ul>
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </div>
  );
}

/**
 * Auto-switch for one use case: Preview ranks the catalog under the policy and explains the choice without changing
 * anything; Apply (admins) opens the same confirmation as a manual switch (from, to, the reason, the monthly cost
 * impact), and only its Switch applies exactly the previewed model, or refuses if things moved since.
 */
export function AutoSwitchSection({ useCase, canApply }: { useCase: UseCase; canApply: boolean }) {
  const queryClient = useQueryClient();
  const [preview, setPreview] = React.useState<AutoSwitchResult | null>(null);
  const [showExcluded, setShowExcluded] = React.useState(false);
  const previewCall = useAction(autoSwitchPreviewAction, { unreachableMessage: "The server could not be reached. Try again." });
  const candidatesCall = useAction(getForUseCaseAction);
  const applyCall = useAction(autoSwitchApplyAction);
  const busy = previewCall.pending ? "preview" : candidatesCall.pending ? "apply" : null;
  const [outcome, setOutcome] = React.useState<Outcome | null>(null);
  const [confirming, setConfirming] = React.useState<Pending | null>(null);
  const applying = applyCall.pending;
  const [failure, setFailure] = React.useState<SwitchFailure | null>(null);

  const runPreview = async () => {
    setOutcome(null);
    const result = await previewCall.run({ useCase: useCase.name });
    if (!result.ok) return setOutcome({ tone: "error", text: result.error });
    setPreview(result.data);
  };

  /** Apply: load the candidates (prices, the monthly cost figure) and ask for confirmation; nothing changes yet. */
  const askToApply = async () => {
    if (!preview?.toModelId) return;
    setOutcome(null);
    setFailure(null);
    const result = await candidatesCall.run({ useCase: useCase.name });
    if (!result.ok) return setOutcome({ tone: "error", text: result.error });
    const to = result.data.models.find((m) => m.modelId === preview.toModelId);
    if (!to || result.data.currentModelId !== preview.fromModelId) {
      void queryClient.invalidateQueries({ queryKey: queryKeys.useCases.all });
      return setOutcome({ tone: "error", text: `${useCase.name} changed since the preview. Nothing changed; preview again.`, previewAgain: true });
    }
    setConfirming({ preview, candidates: result.data, to });
  };

  const apply = async () => {
    if (!confirming) return;
    const { preview } = confirming;
    setFailure(null);
    const result = await applyCall.run({
      useCase: useCase.name,
      ...(preview.fromModelId ? { expectedFromModelId: preview.fromModelId } : {}),
      ...(preview.toModelId ? { expectedToModelId: preview.toModelId } : {}),
    });
    if (!result.ok) {
      if (result.code !== "conflict") return setFailure({ kind: "error", message: result.error });
      // Things moved since the preview: close the confirmation and offer a fresh preview.
      void queryClient.invalidateQueries({ queryKey: queryKeys.useCases.all });
      setConfirming(null);
      return setOutcome({ tone: "error", text: result.error, previewAgain: true });
    }
    setConfirming(null);
    void queryClient.invalidateQueries({ queryKey: queryKeys.useCases.all });
    void queryClient.invalidateQueries({ queryKey: queryKeys.overview.all });
    void queryClient.invalidateQueries({ queryKey: queryKeys.switches.all });
    const to = result.data.candidates.find((c) => c.modelId === result.data.toModelId);
    setPreview(null);
    setOutcome(
      result.data.switched
        ? { tone: "success", text: `Switched ${useCase.name} to ${to?.name ?? result.data.toModelId}. ${result.data.reason}` }
        : { tone: "info", text: result.data.reason },
    );
  };

  const switchNeeded = preview !== null && preview.toModelId !== null && preview.toModelId !== preview.fromModelId;
  const excludedCount = preview ? preview.candidates.filter((c) => !c.eligible).length : 0;

  return (
    <div className="flex flex-col gap-4" data-testid="auto-switch">
      <p className="text-sm text-muted-foreground">
        Ranks every enabled model under the {useCase.name} policy ({useCase.objective} objective) and names the best.
        {useCase.allowAutoSwitch ? "" : " The policy does not allow auto-switching, so Apply stays off."}
      </p>
      <div className="flex flex-wrap gap-2">
        <Button type="button" variant="outline" onClick={() => void runPreview()} disabled={busy !== null}>
          {busy === "preview" ? <LoaderCircle aria-hidden="true" className="animate-spin" /> : <Sparkles aria-hidden="true" />}
          {preview ? "Preview again" : "Preview"}
        </Button>
        {canApply && preview ? (
          <Button type="button" onClick={() => void askToApply()} disabled={busy !== null || !switchNeeded || !useCase.allowAutoSwitch}>
            {busy === "apply" ? <LoaderCircle aria-hidden="true" className="animate-spin" /> : null}
            Apply…
          </Button>
        ) : null}
      </div>

      {outcome ? (
        <InlineAlert
          tone={outcome.tone}
          data-testid="auto-switch-outcome"
          action={
            outcome.previewAgain ? (
              <Button type="button" size="sm" onClick={() => void runPreview()}>
                Preview again
              </Button>
            ) : null
          }
        >
          {outcome.text}
        </InlineAlert>
      ) : null}

      {preview ? (
        <div className="flex flex-col gap-3">
          <InlineAlert tone={switchNeeded ? "info" : "success"} data-testid="auto-switch-explanation">
            {preview.reason}
          </InlineAlert>
          <CandidatesTable preview={preview} showExcluded={showExcluded} />
          {excludedCount > 0 ? (
            <Button type="button" variant="link" className="self-start px-0" onClick={() => setShowExcluded((s) => !s)} aria-expanded={showExcluded}>
              {showExcluded ? "Hide" : "Show"} the {excludedCount} excluded model{excludedCount > 1 ? "s" : ""} and why
            </Button>
          ) : null}
        </div>
      ) : null}

      {confirming ? (
        <ConfirmSwitchDialog
          open
          onOpenChange={(open) => {
            if (!open) {
              setConfirming(null);
              setFailure(null);
            }
          }}
          scopeLabel={useCase.name}
          fromModelId={confirming.candidates.currentModelId}
          from={confirming.candidates.models.find((m) => m.modelId === confirming.candidates.currentModelId) ?? null}
          to={confirming.to}
          monthlyCost={confirming.candidates.monthlyCost ?? null}
          pending={applying}
          failure={failure}
          fixedReason={confirming.preview.reason}
          onConfirm={() => void apply()}
          onReviewAgain={() => {
            setConfirming(null);
            void runPreview();
          }}
        />
      ) : null}
    </div>
  );
}
