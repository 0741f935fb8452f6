"use client";

import * as React from "react";
import { LoaderCircle, ShieldCheck } from "lucide-react";
import { validateModelAction } from "@/actions/dashboard";
import { CheckList } from "@/components/switching/check-list";
import { InlineAlert } from "@/components/switching/inline-alert";
import type { CheckResult } from "@/components/switching/types";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";
import { labelForUseCase } from "@/lib/labels";
import { useAction } from "@/components/use-action";

type Validation = { valid: boolean; checks: CheckResult[]; useCase: string | null; probed: boolean };

/**
 * Validate a catalog entry: every check with its verdict and a detail a person can act on, optionally against a use
 * case's policy and with a one-token probe call. Changes nothing.
 */
export function ModelValidatePanel({ modelId, useCases }: { modelId: string; useCases: string[] }) {
  const [useCase, setUseCase] = React.useState("");
  const [probe, setProbe] = React.useState(false);
  const { run: validateModel, pending } = useAction(validateModelAction);
  const [result, setResult] = React.useState<Validation | null>(null);
  const [error, setError] = React.useState<string | null>(null);
  const id = React.useId();

  const run = async (event: React.FormEvent) => {
    event.preventDefault();
    setError(null);
    const r = await validateModel({ modelId, ...(useCase ? { useCase } : {}), probe });
    if (!r.ok) return setError(r.error);
    setResult({ valid: r.data.valid, checks: r.data.checks, useCase: useCase || null, probed: probe });
  };

  const failed = result?.checks.filter((c) => c.status === "fail").length ?? 0;
  const warned = result?.checks.filter((c) => c.status === "warn").length ?? 0;

  return (
    <div className="flex flex-col gap-3" data-testid="validate-panel">
      <form onSubmit={run} className="flex flex-wrap items-end gap-3">
        <div className="flex min-w-44 flex-1 flex-col gap-1.5">
          <Label htmlFor={`${id}-use-case`}>Against the policy of</Label>
          <Select id={`${id}-use-case`} value={useCase} onChange={(e) => setUseCase(e.target.value)}>
            <option value="">No use case (model checks only)</option>
            {useCases.map((u) => (
              <option key={u} value={u}>
                {labelForUseCase(u)}
              </option>
            ))}
          </Select>
        </div>
        <Label htmlFor={`${id}-probe`} className="h-9 font-normal">
          <Checkbox id={`${id}-probe`} checked={probe} onChange={(e) => setProbe(e.target.checked)} />
          Probe with a one-token call
        </Label>
        <Button type="submit" variant="outline" disabled={pending}>
          {pending ? <LoaderCircle aria-hidden="true" className="animate-spin" /> : <ShieldCheck aria-hidden="true" />}
          {pending ? "Validating…" : "Validate"}
        </Button>
      </form>
      {error ? <InlineAlert tone="error">{error}</InlineAlert> : null}
      {result ? (
        <div className="flex flex-col gap-3 rounded-lg border p-3" data-testid="validation-result" data-valid={result.valid}>
          <p role="status" className="text-sm font-medium">
            {result.valid ? "Valid" : "Not valid"}
            {result.useCase ? ` for ${result.useCase}` : ""}: {result.checks.length} checks, {failed} failed, {warned} {warned === 1 ? "warning" : "warnings"}.
          </p>
          <CheckList checks={result.checks} />
        </div>
      ) : null}
    </div>
  );
}
