import Link from "next/link";
import { TriangleAlert } from "lucide-react";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { LifecycleBadge } from "@/components/models/lifecycle-badge";
import { lifecycleOf } from "@/components/models/lifecycle";
import { actorDisplay, labelForUseCase } from "@/lib/labels";
import { formatDateTime, formatInteger, formatPct, formatUsd } from "@/lib/format";
import { cn } from "@/lib/utils";
import type { OverviewData } from "@/server/analytics/service";
import { ModelChange, SwitchTypeBadge } from "./history-table";
import { labelOf } from "@/lib/model-labels";

function Kpi({
  label,
  value,
  detail,
  testId,
  tone,
  href,
}: {
  label: string;
  value: React.ReactNode;
  detail?: React.ReactNode;
  testId: string;
  tone?: "warning";
  href?: string;
}) {
  return (
    <div className={cn("flex flex-col gap-1 rounded-xl border bg-card p-4 shadow-sm", tone === "warning" && "border-warning/50 bg-warning/5")}>
      <span className="text-sm text-muted-foreground">
        {href ? (
          <Link href={href} className="underline-offset-4 hover:underline">
            {label}
          </Link>
        ) : (
          label
        )}
      </span>
      <span className="text-2xl font-semibold tabular-nums" data-testid={testId}>
        {value}
      </span>
      {detail ? <span className="text-xs text-muted-foreground">{detail}</span> : null}
    </div>
  );
}

/** The headline numbers: recent switching, the monthly bill and its saving, and the models the product depends on. */
export function OverviewKpis({ data }: { data: OverviewData }) {
  const { kpis, costs, modelsInUse, models, labels, today } = data;
  const byId = new Map(models.map((m) => [m.modelId, m]));
  const atRisk = modelsInUse.filter((m) => {
    const model = byId.get(m.modelId);
    return model ? lifecycleOf(model, today).kind !== "active" : false;
  });
  const autoShare = kpis.total ? (100 * kpis.auto) / kpis.total : null;
  return (
    <div className="grid gap-4 sm:grid-cols-2 xl:grid-cols-5" data-testid="overview-kpis">
      <Kpi
        label="Switches, last 7 days"
        value={formatInteger(kpis.total)}
        detail={`${formatInteger(kpis.auto)} auto · ${formatInteger(kpis.manual)} manual · ${formatInteger(kpis.fallback)} fallback`}
        testId="kpi-switches-7d"
        href="/history"
      />
      <Kpi label="Auto share, last 7 days" value={formatPct(autoShare)} detail="of all switches were automatic" testId="kpi-auto-share" href="/adoption" />
      <Kpi
        label="Monthly cost estimate"
        value={`${formatUsd(costs.currentUsd)}/mo`}
        detail={
          costs.baselineModelId ? (
            <span data-testid="kpi-saving">
              {costs.savingUsd >= 0
                ? `Saves ${formatUsd(costs.savingUsd)} (${formatPct(costs.savingPct)}) against all on ${labelOf(labels, costs.baselineModelId)}`
                : `${formatUsd(-costs.savingUsd)} more than all on ${labelOf(labels, costs.baselineModelId)}`}
            </span>
          ) : undefined
        }
        testId="kpi-monthly-cost"
        href="/costs"
      />
      <Kpi
        label="Models in use"
        value={formatInteger(modelsInUse.length)}
        detail={modelsInUse.map((m) => labelOf(labels, m.modelId)).join(", ") || "—"}
        testId="kpi-models-in-use"
      />
      <Kpi
        label="Legacy or near end of life"
        value={
          <span className="inline-flex items-center gap-2">
            {atRisk.length ? <TriangleAlert aria-hidden="true" className="size-5 text-amber-700 dark:text-warning" /> : null}
            {formatInteger(atRisk.length)}
          </span>
        }
        detail={atRisk.length ? atRisk.map((m) => labelOf(labels, m.modelId)).join(", ") : "Every model in use is active."}
        testId="kpi-models-at-risk"
        tone={atRisk.length ? "warning" : undefined}
        href="/models?lifecycle=near-eol"
      />
    </div>
  );
}

/** Each use case: its model, what it costs a month, and its last switch. */
export function UseCaseOverviewTable({ data }: { data: OverviewData }) {
  const byId = new Map(data.models.map((m) => [m.modelId, m]));
  return (
    <Card className="gap-4">
      <CardHeader>
        <CardTitle>
          <h2 className="text-base">Use cases</h2>
        </CardTitle>
        <CardDescription>The model serving each use case now, its monthly cost estimate and its last switch.</CardDescription>
      </CardHeader>
      <CardContent>
        <Table containerClassName="rounded-md border" data-testid="overview-use-cases">
          <caption className="sr-only">Use cases with their current model, monthly cost and last switch</caption>
          <TableHeader>
            <TableRow>
              <TableHead scope="col">Use case</TableHead>
              <TableHead scope="col">Current model</TableHead>
              <TableHead scope="col" className="text-right">
                Cost a month
              </TableHead>
              <TableHead scope="col">Last switch</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {data.useCases.map((u) => {
              const model = byId.get(u.currentModelId);
              const last = u.lastSwitch;
              return (
                <TableRow key={u.name} data-use-case={u.name}>
                  <TableHead scope="row" className="font-medium text-foreground">
                    <Link href={`/history?useCase=${encodeURIComponent(u.name)}`} className="underline-offset-4 hover:underline">
                      {labelForUseCase(u.name)}
                    </Link>
                  </TableHead>
                  <TableCell>
                    <div className="flex flex-wrap items-center gap-2">
                      <span className="font-medium" title={u.currentModelId}>
                        {labelOf(data.labels, u.currentModelId)}
                      </span>
                      {model ? <LifecycleBadge model={model} today={data.today} /> : null}
                    </div>
                  </TableCell>
                  <TableCell className="text-right">
                    <span className="font-mono tabular-nums" data-testid="monthly-cost-usd">
                      {u.monthlyUsd === null ? "—" : formatUsd(u.monthlyUsd)}
                    </span>
                    <span className="block text-xs text-muted-foreground" data-testid="monthly-cost-basis">
                      {u.basisLabel}
                    </span>
                  </TableCell>
                  <TableCell className="min-w-56">
                    {last ? (
                      <div className="flex flex-col gap-1">
                        <span className="flex flex-wrap items-center gap-2 text-sm">
                          <SwitchTypeBadge type={last.switchType} />
                          <ModelChange from={last.previousModelId} to={last.newModelId} labels={data.labels} />
                        </span>
                        <span className="text-xs text-muted-foreground">
                          <time dateTime={last.timestamp}>{formatDateTime(last.timestamp)}</time> by{" "}
                          <span data-testid="last-switch-actor">{actorDisplay(last)}</span>
                        </span>
                      </div>
                    ) : (
                      <span className="text-muted-foreground">Never switched</span>
                    )}
                  </TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      </CardContent>
    </Card>
  );
}
