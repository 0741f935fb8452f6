"use client";

import { Table, TableBody, TableCell, TableFooter, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { formatCount, type TimeSeries } from "@/lib/chart-shape";

/** A time series as a table: one row per period, one column per series, totals underneath. */
export function SeriesTable({
  data,
  caption,
  format = formatCount,
  totals = true,
  periodLabel = "Period",
}: {
  data: TimeSeries;
  caption: string;
  format?: (n: number) => string;
  totals?: boolean;
  periodLabel?: string;
}) {
  return (
    <Table>
      <caption className="sr-only">{caption}</caption>
      <TableHeader className="sticky top-0 bg-card">
        <TableRow>
          <TableHead scope="col">{periodLabel}</TableHead>
          {data.series.map((s) => (
            <TableHead key={s.key} scope="col" className="text-right">
              {s.label}
            </TableHead>
          ))}
          {totals ? (
            <TableHead scope="col" className="text-right">
              Total
            </TableHead>
          ) : null}
        </TableRow>
      </TableHeader>
      <TableBody>
        {data.rows.map((row) => {
          const sum = Object.values(row.values).reduce((a, b) => a + b, 0);
          return (
            <TableRow key={row.bucket}>
              <TableHead scope="row" className="h-auto py-1.5 font-normal text-foreground">
                {row.title}
              </TableHead>
              {data.series.map((s) => (
                <TableCell key={s.key} className="py-1.5 text-right font-mono tabular-nums">
                  {format(row.values[s.key] ?? 0)}
                </TableCell>
              ))}
              {totals ? <TableCell className="py-1.5 text-right font-mono tabular-nums">{format(sum)}</TableCell> : null}
            </TableRow>
          );
        })}
      </TableBody>
      {totals ? (
        <TableFooter>
          <TableRow>
            <TableHead scope="row" className="h-auto py-1.5 text-foreground">
              Total
            </TableHead>
            {data.series.map((s) => (
              <TableCell key={s.key} className="py-1.5 text-right font-mono tabular-nums">
                {format(s.total)}
              </TableCell>
            ))}
            <TableCell className="py-1.5 text-right font-mono tabular-nums">{format(data.total)}</TableCell>
          </TableRow>
        </TableFooter>
      ) : null}
    </Table>
  );
}
