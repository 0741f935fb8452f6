"use client";

import * as React from "react";
import { ArrowLeftRight } from "lucide-react";
import { UseCaseSwitchFlow } from "@/components/switching/use-case-switch-flow";
import { Button } from "@/components/ui/button";
import { Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";
import type { CatalogModel } from "@/lib/catalog-model";
import type { UseCaseSummary } from "@/server/use-cases/summaries";
import { labelForUseCase } from "@/lib/labels";
import { modelDisplayName } from "@/lib/model-labels";

/** Admins: make this entry the model of a use case, through the confirmation dialog (from, to, cost, reason). */
export function ModelSwitchPanel({ model, useCases }: { model: CatalogModel; useCases: UseCaseSummary[] }) {
  const [name, setName] = React.useState(() => useCases.find((u) => u.currentModelId !== model.modelId)?.name ?? useCases[0]?.name ?? "");
  const [open, setOpen] = React.useState(false);
  const [status, setStatus] = React.useState<string | null>(null);
  const id = React.useId();
  const target = useCases.find((u) => u.name === name);
  const alreadyUses = target?.currentModelId === model.modelId;

  if (!model.enabled) {
    return <p className="text-sm text-muted-foreground">This entry is disabled; enable it in the catalog before switching a use case to it.</p>;
  }

  return (
    <div className="flex flex-col gap-3" data-testid="switch-panel">
      <div className="flex flex-wrap items-end gap-3">
        <div className="flex min-w-44 flex-1 flex-col gap-1.5">
          <Label htmlFor={`${id}-use-case`}>Use case</Label>
          <Select
            id={`${id}-use-case`}
            value={name}
            onChange={(e) => {
              setName(e.target.value);
              setStatus(null);
            }}
          >
            {useCases.map((u) => (
              <option key={u.name} value={u.name}>
                {labelForUseCase(u.name)}
                {u.currentModelId === model.modelId ? " (uses this model)" : ""}
              </option>
            ))}
          </Select>
        </div>
        <Button type="button" onClick={() => setOpen(true)} disabled={!target || alreadyUses}>
          <ArrowLeftRight aria-hidden="true" />
          Switch a use case to this model…
        </Button>
      </div>
      {alreadyUses ? <p className="text-sm text-muted-foreground">{name} already uses this model.</p> : null}
      {status ? (
        <p role="status" className="text-sm text-green-800 dark:text-success">
          {status}
        </p>
      ) : null}
      {target ? (
        <UseCaseSwitchFlow
          open={open}
          onOpenChange={setOpen}
          useCase={target.name}
          currentModelId={target.currentModelId}
          targetModelId={model.modelId}
          onSwitched={() => setStatus(`${target.name} now uses ${modelDisplayName(model)}.`)}
        />
      ) : null}
    </div>
  );
}
