// Pure data shaping for the charts: the server sends aggregated points (bucket, series, value); these functions turn
// them into the rows recharts draws, fill empty periods with zeros, fold the long tail into "Other" and write the
// text alternative. Unit-tested in tests/analytics/chart-shape.test.ts; the chart components only render.
import {
  bucketLabel,
  bucketStarts,
  bucketTitle,
  BUCKET_NOUN,
  isPartialBucket,
  nextBucketStart,
  rangeLength,
  type Bucket,
  type Day,
  type DayRange,
} from "@/lib/date-range";
import { chartColor, OTHER_COLOR } from "@/lib/palette";

export type Point = { bucket: Day; series: string; value: number };

/** One drawn series. `key` is safe as a recharts dataKey (model ids contain dots, which recharts reads as paths). */
export type SeriesDef = { key: string; id: string; label: string; color: string; total: number };

/** One x position: its bucket, labels, and a number per series key. */
export type ChartRow = {
  bucket: Day;
  label: string;
  title: string;
  values: Record<string, number>;
  /** The bucket holds today, which is not over: its numbers are still growing, so the chart marks it instead of a drop. */
  sofar?: boolean;
};

export type TimeSeries = { bucket: Bucket; range: DayRange; rows: ChartRow[]; series: SeriesDef[]; total: number };

export const OTHER_ID = "__other__";
/** Eight colours: seven series and "Other". */
export const MAX_SERIES = 8;

/**
 * Pivots points into one row per bucket of the range, zeros where nothing happened. Series are ordered by their total
 * (or by `order` when given, e.g. switch types); beyond `maxSeries` the smallest are summed into "Other".
 */
export function toTimeSeries(input: {
  points: readonly Point[];
  range: DayRange;
  bucket: Bucket;
  label?: (id: string) => string;
  /** A fixed order and set of series (each kept even when zero), with fixed colours. */
  order?: readonly { id: string; label: string; color: string }[];
  maxSeries?: number;
  otherLabel?: string;
  /** Today (UTC): the bucket holding it is marked as so far (`sofar`, "(partial, today so far)" in its title). */
  today?: Day;
}): TimeSeries {
  const { range, bucket } = input;
  const label = input.label ?? ((id: string) => id);
  const maxSeries = Math.max(1, input.maxSeries ?? MAX_SERIES);
  const starts = bucketStarts(range, bucket);
  const index = new Map(starts.map((d, i) => [d, i]));
  // A point outside the range is not drawn, so it counts in no total either: the text alternative and the legend
  // describe what the chart shows.
  const inRange = input.points.filter((p) => index.has(p.bucket));
  const totals = new Map<string, number>();
  for (const p of inRange) totals.set(p.series, (totals.get(p.series) ?? 0) + safe(p.value));

  let series: SeriesDef[];
  const fold = new Map<string, string>(); // series id -> drawn key
  if (input.order) {
    series = input.order.map((o, i) => ({ key: `s${i}`, id: o.id, label: o.label, color: o.color, total: totals.get(o.id) ?? 0 }));
    for (const s of series) fold.set(s.id, s.key);
  } else {
    const ranked = [...totals.entries()].filter(([, total]) => total !== 0).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
    const keep = ranked.length > maxSeries ? ranked.slice(0, maxSeries - 1) : ranked;
    series = keep.map(([id, total], i) => ({ key: `s${i}`, id, label: label(id), color: chartColor(i), total }));
    for (const s of series) fold.set(s.id, s.key);
    if (ranked.length > keep.length) {
      const rest = ranked.slice(keep.length);
      const other: SeriesDef = {
        key: `s${keep.length}`,
        id: OTHER_ID,
        label: input.otherLabel ?? `Other (${rest.length})`,
        color: OTHER_COLOR,
        total: rest.reduce((sum, [, t]) => sum + t, 0),
      };
      series.push(other);
      for (const [id] of rest) fold.set(id, other.key);
    }
  }

  // A week or month that the range cuts (its first or last) holds fewer days, and the bucket holding today is not
  // over yet: their titles say so, or a short last bar reads as a drop. The first axis label is the range's own first
  // day when the range starts inside a week, so the axis starts where the chart's sentence says it does.
  const today = input.today;
  const rows: ChartRow[] = starts.map((d) => {
    const sofar = today !== undefined && d <= today && today < nextBucketStart(d, bucket);
    const partial = sofar || isPartialBucket(d, bucket, range);
    return {
      bucket: d,
      label: bucketLabel(bucket === "week" && d < range.from ? range.from : d, bucket),
      title: `${bucketTitle(d, bucket)}${sofar ? " (partial, today so far)" : partial ? " (partial)" : ""}`,
      values: Object.fromEntries(series.map((s) => [s.key, 0])),
      ...(sofar ? { sofar: true } : {}),
    };
  });
  for (const p of inRange) {
    const key = fold.get(p.series);
    if (key === undefined) continue; // a series not drawn
    const row = rows[index.get(p.bucket)!]!;
    row.values[key] = (row.values[key] ?? 0) + safe(p.value);
  }
  const total = series.reduce((sum, s) => sum + s.total, 0);
  return { bucket, range, rows, series, total };
}

