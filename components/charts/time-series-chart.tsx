"use client";

import { Area, AreaChart, Bar, BarChart, CartesianGrid, Line, LineChart, Tooltip, XAxis, YAxis } from "recharts";
import { formatUsd } from "@/lib/format";
import { ChartTooltip } from "./chart-tooltip";
import { formatCount, toRechartsData, type TimeSeries } from "@/lib/chart-shape";

export type ValueFormat = "count" | "percent" | "usd";

export type TimeSeriesKind = "stacked-bar" | "grouped-bar" | "line" | "share-area";

const AXIS_TICK = { fill: "var(--muted-foreground)", fontSize: 12 };
const formatPercent = (v: number) => `${v.toFixed(v % 1 === 0 ? 0 : 1)}%`;
const usdTick = (v: number) => (Math.abs(v) >= 1000 ? `$${formatCount(v / 1000)}k` : `$${formatCount(v)}`);
const FORMATS: Record<ValueFormat, (v: number) => string> = { count: formatCount, percent: formatPercent, usd: formatUsd };

/**
 * Draws a shaped time series; nothing is computed here beyond layout. Keyboard users can step through the points
 * (recharts' accessibility layer); the figure around it carries the summary sentence and the data table
 * (ChartFigure), which are the text alternative.
 */
export function TimeSeriesChart({
  data,
  kind,
  height = 280,
  label,
  valueFormat = kind === "share-area" ? "percent" : "count",
}: {
  /** Rows and series (a time series, or categories shaped the same way). */
  data: Pick<TimeSeries, "rows" | "series">;
  kind: TimeSeriesKind;
  valueFormat?: ValueFormat;
  height?: number;
  /** What the chart shows, for the SVG's own description. */
  label: string;
}) {
  const rows = toRechartsData(data.rows);
  const format = FORMATS[valueFormat];
  // One point draws no line or area: show it as bars instead, which read at any width.
  const effective: TimeSeriesKind = rows.length === 1 && (kind === "line" || kind === "share-area") ? "stacked-bar" : kind;
  const common = {
    data: rows,
    responsive: true,
    style: { width: "100%", height },
    margin: { top: 8, right: 12, bottom: 0, left: 0 },
    accessibilityLayer: true,
    desc: label,
  };
  const grid = <CartesianGrid vertical={false} stroke="var(--border)" />;
  const xAxis = <XAxis dataKey="label" tick={AXIS_TICK} tickLine={false} axisLine={{ stroke: "var(--border)" }} interval="preserveStartEnd" minTickGap={16} />;
  const yAxis = (
    <YAxis
      tick={AXIS_TICK}
      tickLine={false}
      axisLine={false}
      width={valueFormat === "usd" ? 56 : 48}
      allowDecimals={valueFormat === "usd"}
      tickFormatter={(v: number) => (valueFormat === "percent" ? `${v}%` : valueFormat === "usd" ? usdTick(v) : formatCount(v))}
      domain={kind === "share-area" ? [0, 100] : [0, "auto"]}
    />
  );
  const tooltip = (
    <Tooltip
      cursor={{ fill: "var(--muted)", opacity: 0.6, stroke: "var(--border)" }}
      content={(props) => <ChartTooltip {...props} series={data.series} format={format} showTotal={kind === "stacked-bar"} />}
      isAnimationActive={false}
    />
  );

  return (
    <div className="w-full">
      {effective === "stacked-bar" || effective === "grouped-bar" ? (
        <BarChart {...common} barCategoryGap={rows.length > 60 ? 1 : "15%"}>
          {grid}
          {xAxis}
          {yAxis}
          {tooltip}
          {data.series.map((s, i) => (
            <Bar
              key={s.key}
              dataKey={s.key}
              name={s.label}
              stackId={effective === "stacked-bar" ? "a" : undefined}
              fill={s.color}
              isAnimationActive={false}
              maxBarSize={48}
              radius={effective === "grouped-bar" || i === data.series.length - 1 ? [2, 2, 0, 0] : 0}
            />
          ))}
        </BarChart>
      ) : effective === "line" ? (
        <LineChart {...common}>
          {grid}
          {xAxis}
          {yAxis}
          {tooltip}
          {data.series.map((s) => (
            <Line
              key={s.key}
              dataKey={s.key}
              name={s.label}
              type="monotone"
              stroke={s.color}
              strokeWidth={2}
              dot={rows.length <= 31 ? { r: 2.5, fill: s.color, strokeWidth: 0 } : false}
              activeDot={{ r: 4 }}
              isAnimationActive={false}
            />
          ))}
        </LineChart>
      ) : (
        <AreaChart {...common}>
          {grid}
          {xAxis}
          {yAxis}
          {tooltip}
          {data.series.map((s) => (
            <Area
              key={s.key}
              dataKey={s.key}
              name={s.label}
              type="monotone"
              stackId="a"
              stroke={s.color}
              fill={s.color}
              fillOpacity={0.75}
              isAnimationActive={false}
            />
          ))}
        </AreaChart>
      )}
    </div>
  );
}
