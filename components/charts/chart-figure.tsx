import { BarChart3 } from "lucide-react";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { cn } from "@/lib/utils";
import { DataDisclosure } from "./data-disclosure";
import type { SeriesDef } from "@/lib/chart-shape";

/**
 * A chart with its text alternative: the title, a summary sentence anyone can read, the chart, a legend, and a
 * "Show data" disclosure with the numbers as a table.
 * When there is nothing to draw, an empty state replaces the chart and says so.
 */
export function ChartFigure({
  title,
  description,
  summary,
  empty,
  emptyText,
  legend,
  table,
  testId,
  className,
  children,
}: {
  title: string;
  description?: React.ReactNode;
  summary: string;
  empty: boolean;
  emptyText?: string;
  legend?: readonly Pick<SeriesDef, "key" | "label" | "color">[];
  /** The same numbers as the chart. */
  table: React.ReactNode;
  testId: string;
  className?: string;
  children: React.ReactNode;
}) {
  return (
    <Card className={cn("gap-4", className)} data-testid={testId}>
      <CardHeader>
        <CardTitle>
          <h2 className="text-base">{title}</h2>
        </CardTitle>
        {description ? <CardDescription>{description}</CardDescription> : null}
      </CardHeader>
      <CardContent className="flex flex-col gap-3">
        <p className="text-sm text-muted-foreground" data-testid={`${testId}-summary`} aria-live="polite">
          {summary}
        </p>
        {empty ? (
          <EmptyState icon={<BarChart3 />} title={emptyText ?? "Nothing to chart"} description="Widen the range or clear a filter." />
        ) : (
          <>
            <figure className="m-0">{children}</figure>
            {legend?.length ? <ChartLegend items={legend} /> : null}
          </>
        )}
        <DataDisclosure>{table}</DataDisclosure>
      </CardContent>
    </Card>
  );
}

export function ChartLegend({ items }: { items: readonly Pick<SeriesDef, "key" | "label" | "color">[] }) {
  return (
    <ul className="flex flex-wrap gap-x-4 gap-y-1.5 text-xs text-muted-foreground" aria-label="Legend">
      {items.map((s) => (
        <li key={s.key} className="flex items-center gap-1.5">
          <span aria-hidden="true" className="size-2.5 rounded-[2px]" style={{ background: s.color }} />
          {s.label}
        </li>
      ))}
    </ul>
  );
}