/** The same rows as percentages of each bucket's total (a 100% stacked chart); empty buckets stay at zero. */
export function toShares(ts: TimeSeries): TimeSeries {
  const rows = ts.rows.map((row) => {
    const sum = Object.values(row.values).reduce((a, b) => a + b, 0);
    const values = Object.fromEntries(Object.entries(row.values).map(([k, v]) => [k, sum > 0 ? round1((100 * v) / sum) : 0]));
    return { ...row, values };
  });
  return { ...ts, rows };
}

/** Flattens a row for recharts: `{ label, title, s0: 3, s1: 5 }`. */
export function toRechartsData(rows: readonly ChartRow[]): Record<string, string | number>[] {
  return rows.map((r) => ({ label: r.label, title: r.title, bucket: r.bucket, ...r.values }));
}

/** The row index from which the chart draws "so far" (the bucket holding today), or null when no row holds today. */
export function sofarIndex(rows: readonly ChartRow[]): number | null {
  const i = rows.findIndex((r) => r.sofar);
  return i >= 0 ? i : null;
}

const integer = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });
export const formatCount = (n: number) => integer.format(n);

function pct(part: number, whole: number): string {
  return whole > 0 ? `${Math.round((100 * part) / whole)}%` : "0%";
}

/**
 * The text alternative's sentence: the total, the leading series and the busiest period. `noun` is singular and
 * plural, e.g. ["switch", "switches"].
 */
export function summarizeTimeSeries(ts: TimeSeries, noun: readonly [string, string]): string {
  const days = rangeLength(ts.range);
  const span = ts.range.from === ts.range.to ? `on ${ts.range.from}` : `from ${ts.range.from} to ${ts.range.to}`;
  if (ts.total === 0) return `No ${noun[1]} ${span}.`;
  const parts = [`${formatCount(ts.total)} ${ts.total === 1 ? noun[0] : noun[1]} ${span} (${days} ${days === 1 ? "day" : "days"}).`];
  // "Other" is a bucket of many series, not a leader.
  const leaders = [...ts.series]
    .filter((s) => s.total > 0 && s.id !== OTHER_ID)
    .sort((a, b) => b.total - a.total)
    .slice(0, 2);
  if (leaders.length) {
    const [first, second] = leaders;
    parts.push(
      `Most were ${first!.label} (${formatCount(first!.total)}, ${pct(first!.total, ts.total)})` +
        (second ? `, then ${second.label} (${formatCount(second.total)}, ${pct(second.total, ts.total)}).` : "."),
    );
  }
  if (ts.rows.length > 1) {
    let best = ts.rows[0]!;
    let bestSum = -1;
    for (const row of ts.rows) {
      const sum = Object.values(row.values).reduce((a, b) => a + b, 0);
      if (sum > bestSum) {
        best = row;
        bestSum = sum;
      }
    }
    parts.push(`Busiest ${BUCKET_NOUN[ts.bucket]}: ${best.title} with ${formatCount(bestSum)}.`);
  }
  return parts.join(" ");
}

/** The sentence for a share chart: each leading series' share of the whole range. */
export function summarizeShares(ts: TimeSeries, noun: string): string {
  const span = ts.range.from === ts.range.to ? `on ${ts.range.from}` : `from ${ts.range.from} to ${ts.range.to}`;
  if (ts.total === 0) return `No ${noun} ${span}.`;
  const leaders = [...ts.series]
    .filter((s) => s.total > 0 && s.id !== OTHER_ID)
    .sort((a, b) => b.total - a.total)
    .slice(0, 3);
  return (
    `Share of ${formatCount(ts.total)} ${noun} ${span}: ` +
    leaders.map((s) => `${s.label} ${pct(s.total, ts.total)}`).join(", ") +
    (ts.series.length > leaders.length ? ", and others." : ".")
  );
}

function safe(n: number): number {
  return Number.isFinite(n) ? n : 0;
}

function round1(n: number): number {
  return Math.round(n * 10) / 10;
}

/** A category chart (one bar per item): the top `max` items by value, the rest summed into one "Other" bar. */
export type CategoryBar = { id: string; label: string; value: number; color: string };
export function topCategories(items: readonly { id: string; label: string; value: number }[], max = MAX_SERIES, otherLabel = "Other"): CategoryBar[] {
  const sorted = [...items].filter((i) => Number.isFinite(i.value)).sort((a, b) => b.value - a.value || a.label.localeCompare(b.label));
  const keep = sorted.length > max ? sorted.slice(0, max - 1) : sorted;
  const bars = keep.map((i, n) => ({ ...i, color: chartColor(n) }));
  if (sorted.length > keep.length) {
    const rest = sorted.slice(keep.length);
    bars.push({ id: OTHER_ID, label: `${otherLabel} (${rest.length})`, value: rest.reduce((s, i) => s + i.value, 0), color: OTHER_COLOR });
  }
  return bars;
}
