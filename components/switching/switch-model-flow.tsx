"use client";

import * as React from "react";
import { useReturnFocus } from "@/components/ui/use-return-focus";
import { ConfirmSwitchDialog } from "./confirm-switch-dialog";
import { ModelSelectDialog } from "./model-select-dialog";
import {
  scopeLabel as defaultScopeLabel,
  type ActionResult,
  type CheckResult,
  type RankedModel,
  type SwitchCandidates,
  type SwitchFailure,
  type SwitchRequest,
  type SwitchResultData,
  type SwitchScope,
} from "./types";

export type SwitchModelFlowProps = {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  /** A use case (its default model) or one conversation inside its use case. */
  scope: SwitchScope;
  /** Overrides the wording ("health", "this conversation"). */
  scopeLabel?: string;
  /** The model the page shows for the scope; only a hint: the flow confirms against what loadCandidates returns. */
  currentModelId: string;
  /** Fresh candidates on every open and after a conflict (never a cached list: a stale "current" defeats the check). */
  loadCandidates: () => Promise<ActionResult<SwitchCandidates>>;
  /** The caller's server action: the admin switch on the dashboard, the chat's own action for an end user. */
  submit: (request: SwitchRequest) => Promise<ActionResult<SwitchResultData>>;
  /** After a committed switch (the dialogs are closed by then). */
  onSwitched?: (data: SwitchResultData, to: RankedModel) => void;
  /** The flow saw that the scope's model changed elsewhere (a conflict, or fresh data disagreeing): refetch the page. */
  onStale?: () => void;
  /** Go straight to the confirmation for this model (the Models page knows the target). */
  targetModelId?: string;
  reasonRequired?: boolean;
};

type Step = "select" | "confirm";

function failureOf(result: Extract<ActionResult<unknown>, { ok: false }>, fresh: SwitchCandidates | null): SwitchFailure {
  const details = (result.details ?? {}) as { currentModelId?: unknown; checks?: unknown };
  if (result.code === "conflict") {
    const currentModelId = typeof details.currentModelId === "string" ? details.currentModelId : (fresh?.currentModelId ?? "another model");
    const model = fresh?.models.find((m) => m.modelId === currentModelId);
    return { kind: "conflict", message: result.error, currentModelId, currentModelName: model?.name ?? null };
  }
  if (result.code === "invalid_model" && Array.isArray(details.checks)) {
    return { kind: "invalid", message: result.error, checks: details.checks as CheckResult[] };
  }
  return { kind: "error", message: result.error };
}

/**
 * The whole "change model" interaction: the selection dialog, then the confirmation dialog, then the caller's
 * action with `expectedCurrentModelId` set to the model the person saw. A 409 reloads the candidates and says who
 * won; "Review again" goes back to the selection with that fresh data.
 */
