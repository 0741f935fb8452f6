"use client";

import * as React from "react";
import { ArrowLeftRight, Snowflake } from "lucide-react";
import { UseCaseSwitchFlow } from "@/components/switching/use-case-switch-flow";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from "@/components/ui/card";
import { labelForUseCase } from "@/lib/labels";
import { formatPrice, formatUsd } from "@/lib/format";
import { cn } from "@/lib/utils";
import type { UseCaseDetail } from "@/server/use-cases/detail";
import { PolicySummary } from "./policy-summary";
import { useUseCase } from "./use-use-case";
import { modelDisplayName } from "@/lib/model-labels";

type UseCaseCardProps = {
  initial: UseCaseDetail;
  isAdmin: boolean;
  selected: boolean;
  onManage: () => void;
};

/** One use case at a glance: what serves it, what that costs, its policy; "Change model" for admins. */
export function UseCaseCard({ initial, isAdmin, selected, onManage }: UseCaseCardProps) {
  const { data } = useUseCase(initial.useCase.name, initial);
  const detail = data ?? initial;
  const { useCase, currentModel } = detail;
  const [switching, setSwitching] = React.useState(false);
  const [status, setStatus] = React.useState<string | null>(null);
  const cost = detail.monthlyCost;
  const titleId = `use-case-${useCase.name}-title`;

  return (
    <Card data-use-case={useCase.name} aria-labelledby={titleId} role="region" className={cn("gap-4", selected && "border-ring ring-[3px] ring-ring/30")}>
      <CardHeader>
        <CardTitle id={titleId} className="text-lg">
          {labelForUseCase(useCase.name)}
        </CardTitle>
        <CardDescription>{useCase.description || "No description."}</CardDescription>
      </CardHeader>
      <CardContent className="flex flex-col gap-3">
        <div className="rounded-md border p-3" data-testid="current-model">
          <p className="text-xs text-muted-foreground">Current model</p>
          <p className="font-medium" data-testid="current-model-name">
            {currentModel ? modelDisplayName(currentModel) : useCase.currentModelId}
          </p>
          <p className="font-mono text-xs break-all text-muted-foreground" data-testid="current-model-id">
            {useCase.currentModelId}
          </p>
          {currentModel ? (
            <>
              <p className="text-xs text-muted-foreground tabular-nums">
                {formatPrice(currentModel.inputPricePerMTok)} in · {formatPrice(currentModel.outputPricePerMTok)} out per MTok
              </p>
              {cost?.monthlyUsd != null ? (
                <p className="text-xs text-muted-foreground tabular-nums" data-testid="monthly-cost">
                  About <span data-testid="monthly-cost-usd">{formatUsd(cost.monthlyUsd)}</span>/month, from the{" "}
                  <span data-testid="monthly-cost-basis">{cost.basisLabel}</span>
                </p>
              ) : null}
            </>
          ) : (
            <p className="text-xs text-destructive">Not in the catalog any more.</p>
          )}
        </div>
        {detail.traffic.rows.length > 0 ? (
          <p className="text-sm" data-testid="card-split">
            <span className="text-muted-foreground">Traffic split: </span>
            {detail.traffic.shares
              .map(
                (s) =>
                  `${s.weight}% ${s.modelId === useCase.currentModelId ? (currentModel ? modelDisplayName(currentModel) : s.modelId) : (detail.traffic.choices.find((c) => c.modelId === s.modelId)?.name ?? s.modelId)}`,
              )
              .join(" · ")}
          </p>
        ) : null}
        <PolicySummary policy={useCase} />
        {detail.cooldowns.length > 0 ? (
          <p className="flex items-center gap-1.5 text-sm text-amber-800 dark:text-warning">
            <Snowflake aria-hidden="true" className="size-4" />
            {detail.cooldowns.length} model{detail.cooldowns.length > 1 ? "s" : ""} cooling down
          </p>
        ) : null}
        {status ? (
          <p role="status" className="text-sm text-green-800 dark:text-success">
            {status}
          </p>
        ) : null}
      </CardContent>
      <CardFooter className="mt-auto flex flex-wrap gap-2">
        {isAdmin ? (
          <Button type="button" size="sm" onClick={() => setSwitching(true)}>
            <ArrowLeftRight aria-hidden="true" />
            Change model
          </Button>
        ) : null}
        <Button type="button" size="sm" variant="outline" onClick={onManage} aria-pressed={selected}>
          {isAdmin ? "Policy and fallback" : "Details"}
          <span className="sr-only"> of {useCase.name}</span>
        </Button>
        {!useCase.allowAutoSwitch ? <Badge variant="outline">Auto-switch off</Badge> : null}
      </CardFooter>
      {isAdmin ? (
        <UseCaseSwitchFlow
          open={switching}
          onOpenChange={setSwitching}
          useCase={useCase.name}
          currentModelId={useCase.currentModelId}
          onSwitched={(_data, to) => setStatus(`Switched to ${to.name}.`)}
        />
      ) : null}
    </Card>
  );
}
