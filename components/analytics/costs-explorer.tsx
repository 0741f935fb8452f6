"use client";

import { useEffect, useId, useMemo, useState } from "react";
import { usePathname, useRouter } from "next/navigation";
import { ArrowRightLeft } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";
import { Table, TableBody, TableCell, TableFooter, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { ChartFigure } from "@/components/charts/chart-figure";
import { chartColor } from "@/lib/palette";
import type { SeriesDef } from "@/lib/chart-shape";
import { TimeSeriesChart } from "@/components/charts/time-series-chart";
import { labelForUseCase } from "@/lib/labels";
import { UseCaseSwitchFlow } from "@/components/switching/use-case-switch-flow";
import { costImpact, costReport, defaultBaselineId, type PricedModel, type UseCaseMonthlyCost, type UseCaseVolume } from "@/lib/cost";
import { formatDays, formatInteger, formatPct, formatPrice, formatTokensCompact, formatUsd, formatUsdDelta } from "@/lib/format";
import { cn } from "@/lib/utils";
import { serializeCostsView, type CostsView } from "@/lib/costs-view";
import { isEmbeddingModel, labelOf, type ModelLabels } from "@/lib/model-labels";

export type CostsModel = PricedModel & { provider: string; enabled: boolean; outputModalities: readonly string[] };

function Kpi({ label, value, detail, testId }: { label: string; value: string; detail?: React.ReactNode; testId: string }) {
  return (
    <div className="flex flex-col gap-1 rounded-xl border bg-card p-4 shadow-sm">
      <span className="text-sm text-muted-foreground">{label}</span>
      <span className="text-2xl font-semibold tabular-nums" data-testid={testId}>
        {value}
      </span>
      {detail ? <span className="text-xs text-muted-foreground">{detail}</span> : null}
    </div>
  );
}

function deltaTone(delta: number) {
  return delta > 0.005 ? "text-red-700 dark:text-destructive" : delta < -0.005 ? "text-green-700 dark:text-success" : "";
}

/** Model options grouped by provider, with their prices, for the baseline and what-if selects. */
function ModelOptions({ models, labels, highlight }: { models: readonly CostsModel[]; labels: ModelLabels; highlight?: readonly string[] }) {
  const providers = [...new Set(models.map((m) => m.provider))].sort();
  const option = (m: CostsModel) => (
    <option key={m.modelId} value={m.modelId}>
      {labelOf(labels, m.modelId)} —{" "}
      {isEmbeddingModel(m)
        ? `embedding model, ${formatPrice(m.inputPricePerMTok)} in, no output tokens`
        : `${formatPrice(m.inputPricePerMTok)} in / ${formatPrice(m.outputPricePerMTok)} out`}
    </option>
  );
  const first = highlight?.length ? models.filter((m) => highlight.includes(m.modelId)) : [];
  return (
    <>
      {first.length ? <optgroup label="In use now">{first.map(option)}</optgroup> : null}
      {providers.map((p) => (
        <optgroup key={p} label={p}>
          {models.filter((m) => m.provider === p).map(option)}
        </optgroup>
      ))}
    </>
  );
}

/**
 * Monthly cost per use case at the current assignments against a baseline, and a what-if per use case. The monthly
 * volumes (and their basis) are the server's one cost figure; baselines and what-ifs are priced here from those
 * volumes, so trying models costs no round trip; the view is mirrored into the URL. The what-if offers only the models
 * each use case's policy allows. Only admins get the switch action, and the server action checks that again.
 */
export function CostsExplorer({
  figures,
  whatIfModels,
  models,
  labels,
  initial,
  canSwitch,
}: {
  figures: UseCaseMonthlyCost[];
  /** Per use case, the models that can serve it. */
  whatIfModels: Record<string, string[]>;
  models: CostsModel[];
  labels: ModelLabels;
  initial: CostsView;
  canSwitch: boolean;
}) {
  const id = useId();
  const pathname = usePathname();
  const router = useRouter();
  const [view, setView] = useState<CostsView>(initial);
  const [switching, setSwitching] = useState<{ useCase: string; modelId: string } | null>(null);

  const volumes = useMemo<UseCaseVolume[]>(() => figures.map((f) => ({ useCase: f.useCase, currentModelId: f.currentModelId, volume: f.volume })), [figures]);
  const priced = useMemo(() => new Map<string, PricedModel>(models.map((m) => [m.modelId, m])), [models]);
  const defaultBaseline = useMemo(() => defaultBaselineId(volumes, priced), [volumes, priced]);
  const baselineId = view.baseline ?? defaultBaseline;
  const current = useMemo(() => (baselineId ? costReport({ volumes, models: priced, baselineModelId: baselineId }) : null), [volumes, priced, baselineId]);
  const withWhatIf = useMemo(
    () => (baselineId && Object.keys(view.whatIf).length ? costReport({ volumes, models: priced, baselineModelId: baselineId, overrides: view.whatIf }) : null),
    [volumes, priced, baselineId, view.whatIf],
  );

  useEffect(() => {
    const query = serializeCostsView(view, { baseline: defaultBaseline });
    const next = query ? `${pathname}?${query}` : pathname;
    if (next !== `${window.location.pathname}${window.location.search}`) window.history.replaceState(window.history.state, "", next);
  }, [view, pathname, defaultBaseline]);

  const selectable = models.filter((m) => m.enabled || volumes.some((v) => v.currentModelId === m.modelId));
  const inUse = [...new Set(volumes.map((v) => v.currentModelId))];

  if (!current || !baselineId) {
    return <p className="text-sm text-muted-foreground">No use cases yet, so there is nothing to estimate.</p>;
  }

  const baselineLabel = labelOf(labels, baselineId);
  const series: SeriesDef[] = [
    { key: "s0", id: "current", label: "Current assignments", color: chartColor(0), total: current.totals.currentUsd },
    { key: "s1", id: "baseline", label: `All on ${baselineLabel}`, color: "var(--chart-8)", total: current.totals.baselineUsd },
    ...(withWhatIf ? [{ key: "s2", id: "what-if", label: "With what-ifs", color: chartColor(2), total: withWhatIf.totals.currentUsd }] : []),
  ];
  const chartRows = current.rows.map((r, i) => ({
    bucket: r.useCase,
    label: labelForUseCase(r.useCase),
    title: `${labelForUseCase(r.useCase)} (monthly)`,
    values: { s0: r.currentUsd, s1: r.baselineUsd, ...(withWhatIf ? { s2: withWhatIf.rows[i]!.currentUsd } : {}) },
  }));
  const saving = current.totals.savingUsd;
  const summary =
    `At current assignments the use cases cost about ${formatUsd(current.totals.currentUsd)} a month; ` +
    `everything on ${baselineLabel} would cost ${formatUsd(current.totals.baselineUsd)}, ` +
    (saving >= 0
      ? `so the current mix saves ${formatUsd(saving)} (${formatPct(current.totals.savingPct)}).`
      : `so the current mix costs ${formatUsd(-saving)} more.`) +
    (withWhatIf ? ` With the what-ifs: ${formatUsd(withWhatIf.totals.currentUsd)} a month.` : "");

  const setWhatIf = (useCase: string, modelId: string) =>
    setView((v) => {
      const whatIf = { ...v.whatIf };
      const currentModel = volumes.find((x) => x.useCase === useCase)?.currentModelId;
      if (!modelId || modelId === currentModel) delete whatIf[useCase];
      else whatIf[useCase] = modelId;
      return { ...v, whatIf };
    });

  const switchTarget = switching ? volumes.find((v) => v.useCase === switching.useCase) : undefined;

  return (
    <div className="flex flex-col gap-6">
      <fieldset aria-label="Estimate settings" className="m-0 grid min-w-0 gap-3 border-0 p-0 sm:grid-cols-2 lg:max-w-4xl">
        <div className="flex flex-col gap-1.5">
          <Label htmlFor={`${id}-baseline`} className="text-xs text-muted-foreground">
            Baseline: every use case on
          </Label>
          <Select
            id={`${id}-baseline`}
            value={baselineId}
            onChange={(e) => setView((v) => ({ ...v, baseline: e.target.value === defaultBaseline ? null : e.target.value }))}
          >
            <ModelOptions models={selectable} labels={labels} highlight={inUse} />
          </Select>
        </div>
        <p className="self-end text-xs text-muted-foreground">
          Each use case is priced at its last 30 days of traffic, scaled to a month, once it has calls on at least 7 of those days; until then at its own
          monthly estimate. Each row says which.
        </p>
      </fieldset>

      <div className="grid gap-4 sm:grid-cols-2 xl:grid-cols-4" data-testid="costs-kpis">
        <Kpi label="At current assignments" value={`${formatUsd(current.totals.currentUsd)}/mo`} testId="costs-total-current" />
        <Kpi label={`Baseline: all on ${baselineLabel}`} value={`${formatUsd(current.totals.baselineUsd)}/mo`} testId="costs-total-baseline" />
        <Kpi
          label="Saving against the baseline"
          value={saving >= 0 ? formatUsd(saving) : `${formatUsd(-saving)} more`}
          detail={saving >= 0 ? `${formatPct(current.totals.savingPct)} less a month` : "The current mix costs more than the baseline."}
          testId="costs-saving"
        />
        <Kpi
          label="With your what-ifs"
          value={withWhatIf ? `${formatUsd(withWhatIf.totals.currentUsd)}/mo` : "—"}
          detail={
            withWhatIf ? (
              <span className={deltaTone(withWhatIf.totals.currentUsd - current.totals.currentUsd)}>
                {formatUsdDelta(withWhatIf.totals.currentUsd - current.totals.currentUsd)} a month against today
              </span>
            ) : (
              "Pick a model in the What if column."
            )
          }
          testId="costs-whatif-total"
        />
      </div>

      <ChartFigure
        title="Monthly cost per use case"
        description="Current assignments against the baseline (and your what-ifs)."
        summary={summary}
        empty={current.totals.currentUsd === 0 && current.totals.baselineUsd === 0}
        emptyText="No volume to price yet"
        legend={series}
        testId="chart-costs"
        table={
          <Table>
            <caption className="sr-only">Monthly cost per use case</caption>
            <TableHeader>
              <TableRow>
                <TableHead scope="col">Use case</TableHead>
                {series.map((s) => (
                  <TableHead key={s.key} scope="col" className="text-right">
                    {s.label}
                  </TableHead>
                ))}
              </TableRow>
            </TableHeader>
            <TableBody>
              {chartRows.map((r) => (
                <TableRow key={r.bucket}>
                  <TableHead scope="row" className="font-normal text-foreground">
                    {r.label}
                  </TableHead>
                  {series.map((s) => (
                    <TableCell key={s.key} className="text-right font-mono tabular-nums">
                      {formatUsd((r.values as Record<string, number>)[s.key] ?? 0)}
                    </TableCell>
                  ))}
                </TableRow>
              ))}
            </TableBody>
          </Table>
        }
      >
        <TimeSeriesChart data={{ rows: chartRows, series }} kind="grouped-bar" valueFormat="usd" label={summary} height={260} everyTick />
      </ChartFigure>

      <section aria-labelledby={`${id}-table`} className="flex flex-col gap-3">
        <div>
          <h2 id={`${id}-table`} className="text-lg font-semibold">
            Per use case
          </h2>
          <p className="text-sm text-muted-foreground">
            Cost a month = (input tokens × input price + output tokens × output price) / 1,000,000, at today&apos;s catalog prices. Pick a model under
            &ldquo;What if&rdquo; to see the difference before switching.
          </p>
        </div>
        <Table containerClassName="rounded-md border" data-testid="costs-table">
          <caption className="sr-only">Monthly cost per use case, against the baseline and under a what-if</caption>
          <TableHeader>
            <TableRow>
              <TableHead scope="col">Use case</TableHead>
              <TableHead scope="col">Model now</TableHead>
              <TableHead scope="col" className="text-right">
                Tokens a month
              </TableHead>
              <TableHead scope="col" className="text-right">
                Now
              </TableHead>
              <TableHead scope="col" className="text-right">
                Baseline
              </TableHead>
              <TableHead scope="col" className="text-right">
                Saving
              </TableHead>
              <TableHead scope="col" className="min-w-64">
                What if
              </TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {current.rows.map((r) => {
              const f = figures.find((x) => x.useCase === r.useCase)!;
              const target = view.whatIf[r.useCase];
              const targetModel = target ? priced.get(target) : undefined;
              const currentModel = priced.get(r.currentModelId);
              const impact = targetModel && currentModel ? costImpact(r.volume, currentModel, targetModel) : null;
              const fits = new Set(whatIfModels[r.useCase] ?? []);
              return (
                <TableRow key={r.useCase} data-use-case={r.useCase}>
                  <TableHead scope="row" className="font-medium text-foreground">
                    {labelForUseCase(r.useCase)}
                  </TableHead>
                  <TableCell>
                    <span title={r.currentModelId}>{labelOf(labels, r.currentModelId)}</span>
                  </TableCell>
                  <TableCell className="text-right">
                    <span className="font-mono tabular-nums">
                      {formatTokensCompact(r.volume.inputTokens)} in · {formatTokensCompact(r.volume.outputTokens)} out
                    </span>
                    <span className="block text-xs text-muted-foreground" data-volume-source={r.volume.basis}>
                      <span data-testid="monthly-cost-basis">{f.basisLabel}</span>
                      {r.volume.basis === "traffic" ? ` (${formatInteger(f.traffic.invocations)} calls on ${formatDays(f.traffic.daysWithTraffic)})` : null}
                    </span>
                  </TableCell>
                  <TableCell className="text-right font-mono tabular-nums" data-cell="now" data-testid="monthly-cost-usd">
                    {f.monthlyUsd === null ? "—" : formatUsd(f.monthlyUsd)}
                  </TableCell>
                  <TableCell className="text-right font-mono tabular-nums">{formatUsd(r.baselineUsd)}</TableCell>
                  <TableCell className={cn("text-right font-mono tabular-nums", deltaTone(-r.savingUsd))}>{formatUsd(r.savingUsd)}</TableCell>
                  <TableCell>
                    <div className="flex flex-col gap-1.5">
                      <Label htmlFor={`${id}-wi-${r.useCase}`} className="sr-only">
                        What if {labelForUseCase(r.useCase)} used
                      </Label>
                      <Select id={`${id}-wi-${r.useCase}`} value={target ?? ""} onChange={(e) => setWhatIf(r.useCase, e.target.value)} className="h-8 text-xs">
                        <option value="">Keep {labelOf(labels, r.currentModelId)}</option>
                        <ModelOptions models={selectable.filter((m) => m.modelId !== r.currentModelId && fits.has(m.modelId))} labels={labels} />
                      </Select>
                      {impact ? (
                        <div className="flex flex-wrap items-center gap-2 text-xs" data-testid={`whatif-${r.useCase}`}>
                          <span className="tabular-nums">
                            {formatUsd(impact.nextUsd)}/mo,{" "}
                            <span className={cn("font-semibold", deltaTone(impact.deltaUsd))}>
                              {formatUsdDelta(impact.deltaUsd)} ({formatPct(impact.deltaPct, true)})
                            </span>{" "}
                            against <span data-testid="whatif-current">{formatUsd(impact.currentUsd)}</span>, from the {f.basisLabel}
                          </span>
                          {canSwitch && target ? (
                            <Button
                              type="button"
                              size="sm"
                              variant="outline"
                              className="h-7"
                              onClick={() => setSwitching({ useCase: r.useCase, modelId: target })}
                            >
                              <ArrowRightLeft aria-hidden="true" />
                              Switch…
                            </Button>
                          ) : null}
                        </div>
                      ) : null}
                    </div>
                  </TableCell>
                </TableRow>
              );
            })}
          </TableBody>
          <TableFooter>
            <TableRow>
              <TableHead scope="row" className="text-foreground">
                Total
              </TableHead>
              <TableCell />
              <TableCell />
              <TableCell className="text-right font-mono tabular-nums">{formatUsd(current.totals.currentUsd)}</TableCell>
              <TableCell className="text-right font-mono tabular-nums">{formatUsd(current.totals.baselineUsd)}</TableCell>
              <TableCell className={cn("text-right font-mono tabular-nums", deltaTone(-saving))} data-testid="costs-total-saving">
                {formatUsd(saving)}
              </TableCell>
              <TableCell className="text-xs">
                {withWhatIf ? (
                  <span className="tabular-nums">
                    {formatUsd(withWhatIf.totals.currentUsd)}/mo,{" "}
                    <span className={cn("font-semibold", deltaTone(withWhatIf.totals.currentUsd - current.totals.currentUsd))}>
                      {formatUsdDelta(withWhatIf.totals.currentUsd - current.totals.currentUsd)}
                    </span>
                  </span>
                ) : null}
              </TableCell>
            </TableRow>
          </TableFooter>
        </Table>
      </section>

      {canSwitch && switching && switchTarget ? (
        <UseCaseSwitchFlow
          open
          onOpenChange={(open) => {
            if (!open) setSwitching(null);
          }}
          useCase={switching.useCase}
          currentModelId={switchTarget.currentModelId}
          targetModelId={switching.modelId}
          onSwitched={() => {
            setView((v) => {
              const whatIf = { ...v.whatIf };
              delete whatIf[switching.useCase];
              return { ...v, whatIf };
            });
            setSwitching(null);
            router.refresh();
          }}
        />
      ) : null}
    </div>
  );
}
