"use client";

import * as React from "react";
import { useQueryClient } from "@tanstack/react-query";
import { Plus, Trash2 } from "lucide-react";
import { setTrafficSplitAction } from "@/actions/dashboard";
import { InlineAlert } from "@/components/switching/inline-alert";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";
import { queryKeys } from "@/lib/query-keys";
import type { UseCaseDetail } from "@/server/use-cases/detail";
import { SaveBar } from "./save-bar";
import { fieldErrorsOf } from "./action-result";
import { useAction } from "@/components/use-action";
import { modelDisplayName } from "@/lib/model-labels";

/** Mirrors the server's limits; the server is the judge, these only guide the inputs. */
const MAX_SPLIT_MODELS = 5;
const MAX_SPLIT_TOTAL = 99;

type Row = { modelId: string; weight: number };

const sameRows = (a: readonly Row[], b: readonly Row[]) => a.length === b.length && a.every((r, i) => r.modelId === b[i]!.modelId && r.weight === b[i]!.weight);

/**
 * A use case's traffic split: the current model keeps what the rows leave; each row sends a share of new conversations
 * (and of calls without one) to another model the policy allows, a canary such as "send 10% to Nova Micro". Admins
 * edit and save the whole split (logged and announced to every instance); analysts see it.
 */
export function TrafficSplitEditor({ detail, canEdit }: { detail: UseCaseDetail; canEdit: boolean }) {
  const queryClient = useQueryClient();
  const name = detail.useCase.name;
  const currentId = detail.useCase.currentModelId;
  const serverRows = detail.traffic.rows;
  const [base, setBase] = React.useState<Row[]>(serverRows);
  const [rows, setRows] = React.useState<Row[]>(serverRows);
  const [adding, setAdding] = React.useState("");
  const [addWeight, setAddWeight] = React.useState("10");
  const [reason, setReason] = React.useState("");
  const [errors, setErrors] = React.useState<Record<string, string>>({});
  const [message, setMessage] = React.useState<{ tone: "success" | "error"; text: string } | null>(null);
  const { run: saveSplit, pending } = useAction(setTrafficSplitAction, {
    unreachableMessage: "The server could not be reached. Nothing was saved; try again.",
  });
  const dirty = !sameRows(rows, base);

  // Fresh server data (a save here or elsewhere, a switch that removed a row) replaces an untouched split.
  // Adjusted while rendering, as React advises for state that follows a prop.
  const serverKey = JSON.stringify(serverRows);
  const [seenServerKey, setSeenServerKey] = React.useState(serverKey);
  if (serverKey !== seenServerKey) {
    setSeenServerKey(serverKey);
    if (!sameRows(serverRows, base) && !dirty) {
      setBase(serverRows);
      setRows(serverRows);
    }
  }

  const names = new Map(detail.traffic.choices.map((c) => [c.modelId, c.name]));
  const nameOf = (id: string) => (id === currentId ? (detail.currentModel ? modelDisplayName(detail.currentModel) : id) : (names.get(id) ?? id));
  const total = rows.reduce((s, r) => s + (Number.isFinite(r.weight) ? r.weight : 0), 0);
  const currentShare = 100 - total;
  const choices = detail.traffic.choices.filter((c) => !rows.some((r) => r.modelId === c.modelId));
  const weightNumber = Number(addWeight);
  const canAdd = adding !== "" && Number.isInteger(weightNumber) && weightNumber >= 1 && weightNumber <= MAX_SPLIT_TOTAL && rows.length < MAX_SPLIT_MODELS;

  const edit = (next: Row[]) => {
    setRows(next);
    setErrors({});
    setMessage(null);
  };

  const save = async () => {
    setMessage(null);
    const result = await saveSplit({ useCase: name, rows, reason: reason || undefined, expectedRows: base });
    if (result.ok) {
      setBase(result.data.rows);
      setRows(result.data.rows);
      setReason("");
      setErrors({});
      const others = result.data.shares.slice(1);
      setMessage({
        tone: "success",
        text: others.length
          ? `Split saved: ${result.data.shares.map((s) => `${s.weight}% to ${nameOf(s.modelId)}`).join(", ")}.`
          : `Split cleared: all traffic goes to ${nameOf(currentId)}.`,
      });
      void queryClient.invalidateQueries({ queryKey: queryKeys.useCases.detail(name) });
      return;
    }
    if (result.code === "conflict") {
      const fresh = (result.details as { split?: { rows: Row[] } } | undefined)?.split?.rows;
      if (fresh) setBase(fresh);
      void queryClient.invalidateQueries({ queryKey: queryKeys.useCases.detail(name) });
      return setMessage({ tone: "error", text: `${result.error} Save again to replace it with yours, or Reset to take theirs.` });
    }
    const fieldErrors = fieldErrorsOf(result);
    setErrors(fieldErrors);
    setMessage({ tone: "error", text: fieldErrors.rows ?? result.error });
  };

  return (
    <div className="flex flex-col gap-4" data-testid="traffic-split">
      <p className="text-sm text-muted-foreground">
        New conversations, and calls without one, go to each model by its share; a conversation stays on the model it started with.
      </p>
      <ul className="flex flex-col gap-2" aria-label={`Traffic split of ${name}`}>
        <li className="flex flex-wrap items-center gap-3 rounded-md border px-3 py-2" data-model-id={currentId} data-testid="split-current">
          <span className="w-12 text-right font-medium tabular-nums" data-testid="split-share">
            {currentShare}%
          </span>
          <div className="flex min-w-0 flex-1 flex-col">
            <span className="text-sm font-medium">{nameOf(currentId)} (current model, takes the rest)</span>
            <span className="font-mono text-xs break-all text-muted-foreground">{currentId}</span>
          </div>
        </li>
        {rows.map((r, index) => {
          const label = nameOf(r.modelId);
          const error = errors[`rows.${index}.modelId`] ?? errors[`rows.${index}.weight`];
          const inputId = `split-${name}-weight-${index}`;
          return (
            <li
              key={r.modelId}
              className="flex flex-wrap items-center gap-3 rounded-md border px-3 py-2"
              data-model-id={r.modelId}
              aria-invalid={error ? true : undefined}
            >
              {canEdit ? (
                <div className="flex items-center gap-1">
                  <Label htmlFor={inputId} className="sr-only">
                    Share for {label} (%)
                  </Label>
                  <Input
                    id={inputId}
                    type="number"
                    inputMode="numeric"
                    min={1}
                    max={MAX_SPLIT_TOTAL}
                    step={1}
                    className="w-20 tabular-nums"
                    value={Number.isFinite(r.weight) ? String(r.weight) : ""}
                    disabled={pending}
                    onChange={(e) => edit(rows.map((x, i) => (i === index ? { ...x, weight: e.target.value === "" ? NaN : Number(e.target.value) } : x)))}
                  />
                  <span className="text-sm">%</span>
                </div>
              ) : (
                <span className="w-12 text-right font-medium tabular-nums" data-testid="split-share">
                  {r.weight}%
                </span>
              )}
              <div className="flex min-w-0 flex-1 flex-col">
                <span className="text-sm font-medium">{label}</span>
                <span className="font-mono text-xs break-all text-muted-foreground">{r.modelId}</span>
                {error ? <span className="text-sm text-destructive">{error}</span> : null}
              </div>
              {canEdit ? (
                <Button
                  type="button"
                  size="icon-sm"
                  variant="ghost"
                  disabled={pending}
                  onClick={() => edit(rows.filter((_, i) => i !== index))}
                  aria-label={`Remove ${label} from the split`}
                >
                  <Trash2 aria-hidden="true" />
                </Button>
              ) : null}
            </li>
          );
        })}
      </ul>
      {currentShare < 1 ? (
        <InlineAlert tone="error">
          The split models take {total}% together; at most {MAX_SPLIT_TOTAL}%, so the current model keeps some traffic.
        </InlineAlert>
      ) : null}

      {canEdit ? (
        <>
          <div className="flex flex-wrap items-end gap-2">
            <div className="flex w-24 flex-col gap-1.5">
              <Label htmlFor={`split-${name}-add-weight`}>Send (%)</Label>
              <Input
                id={`split-${name}-add-weight`}
                type="number"
                inputMode="numeric"
                min={1}
                max={MAX_SPLIT_TOTAL}
                step={1}
                value={addWeight}
                disabled={pending}
                onChange={(e) => setAddWeight(e.target.value)}
              />
            </div>
            <div className="flex min-w-64 flex-1 flex-col gap-1.5">
              <Label htmlFor={`split-${name}-add-model`}>to a model the policy allows</Label>
              <Select
                id={`split-${name}-add-model`}
                value={adding}
                onChange={(e) => setAdding(e.target.value)}
                disabled={pending || rows.length >= MAX_SPLIT_MODELS}
              >
                <option value="">
                  {rows.length >= MAX_SPLIT_MODELS
                    ? `The split is full (${MAX_SPLIT_MODELS} models)`
                    : choices.length
                      ? "Choose a model…"
                      : "No other model fits the policy"}
                </option>
                {choices.map((c) => (
                  <option key={c.modelId} value={c.modelId}>
                    {c.name} ({c.modelId})
                  </option>
                ))}
              </Select>
            </div>
            <Button
              type="button"
              variant="outline"
              disabled={!canAdd || pending}
              onClick={() => {
                edit([...rows, { modelId: adding, weight: weightNumber }]);
                setAdding("");
              }}
            >
              <Plus aria-hidden="true" />
              Add to split
            </Button>
          </div>
          <div className="flex flex-col gap-1.5">
            <Label htmlFor={`split-${name}-reason`}>Reason (optional, kept in the log)</Label>
            <Input
              id={`split-${name}-reason`}
              value={reason}
              maxLength={500}
              disabled={pending}
              onChange={(e) => setReason(e.target.value)}
              placeholder="e.g. canary before switching"
            />
          </div>
        </>
      ) : null}

      {message ? (
        <InlineAlert tone={message.tone} data-testid="split-message">
          {message.text}
        </InlineAlert>
      ) : null}

      {canEdit ? <SaveBar label="Save split" pending={pending} dirty={dirty} onSave={() => void save()} onReset={() => edit(base)} /> : null}
    </div>
  );
}
