import { ChartFigure } from "@/components/charts/chart-figure";
import { SWITCH_TYPE_COLORS } from "@/lib/palette";
import { SeriesTable } from "@/components/charts/series-table";
import { summarizeTimeSeries, toTimeSeries, type Point } from "@/lib/chart-shape";
import { TimeSeriesChart } from "@/components/charts/time-series-chart";
import { BUCKET_NOUN, type Bucket, type Day, type DayRange } from "@/lib/date-range";
import { SWITCH_TYPE_LABELS, SWITCH_TYPES } from "@/lib/history-filter";
import { labelOf, type ModelLabels } from "@/lib/model-labels";

const NOUN = ["switch", "switches"] as const;

export function switchTypeSeries(points: readonly Point[], range: DayRange, bucket: Bucket, today?: Day) {
  return toTimeSeries({
    points,
    range,
    bucket,
    today,
    order: SWITCH_TYPES.map((t) => ({ id: t, label: SWITCH_TYPE_LABELS[t], color: SWITCH_TYPE_COLORS[t] })),
  });
}

/** Switches per period by target model, stacked (the seven busiest models, the rest as "Other"). */
export function SwitchesByModelChart({
  points,
  range,
  bucket,
  labels,
  today,
  testId = "chart-switches-by-model",
}: {
  points: readonly Point[];
  range: DayRange;
  bucket: Bucket;
  labels: ModelLabels;
  /** Today (UTC): its bucket is drawn as still counting. */
  today: Day;
  testId?: string;
}) {
  const data = toTimeSeries({ points, range, bucket, today, label: (id) => labelOf(labels, id), otherLabel: "Other models" });
  const summary = summarizeTimeSeries(data, NOUN);
  return (
    <ChartFigure
      title={`Switches per ${BUCKET_NOUN[bucket]} by model`}
      description="Which model each switch moved to."
      summary={summary}
      empty={data.total === 0}
      emptyText="No switches in this range"
      legend={data.series}
      testId={testId}
      table={<SeriesTable data={data} caption={`Switches per ${BUCKET_NOUN[bucket]} by model`} />}
    >
      <TimeSeriesChart data={data} kind="stacked-bar" label={summary} />
    </ChartFigure>
  );
}

/** Auto against manual (and fallback) switches over time. */
export function SwitchesByTypeChart({
  points,
  range,
  bucket,
  today,
  testId = "chart-switches-by-type",
  title = "Auto against manual",
}: {
  points: readonly Point[];
  range: DayRange;
  bucket: Bucket;
  /** Today (UTC): its bucket is drawn as still counting. */
  today: Day;
  testId?: string;
  title?: string;
}) {
  const data = switchTypeSeries(points, range, bucket, today);
  const auto = data.series.find((s) => s.id === "auto")?.total ?? 0;
  const manual = data.series.find((s) => s.id === "manual")?.total ?? 0;
  const share = auto + manual > 0 ? Math.round((100 * auto) / (auto + manual)) : 0;
  const summary =
    data.total === 0 ? summarizeTimeSeries(data, NOUN) : `${summarizeTimeSeries(data, NOUN)} Auto made ${share}% of the auto and manual switches.`;
  return (
    <ChartFigure
      title={title}
      description={`Switches per ${BUCKET_NOUN[bucket]} by type; fallbacks are the invoke path's own.`}
      summary={summary}
      empty={data.total === 0}
      emptyText="No switches in this range"
      legend={data.series}
      testId={testId}
      table={<SeriesTable data={data} caption={`Switches per ${BUCKET_NOUN[bucket]} by type`} />}
    >
      <TimeSeriesChart data={data} kind="line" label={summary} />
    </ChartFigure>
  );
}
