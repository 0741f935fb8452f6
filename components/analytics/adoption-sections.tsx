import Link from "next/link";
import { ChevronLeft, ChevronRight, Users } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { CategoryBarChart } from "@/components/charts/category-bar-chart";
import { ChartFigure } from "@/components/charts/chart-figure";
import { SWITCH_TYPE_COLORS } from "@/lib/palette";
import { SeriesTable } from "@/components/charts/series-table";
import { formatCount, summarizeShares, toShares, toTimeSeries, type Point } from "@/lib/chart-shape";
import { TimeSeriesChart } from "@/components/charts/time-series-chart";
import { formatDateTime, formatInteger, formatPct } from "@/lib/format";
import type { AutoOutcomes, ModelAdoption, UserPreference } from "@/server/analytics/adoption";
import { BUCKET_NOUN, type Bucket, type Day, type DayRange } from "@/lib/date-range";
import { labelOf, type ModelLabels } from "@/lib/model-labels";

const pct = (part: number, whole: number) => (whole > 0 ? formatPct((100 * part) / whole) : "—");

/** Auto-adoption per model: 100 × auto / all switches to the model (the old system's adoption_pct). */
export function AdoptionByModel({ rows, labels, periodText }: { rows: readonly ModelAdoption[]; labels: ModelLabels; periodText: string }) {
  // The busiest models get a bar; the table below lists every model.
  const busiest = [...rows].sort((a, b) => b.total - a.total).slice(0, 10);
  // One measure, one colour (auto's): a colour per model would suggest categories the bar length already shows.
  const bars = busiest
    .map((r) => ({ id: r.modelId, label: labelOf(labels, r.modelId), value: r.adoptionPct, color: SWITCH_TYPE_COLORS.auto }))
    .sort((a, b) => b.value - a.value);
  const total = rows.reduce((s, r) => s + r.total, 0);
  const auto = rows.reduce((s, r) => s + r.auto, 0);
  const top = [...rows].filter((r) => r.total >= 10).sort((a, b) => b.adoptionPct - a.adoptionPct)[0];
  const summary = rows.length
    ? `${formatInteger(total)} switches to ${rows.length} ${rows.length === 1 ? "model" : "models"} ${periodText}; ${pct(auto, total)} of them were auto switches.` +
      (top ? ` Highest adoption: ${labelOf(labels, top.modelId)} at ${formatPct(top.adoptionPct)} of ${formatInteger(top.total)}.` : "")
    : `No switches ${periodText}.`;
  return (
    <ChartFigure
      title="Auto-adoption per model"
      description="Share of the switches to each model that were auto switches (100 × auto / all), for the ten busiest models."
      summary={summary}
      empty={rows.length === 0}
      emptyText="No switches in this period"
      testId="chart-adoption"
      table={<AdoptionTable rows={rows} labels={labels} />}
    >
      <CategoryBarChart bars={bars} unit="%" max={100} label={summary} />
    </ChartFigure>
  );
}

