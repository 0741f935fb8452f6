"use client";

import * as React from "react";
import { useQueryClient } from "@tanstack/react-query";
import { ArrowDown, ArrowUp, Plus, Snowflake, Trash2 } from "lucide-react";
import { setFallbackChainAction } from "@/actions/dashboard";
import { InlineAlert } from "@/components/switching/inline-alert";
import type { RankedModel } from "@/components/switching/types";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";
import { formatDateTime } from "@/lib/format";
import { queryKeys } from "@/lib/query-keys";
import type { UseCaseDetail } from "@/server/use-cases/detail";
import { SaveBar } from "./save-bar";
import { fieldErrorsOf, underPrefix } from "./action-result";
import { useAction } from "@/components/use-action";
import { modelDisplayName } from "@/lib/model-labels";

/** Mirrors MAX_CHAIN on the server; the server is the judge, this only disables "Add" in time. */
const MAX_CHAIN = 5;

type Props = {
  detail: UseCaseDetail;
  /** Enabled catalog entries ranked under the policy: the "add" choices (those that fit first). */
  models: RankedModel[];
  canEdit: boolean;
};

/**
 * The ordered models the invoke path falls back on when the current one is throttled or failing. Admins reorder,
 * add and remove, then save the whole chain at once; analysts see the chain.
 */