export function SwitchModelFlow({
  open,
  onOpenChange,
  scope,
  scopeLabel,
  currentModelId,
  loadCandidates,
  submit,
  onSwitched,
  onStale,
  targetModelId,
  reasonRequired,
}: SwitchModelFlowProps) {
  const label = scopeLabel ?? defaultScopeLabel(scope);
  const [step, setStep] = React.useState<Step>("select");
  const [candidates, setCandidates] = React.useState<SwitchCandidates | null>(null);
  const [loadError, setLoadError] = React.useState<string | null>(null);
  const [target, setTarget] = React.useState<RankedModel | null>(null);
  const [pending, setPending] = React.useState(false);
  const [failure, setFailure] = React.useState<SwitchFailure | null>(null);
  // Results of a load started before the dialog closed (or before a newer load) are dropped.
  const loadSeq = React.useRef(0);
  // Focus goes back to what opened the flow (Change model) once both dialogs are closed.
  const returnFocus = useReturnFocus(open);

  // The latest callbacks without re-running the open effect when a parent re-renders with new closures.
  const latest = React.useRef({ loadCandidates, onStale, currentModelId, targetModelId, label });
  latest.current = { loadCandidates, onStale, currentModelId, targetModelId, label };

  const load = React.useCallback(async (): Promise<SwitchCandidates | null> => {
    const seq = ++loadSeq.current;
    setLoadError(null);
    let result: ActionResult<SwitchCandidates>;
    try {
      result = await latest.current.loadCandidates();
    } catch {
      result = { ok: false, code: "unavailable", error: "The server could not be reached. Check the connection and try again." };
    }
    if (seq !== loadSeq.current) return null;
    if (!result.ok) {
      setLoadError(result.error);
      return null;
    }
    setCandidates(result.data);
    if (result.data.currentModelId !== latest.current.currentModelId) latest.current.onStale?.();
    return result.data;
  }, []);

  React.useEffect(() => {
    if (!open) {
      loadSeq.current++;
      setStep("select");
      setCandidates(null);
      setLoadError(null);
      setTarget(null);
      setPending(false);
      setFailure(null);
      return;
    }
    const wanted = latest.current.targetModelId;
    setStep(wanted ? "confirm" : "select");
    void load().then((fresh) => {
      if (!fresh || !wanted) return;
      const model = fresh.models.find((m) => m.modelId === wanted);
      if (model) setTarget(model);
      else setLoadError(`${wanted} is not among the models ${latest.current.label} can use.`);
    });
  }, [open, load]);

  const close = () => onOpenChange(false);

  const choose = (model: RankedModel) => {
    setTarget(model);
    setFailure(null);
    setStep("confirm");
  };

  const confirm = async (reason: string) => {
    if (!target || !candidates) return;
    setPending(true);
    setFailure(null);
    let result: ActionResult<SwitchResultData>;
    try {
      result = await submit({
        modelId: target.modelId,
        useCase: scope.useCase,
        ...(scope.conversationId ? { conversationId: scope.conversationId } : {}),
        ...(reason ? { reason } : {}),
        expectedCurrentModelId: candidates.currentModelId,
      });
    } catch {
      result = { ok: false, code: "unavailable", error: "The server could not be reached. Nothing was switched; try again." };
    }
    if (result.ok) {
      setPending(false);
      close();
      onSwitched?.(result.data, target);
      return;
    }
    let fresh: SwitchCandidates | null = null;
    if (result.code === "conflict") {
      fresh = await load();
      latest.current.onStale?.();
    }
    setFailure(failureOf(result, fresh ?? candidates));
    setPending(false);
  };

  const reviewAgain = () => {
    setFailure(null);
    if (targetModelId) {
      // The target came from the page (Models): confirm it again, now against the fresh current model.
      void load().then((fresh) => {
        const model = fresh?.models.find((m) => m.modelId === targetModelId);
        if (model) setTarget(model);
      });
      return;
    }
    setTarget(null);
    setStep("select");
    void load();
  };

  const current = candidates?.currentModelId ?? currentModelId;
  const fromModel = candidates?.models.find((m) => m.modelId === current) ?? null;
  // While a targeted flow (Models page) is still loading, the selection dialog doubles as the loading state.
  const showConfirm = open && step === "confirm" && target !== null;
  const showSelect = open && !showConfirm;

  return (
    <>
      <ModelSelectDialog
        open={showSelect}
        onOpenChange={(next) => (next ? undefined : close())}
        useCase={scope.useCase}
        scopeLabel={label}
        currentModelId={current}
        models={step === "confirm" && !loadError ? null : (candidates?.models ?? null)}
        loadError={loadError}
        onRetry={() => void load()}
        onSelect={choose}
        onCloseAutoFocus={returnFocus}
      />
      {target ? (
        <ConfirmSwitchDialog
          open={showConfirm}
          onOpenChange={(next) => (next ? undefined : close())}
          scopeLabel={label}
          fromModelId={current}
          from={fromModel}
          to={target}
          monthlyCost={scope.conversationId ? null : (candidates?.monthlyCost ?? null)}
          pending={pending}
          failure={failure}
          reasonRequired={reasonRequired}
          onConfirm={(reason) => void confirm(reason)}
          onReviewAgain={reviewAgain}
          onBack={targetModelId ? undefined : () => setStep("select")}
          onCloseAutoFocus={returnFocus}
        />
      ) : null}
    </>
  );
}