export function AdoptionTable({ rows, labels }: { rows: readonly ModelAdoption[]; labels: ModelLabels }) {
  return (
    <Table data-testid="adoption-table">
      <caption className="sr-only">Switches and auto-adoption per model</caption>
      <TableHeader className="sticky top-0 bg-card">
        <TableRow>
          <TableHead scope="col">Model</TableHead>
          <TableHead scope="col" className="text-right">
            Switches
          </TableHead>
          <TableHead scope="col" className="text-right">
            Auto
          </TableHead>
          <TableHead scope="col" className="text-right">
            Manual
          </TableHead>
          <TableHead scope="col" className="text-right">
            Fallback
          </TableHead>
          <TableHead scope="col" className="text-right">
            Adoption
          </TableHead>
          <TableHead scope="col" className="text-right">
            Auto reverted
          </TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {rows.map((r) => (
          <TableRow key={r.modelId} data-model-id={r.modelId}>
            <TableHead scope="row" className="h-auto py-1.5 font-normal text-foreground" title={r.modelId}>
              {labelOf(labels, r.modelId)}
            </TableHead>
            <TableCell className="py-1.5 text-right font-mono tabular-nums">{formatInteger(r.total)}</TableCell>
            <TableCell className="py-1.5 text-right font-mono tabular-nums">{formatInteger(r.auto)}</TableCell>
            <TableCell className="py-1.5 text-right font-mono tabular-nums">{formatInteger(r.manual)}</TableCell>
            <TableCell className="py-1.5 text-right font-mono tabular-nums">{formatInteger(r.fallback)}</TableCell>
            <TableCell className="py-1.5 text-right font-mono tabular-nums" data-cell="adoption">
              {formatPct(r.adoptionPct)}
            </TableCell>
            <TableCell className="py-1.5 text-right font-mono tabular-nums">
              {formatInteger(r.reverted)} <span className="text-muted-foreground">({pct(r.reverted, r.auto)})</span>
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

/** Kept against reverted auto switches, as one proportional bar with the numbers beside it. */
export function AutoOutcomesCard({ outcomes, periodText }: { outcomes: AutoOutcomes; periodText: string }) {
  const { auto, kept, reverted, pending } = outcomes;
  const parts = [
    { key: "kept", label: "Kept", value: kept, color: SWITCH_TYPE_COLORS.auto },
    { key: "reverted", label: "Reverted within 24 h", value: reverted, color: "var(--chart-5)" },
    { key: "pending", label: "Too recent to tell", value: pending, color: "var(--chart-8)" },
  ];
  const summary = auto
    ? `${formatInteger(auto)} auto switches ${periodText}: ${formatInteger(kept)} kept (${pct(kept, auto)}), ${formatInteger(reverted)} reverted by a manual switch within 24 hours (${pct(reverted, auto)})` +
      (pending ? `, ${formatInteger(pending)} younger than 24 hours.` : ".")
    : `No auto switches ${periodText}.`;
  return (
    <Card className="gap-4" data-testid="adoption-outcomes">
      <CardHeader>
        <CardTitle>
          <h2 className="text-base">Auto switches kept or reverted</h2>
        </CardTitle>
        <CardDescription>Reverted: the next switch of the same use case or conversation was a manual one, within 24 hours of the auto switch.</CardDescription>
      </CardHeader>
      <CardContent className="flex flex-col gap-4">
        <p className="text-sm text-muted-foreground" data-testid="adoption-outcomes-summary">
          {summary}
        </p>
        {auto ? (
          <div aria-hidden="true" className="flex h-4 w-full overflow-hidden rounded-full bg-muted">
            {parts.map((p) =>
              p.value ? (
                <div key={p.key} style={{ width: `${(100 * p.value) / auto}%`, background: p.color }} title={`${p.label}: ${formatInteger(p.value)}`} />
              ) : null,
            )}
          </div>
        ) : null}
        <dl className="grid grid-cols-3 gap-3">
          {parts.map((p) => (
            <div key={p.key} className="flex flex-col gap-0.5">
              <dt className="flex items-center gap-1.5 text-xs text-muted-foreground">
                <span aria-hidden="true" className="size-2.5 rounded-[2px]" style={{ background: p.color }} />
                {p.label}
              </dt>
              <dd className="text-xl font-semibold tabular-nums" data-outcome={p.key}>
                {formatInteger(p.value)}
                <span className="ml-1 text-xs font-normal text-muted-foreground">{pct(p.value, auto)}</span>
              </dd>
            </div>
          ))}
        </dl>
      </CardContent>
    </Card>
  );
}

/** Each model's share of invocations per period (100% stacked). */
export function TrafficShareChart({
  points,
  range,
  bucket,
  labels,
  today,
}: {
  points: readonly Point[];
  range: DayRange;
  bucket: Bucket;
  labels: ModelLabels;
  /** Today (UTC): its bucket is drawn as still counting. */
  today: Day;
}) {
  const counts = toTimeSeries({ points, range, bucket, today, label: (id) => labelOf(labels, id), otherLabel: "Other models" });
  const shares = toShares(counts);
  const summary = summarizeShares(counts, "invocations");
  return (
    <ChartFigure
      title="Share of traffic per model"
      description={`Each model's share of the invocations per ${BUCKET_NOUN[bucket]}, from ${range.from} to ${range.to}.`}
      summary={summary}
      empty={counts.total === 0}
      emptyText="No invocations in this period"
      legend={counts.series}
      testId="chart-traffic-share"
      table={<SeriesTable data={counts} caption={`Invocations per ${BUCKET_NOUN[bucket]} by model`} />}
    >
      <TimeSeriesChart data={shares} kind="share-area" label={summary} />
    </ChartFigure>
  );
}

/** One page of users with their preferences (from the view user_model_preferences). */
export function PreferencesTable({
  users,
  labels,
  page,
  totalPages,
  totalUsers,
  pageHref,
}: {
  users: readonly UserPreference[];
  labels: ModelLabels;
  page: number;
  totalPages: number;
  totalUsers: number;
  pageHref: (page: number) => string;
}) {
  return (
    <Card className="gap-4">
      <CardHeader>
        <CardTitle>
          <h2 className="text-base">Each user&apos;s preferences</h2>
        </CardTitle>
        <CardDescription>
          From the view user_model_preferences (all time): the models each person switched to most. {formatInteger(totalUsers)}{" "}
          {totalUsers === 1 ? "person has" : "people have"} switched a model.
        </CardDescription>
      </CardHeader>
      <CardContent className="flex flex-col gap-3">
        {users.length ? (
          <Table containerClassName="rounded-md border" data-testid="preferences-table">
            <caption className="sr-only">Users and the models they prefer</caption>
            <TableHeader>
              <TableRow>
                <TableHead scope="col">User</TableHead>
                <TableHead scope="col">Preferred model</TableHead>
                <TableHead scope="col">Then</TableHead>
                <TableHead scope="col" className="text-right">
                  Switches
                </TableHead>
                <TableHead scope="col">Last switch (UTC)</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {users.map((u) => {
                const [top, ...rest] = u.models;
                const last = u.models.reduce<string | null>((m, x) => (m === null || x.lastSwitchedAt > m ? x.lastSwitchedAt : m), null);
                return (
                  <TableRow key={u.userId} data-user-id={u.userId}>
                    <TableHead scope="row" className="h-auto py-2 font-normal text-foreground">
                      <span className="font-medium">{u.name}</span>
                      <span className="block text-xs text-muted-foreground">
                        {u.email} ·{" "}
                        <Badge variant="outline" className="px-1 py-0 text-[10px]">
                          {u.role}
                        </Badge>
                      </span>
                    </TableHead>
                    <TableCell>
                      {top ? (
                        <>
                          <span className="font-medium" title={top.modelId}>
                            {labelOf(labels, top.modelId)}
                          </span>
                          <span className="block text-xs text-muted-foreground tabular-nums">
                            {formatInteger(top.switchCount)} switches · {formatInteger(top.manualCount)} manual · {formatInteger(top.autoCount)} auto
                          </span>
                        </>
                      ) : (
                        "—"
                      )}
                    </TableCell>
                    <TableCell className="text-sm text-muted-foreground">
                      {rest.length ? rest.map((m) => `${labelOf(labels, m.modelId)} (${formatCount(m.switchCount)})`).join(", ") : "—"}
                      {u.modelCount > u.models.length ? ` and ${u.modelCount - u.models.length} more` : ""}
                    </TableCell>
                    <TableCell className="text-right font-mono tabular-nums">{formatInteger(u.totalSwitches)}</TableCell>
                    <TableCell className="font-mono text-xs whitespace-nowrap tabular-nums">{formatDateTime(last).replace(" UTC", "")}</TableCell>
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
        ) : (
          <EmptyState icon={<Users />} title="Nobody has switched a model yet" />
        )}
        {totalPages > 1 ? (
          <nav aria-label="Pages of users" className="flex items-center justify-between gap-3">
            <p className="text-sm text-muted-foreground">
              Page {formatInteger(page)} of {formatInteger(totalPages)}
            </p>
            <div className="flex gap-2">
              {page > 1 ? (
                <Button asChild variant="outline" size="sm">
                  <Link href={pageHref(page - 1)} scroll={false}>
                    <ChevronLeft aria-hidden="true" />
                    Previous
                  </Link>
                </Button>
              ) : (
                <Button variant="outline" size="sm" disabled>
                  <ChevronLeft aria-hidden="true" />
                  Previous
                </Button>
              )}
              {page < totalPages ? (
                <Button asChild variant="outline" size="sm">
                  <Link href={pageHref(page + 1)} scroll={false}>
                    Next
                    <ChevronRight aria-hidden="true" />
                  </Link>
                </Button>
              ) : (
                <Button variant="outline" size="sm" disabled>
                  Next
                  <ChevronRight aria-hidden="true" />
                </Button>
              )}
            </div>
          </nav>
        ) : null}
      </CardContent>
    </Card>
  );
}
