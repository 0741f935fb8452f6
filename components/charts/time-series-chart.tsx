"use client";

import { Area, AreaChart, Bar, BarChart, CartesianGrid, Cell, Line, LineChart, ReferenceLine, Tooltip, XAxis, YAxis } from "recharts";
import { formatUsd } from "@/lib/format";
import { ChartTooltip } from "./chart-tooltip";
import { formatCount, sofarIndex, toRechartsData, type TimeSeries } from "@/lib/chart-shape";

export type ValueFormat = "count" | "percent" | "usd";

export type TimeSeriesKind = "stacked-bar" | "grouped-bar" | "line" | "share-area";

const AXIS_TICK = { fill: "var(--muted-foreground)", fontSize: 12 };
const SHARE_TICKS = [0, 25, 50, 75, 100];
/** How the bucket holding today is drawn: dashed and lighter, as still growing. */
const SOFAR_DASH = "4 3";
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
  everyTick = false,
}: {
  /** Rows and series (a time series, or categories shaped the same way). */
  data: Pick<TimeSeries, "rows" | "series">;
  kind: TimeSeriesKind;
  valueFormat?: ValueFormat;
  height?: number;
  /** What the chart shows, for the SVG's own description. */
  label: string;
  /** Label every x position (a few categories, e.g. use cases), even when that means a smaller gap between them. */
  everyTick?: boolean;
}) {
  const sofar = sofarIndex(data.rows);
  // A line is drawn solid up to the last finished bucket and dashed into today's (its own keys, so the tooltip, which
  // reads the series' keys, still shows today's number once).
  const rows = toRechartsData(data.rows).map((r, i) => {
    if (sofar === null) return r;
    const extra: Record<string, number> = {};
    for (const s of data.series) {
      const v = Number(r[s.key] ?? 0);
      if (i < sofar) extra[`${s.key}_done`] = v;
      if (i >= sofar - 1) extra[`${s.key}_sofar`] = v;
    }
    return { ...r, ...extra };
  });
  const sofarLabel = sofar === null ? null : (data.rows[sofar]?.label ?? null);
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
  const xAxis = (
    <XAxis
      dataKey="label"
      tick={AXIS_TICK}
      tickLine={false}
      axisLine={{ stroke: "var(--border)" }}
      interval={everyTick ? 0 : "preserveStartEnd"}
      minTickGap={everyTick ? 0 : 16}
    />
  );
  const sofarMark =
    sofarLabel === null ? null : (
      <ReferenceLine
        x={sofarLabel}
        stroke="var(--muted-foreground)"
        strokeDasharray={SOFAR_DASH}
        label={{ value: "so far", position: "insideTopRight", fill: "var(--muted-foreground)", fontSize: 11 }}
      />
    );
  const yAxis = (
    <YAxis
      tick={AXIS_TICK}
      tickLine={false}
      axisLine={false}
      width={valueFormat === "usd" ? 56 : 48}
      allowDecimals={valueFormat === "usd"}
      tickFormatter={(v: number) => (valueFormat === "percent" ? `${v}%` : valueFormat === "usd" ? usdTick(v) : formatCount(v))}
      domain={kind === "share-area" ? [0, 100] : [0, "auto"]}
      ticks={kind === "share-area" ? SHARE_TICKS : undefined}
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
    <div className="w-full" data-sofar={sofarLabel ?? undefined}>
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
            >
              {sofar === null
                ? null
                : rows.map((r, j) => (
                    <Cell
                      key={String(r.bucket)}
                      fill={s.color}
                      fillOpacity={j === sofar ? 0.45 : 1}
                      stroke={j === sofar ? s.color : undefined}
                      strokeDasharray={j === sofar ? SOFAR_DASH : undefined}
                    />
                  ))}
            </Bar>
          ))}
          {sofarMark}
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
              dataKey={sofar === null ? s.key : `${s.key}_done`}
              name={s.label}
              type="monotone"
              stroke={s.color}
              strokeWidth={2}
              dot={rows.length <= 31 ? { r: 2.5, fill: s.color, strokeWidth: 0 } : false}
              activeDot={{ r: 4 }}
              isAnimationActive={false}
            />
          ))}
          {sofar === null
            ? null
            : data.series.map((s) => (
                <Line
                  key={`${s.key}_sofar`}
                  dataKey={`${s.key}_sofar`}
                  name={`${s.label} (today so far)`}
                  type="linear"
                  stroke={s.color}
                  strokeWidth={2}
                  strokeDasharray={SOFAR_DASH}
                  strokeOpacity={0.7}
                  dot={rows.length <= 31 ? { r: 2.5, fill: "var(--card)", stroke: s.color, strokeWidth: 1.5 } : false}
                  activeDot={{ r: 4 }}
                  isAnimationActive={false}
                  className="sofar"
                />
              ))}
          {sofarMark}
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
          {sofarMark}
        </AreaChart>
      )}
      {sofar === null ? null : (
        <p className="mt-1 text-xs text-muted-foreground" data-testid="chart-sofar-note">
          Dashed: {data.rows[sofar]?.title}, still counting.
        </p>
      )}
    </div>
  );
}
