"use client";

import type { SeriesDef } from "@/lib/chart-shape";

type Format = (value: number) => string;

/** A themed tooltip: the period's full title, each series with its colour and value, and the total. */
export function ChartTooltip({
  active,
  payload,
  series,
  format,
  showTotal = true,
}: {
  active?: boolean;
  payload?: ReadonlyArray<{ payload?: unknown }>;
  series: readonly SeriesDef[];
  format: Format;
  showTotal?: boolean;
}) {
  if (!active || !payload?.length) return null;
  const row = payload[0]?.payload as Record<string, string | number> | undefined;
  if (!row) return null;
  const items = series
    .map((s) => ({ s, value: Number(row[s.key] ?? 0) }))
    .filter((i) => i.value !== 0)
    .reverse(); // stacked top first, as drawn
  const total = items.reduce((sum, i) => sum + i.value, 0);
  return (
    <div className="min-w-44 rounded-md border bg-popover px-3 py-2 text-xs text-popover-foreground shadow-md">
      <p className="mb-1.5 font-medium">{String(row.title ?? row.label ?? "")}</p>
      {items.length ? (
        <ul className="flex flex-col gap-1">
          {items.map(({ s, value }) => (
            <li key={s.key} className="flex items-center gap-2">
              <span aria-hidden="true" className="size-2.5 shrink-0 rounded-[2px]" style={{ background: s.color }} />
              <span className="min-w-0 flex-1 truncate">{s.label}</span>
              <span className="font-mono tabular-nums">{format(value)}</span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="text-muted-foreground">Nothing in this period</p>
      )}
      {showTotal && items.length > 1 ? (
        <p className="mt-1.5 flex justify-between border-t pt-1.5 font-medium">
          <span>Total</span>
          <span className="font-mono tabular-nums">{format(total)}</span>
        </p>
      ) : null}
    </div>
  );
}