export function FallbackChainEditor({ detail, models, canEdit }: Props) {
  const queryClient = useQueryClient();
  const name = detail.useCase.name;
  const serverChain = detail.useCase.fallbackChain;
  const [base, setBase] = React.useState<string[]>(serverChain);
  const [chain, setChain] = React.useState<string[]>(serverChain);
  const [adding, setAdding] = React.useState("");
  const [errors, setErrors] = React.useState<Record<string, string>>({});
  const [message, setMessage] = React.useState<{ tone: "success" | "error"; text: string } | null>(null);
  const { run: saveChain, pending } = useAction(setFallbackChainAction, {
    unreachableMessage: "The server could not be reached. Nothing was saved; try again.",
  });
  const selectId = `chain-${name}-add`;

  const dirty = chain.join("\n") !== base.join("\n");
  // Fresh server data replaces an untouched list (adjusted while rendering, as React advises for state that follows
  // a prop); a list with edits keeps them.
  const serverKey = serverChain.join("\n");
  const [seenServerKey, setSeenServerKey] = React.useState(serverKey);
  if (serverKey !== seenServerKey) {
    setSeenServerKey(serverKey);
    if (serverKey !== base.join("\n") && !dirty) {
      setBase(serverChain);
      setChain(serverChain);
    }
  }

  const byId = new Map(models.map((m) => [m.modelId, m]));
  const entryName = (id: string) => byId.get(id)?.name ?? detail.fallbackChain.find((e) => e.modelId === id)?.name ?? id;
  // Ranked models are the enabled ones; a saved entry missing from them was disabled (or dropped) since.
  const isDisabled = (id: string) => (byId.get(id) ?? detail.fallbackChain.find((e) => e.modelId === id))?.enabled !== true;
  const cooling = new Map(detail.cooldowns.map((c) => [c.modelId, c.until]));
  const choices = models.filter((m) => m.enabled && m.modelId !== detail.useCase.currentModelId && !chain.includes(m.modelId));
  const fitting = choices.filter((m) => m.eligible);
  const others = choices.filter((m) => !m.eligible);

  const edit = (next: string[]) => {
    setChain(next);
    setErrors({});
    setMessage(null);
  };
  const moveBy = (index: number, delta: number) => {
    const next = [...chain];
    const [item] = next.splice(index, 1);
    next.splice(index + delta, 0, item!);
    edit(next);
  };

  const save = async () => {
    setMessage(null);
    const result = await saveChain({ name, chain, expectedChain: base });
    if (result.ok) {
      const saved = result.data.useCase.fallbackChain;
      setBase(saved);
      setChain(saved);
      setErrors({});
      setMessage({ tone: "success", text: saved.length > 0 ? "Fallback chain saved." : "Fallback chain cleared: failures will not fall back." });
      void queryClient.invalidateQueries({ queryKey: queryKeys.useCases.detail(name) });
      return;
    }
    if (result.code === "conflict") {
      const fresh = (result.details as { useCase?: { fallbackChain: string[] } } | undefined)?.useCase?.fallbackChain;
      if (fresh) setBase(fresh);
      void queryClient.invalidateQueries({ queryKey: queryKeys.useCases.detail(name) });
      return setMessage({
        tone: "error",
        text: `${result.error}${fresh ? ` It is now: ${fresh.length > 0 ? fresh.map(entryName).join(" → ") : "empty"}. Save again to replace it with yours, or Reset to take theirs.` : ""}`,
      });
    }
    const fieldErrors = fieldErrorsOf(result);
    setErrors(underPrefix(fieldErrors, "chain"));
    // An error about the whole list (too long) has the key "chain" itself; per-entry ones show on their row.
    setMessage({ tone: "error", text: fieldErrors.chain ?? result.error });
  };

  return (
    <div className="flex flex-col gap-4" data-testid="fallback-chain">
      <p className="text-sm text-muted-foreground">
        When {detail.currentModel ? modelDisplayName(detail.currentModel) : detail.useCase.currentModelId} is throttled, times out or fails with a 5xx, requests
        move down this list; a failing model cools down for {detail.useCase.cooldownSeconds} seconds.
      </p>
      {chain.length === 0 ? (
        <p className="rounded-md border border-dashed px-3 py-4 text-sm text-muted-foreground">No fallback: a failing call fails.</p>
      ) : (
        <ol className="flex flex-col gap-2" aria-label={`Fallback chain of ${name}`}>
          {chain.map((id, index) => {
            const error = errors[String(index)];
            const until = cooling.get(id);
            const label = entryName(id);
            return (
              <li key={id} data-model-id={id} className="flex flex-wrap items-center gap-3 rounded-md border px-3 py-2" aria-invalid={error ? true : undefined}>
                <span className="w-5 text-right text-sm text-muted-foreground tabular-nums">{index + 1}.</span>
                <div className="flex min-w-0 flex-1 flex-col">
                  <span className="flex flex-wrap items-center gap-1.5 text-sm font-medium">
                    {label}
                    {isDisabled(id) ? <Badge variant="destructive">Disabled</Badge> : null}
                    {until ? (
                      <Badge variant="warning">
                        <Snowflake aria-hidden="true" />
                        Cooling down until {formatDateTime(until)}
                      </Badge>
                    ) : null}
                  </span>
                  <span className="font-mono text-xs break-all text-muted-foreground">{id}</span>
                  {error ? <span className="text-sm text-destructive">{error}</span> : null}
                </div>
                {canEdit ? (
                  <div className="flex gap-1">
                    <Button
                      type="button"
                      size="icon-sm"
                      variant="ghost"
                      disabled={index === 0 || pending}
                      onClick={() => moveBy(index, -1)}
                      aria-label={`Move ${label} up`}
                    >
                      <ArrowUp aria-hidden="true" />
                    </Button>
                    <Button
                      type="button"
                      size="icon-sm"
                      variant="ghost"
                      disabled={index === chain.length - 1 || pending}
                      onClick={() => moveBy(index, 1)}
                      aria-label={`Move ${label} down`}
                    >
                      <ArrowDown aria-hidden="true" />
                    </Button>
                    <Button
                      type="button"
                      size="icon-sm"
                      variant="ghost"
                      disabled={pending}
                      onClick={() => edit(chain.filter((x) => x !== id))}
                      aria-label={`Remove ${label}`}
                    >
                      <Trash2 aria-hidden="true" />
                    </Button>
                  </div>
                ) : null}
              </li>
            );
          })}
        </ol>
      )}

      {canEdit ? (
        <div className="flex flex-wrap items-end gap-2">
          <div className="flex min-w-64 flex-1 flex-col gap-1.5">
            <Label htmlFor={selectId}>Add a model</Label>
            <Select id={selectId} value={adding} onChange={(e) => setAdding(e.target.value)} disabled={pending || chain.length >= MAX_CHAIN}>
              <option value="">{chain.length >= MAX_CHAIN ? `The chain is full (${MAX_CHAIN} models)` : "Choose a model…"}</option>
              {fitting.length > 0 ? (
                <optgroup label={`Fit the ${name} policy`}>
                  {fitting.map((m) => (
                    <option key={m.modelId} value={m.modelId}>
                      {m.name} ({m.modelId})
                    </option>
                  ))}
                </optgroup>
              ) : null}
              {others.length > 0 ? (
                <optgroup label="Other enabled models">
                  {others.map((m) => (
                    <option key={m.modelId} value={m.modelId}>
                      {m.name} ({m.modelId})
                    </option>
                  ))}
                </optgroup>
              ) : null}
            </Select>
          </div>
          <Button
            type="button"
            variant="outline"
            disabled={!adding || pending || chain.length >= MAX_CHAIN}
            onClick={() => {
              edit([...chain, adding]);
              setAdding("");
            }}
          >
            <Plus aria-hidden="true" />
            Add
          </Button>
        </div>
      ) : null}

      {message ? (
        <InlineAlert tone={message.tone} data-testid="chain-message">
          {message.text}
        </InlineAlert>
      ) : null}

      {canEdit ? <SaveBar label="Save chain" pending={pending} dirty={dirty} onSave={() => void save()} onReset={() => edit(base)} /> : null}
    </div>
  );
}
