"use client";

import { Bar, BarChart, CartesianGrid, Cell, Tooltip, XAxis, YAxis } from "recharts";
import type { CategoryBar } from "@/lib/chart-shape";

const AXIS_TICK = { fill: "var(--muted-foreground)", fontSize: 12 };

/** Horizontal bars, one per category (long model names read better down the side than under the bars). */
export function CategoryBarChart({
  bars,
  unit,
  max,
  label,
}: {
  bars: readonly CategoryBar[];
  /** Appended to values ("%"); values are shown with one decimal at most. */
  unit?: string;
  /** Fixed upper end of the scale (100 for percentages). */
  max?: number;
  label: string;
}) {
  const data = bars.map((b) => ({ name: b.label, value: b.value, color: b.color }));
  const format = (v: number) => `${Number.isInteger(v) ? v : v.toFixed(1)}${unit ?? ""}`;
  return (
    <div className="w-full">
      <BarChart
        data={data}
        layout="vertical"
        responsive
        style={{ width: "100%", height: Math.max(120, 36 * data.length + 32) }}
        margin={{ top: 4, right: 24, bottom: 0, left: 0 }}
        accessibilityLayer
        desc={label}
      >
        <CartesianGrid horizontal={false} stroke="var(--border)" />
        <XAxis type="number" tick={AXIS_TICK} tickLine={false} axisLine={{ stroke: "var(--border)" }} domain={[0, max ?? "auto"]} tickFormatter={format} />
        <YAxis type="category" dataKey="name" tick={AXIS_TICK} tickLine={false} axisLine={false} width={170} />
        <Tooltip
          cursor={{ fill: "var(--muted)", opacity: 0.6 }}
          isAnimationActive={false}
          content={({ active, payload }) => {
            const item = active ? (payload?.[0]?.payload as { name: string; value: number; color: string } | undefined) : undefined;
            if (!item) return null;
            return (
              <div className="rounded-md border bg-popover px-3 py-2 text-xs text-popover-foreground shadow-md">
                <p className="flex items-center gap-2">
                  <span aria-hidden="true" className="size-2.5 rounded-[2px]" style={{ background: item.color }} />
                  <span className="font-medium">{item.name}</span>
                  <span className="font-mono tabular-nums">{format(item.value)}</span>
                </p>
              </div>
            );
          }}
        />
        <Bar dataKey="value" isAnimationActive={false} radius={[0, 2, 2, 0]} maxBarSize={24}>
          {data.map((d) => (
            <Cell key={d.name} fill={d.color} />
          ))}
        </Bar>
      </BarChart>
    </div>
  );
}
