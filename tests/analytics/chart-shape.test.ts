import { describe, expect, test } from "vitest";
import { chartColor, OTHER_COLOR } from "@/lib/palette";
import { OTHER_ID, summarizeShares, summarizeTimeSeries, toRechartsData, toShares, toTimeSeries, topCategories, type Point } from "@/lib/chart-shape";

const range = { from: "2026-11-01", to: "2026-11-05" };
const NOUN = ["switch", "switches"] as const;

describe("toTimeSeries", () => {
  test("no points: every day present at zero, no series, an empty-state sentence", () => {
    const ts = toTimeSeries({ points: [], range, bucket: "day" });
    expect(ts.rows.map((r) => r.bucket)).toEqual(["2026-11-01", "2026-11-02", "2026-11-03", "2026-11-04", "2026-11-05"]);
    expect(ts.series).toEqual([]);
    expect(ts.total).toBe(0);
    expect(summarizeTimeSeries(ts, NOUN)).toBe("No switches from 2026-11-01 to 2026-11-05.");
  });

  test("a single point in a one-day range", () => {
    const ts = toTimeSeries({ points: [{ bucket: "2026-11-03", series: "m", value: 1 }], range: { from: "2026-11-03", to: "2026-11-03" }, bucket: "day" });
    expect(ts.rows).toHaveLength(1);
    expect(ts.rows[0]!.values).toEqual({ s0: 1 });
    expect(summarizeTimeSeries(ts, NOUN)).toBe("1 switch on 2026-11-03 (1 day). Most were m (1, 100%).");
  });

  test("fills gaps with zeros, sums duplicates, ignores points outside the range", () => {
    const points: Point[] = [
      { bucket: "2026-11-01", series: "a", value: 2 },
      { bucket: "2026-11-01", series: "a", value: 3 },
      { bucket: "2026-11-04", series: "b", value: 1 },
      { bucket: "2026-10-31", series: "a", value: 100 },
      { bucket: "2026-11-02", series: "c", value: Number.NaN },
    ];
    const ts = toTimeSeries({ points, range, bucket: "day" });
    // The 100 on Oct 31 is not drawn, so it is in no total: the legend and the sentence describe the chart.
    expect(ts.series.map((s) => [s.id, s.total])).toEqual([
      ["a", 5],
      ["b", 1],
    ]);
    expect(ts.total).toBe(6);
    const a = ts.series[0]!.key;
    expect(ts.rows.map((r) => r.values[a])).toEqual([5, 0, 0, 0, 0]);
    expect(summarizeTimeSeries(ts, NOUN)).toMatch(/^6 switches from 2026-11-01 to 2026-11-05 \(5 days\)\. Most were a \(5, 83%\), then b \(1, 17%\)\./);
    // A series with points only outside the range is not drawn at all.
    const outside = toTimeSeries({ points: [{ bucket: "2026-10-31", series: "z", value: 7 }], range, bucket: "day" });
    expect(outside.series).toEqual([]);
    expect(outside.total).toBe(0);
    expect(toRechartsData(ts.rows)[0]).toMatchObject({ label: "Nov 1", title: "2026-11-01", bucket: "2026-11-01", [a]: 5 });
  });

  test("more series than colours: the smallest fold into Other, and totals are kept", () => {
    const points: Point[] = Array.from({ length: 12 }, (_, i) => ({ bucket: "2026-11-02", series: `model-${i}`, value: 100 - i }));
    const ts = toTimeSeries({ points, range, bucket: "day", label: (id) => id.toUpperCase() });
    expect(ts.series).toHaveLength(8);
    const other = ts.series[7]!;
    expect(other.id).toBe(OTHER_ID);
    expect(other.label).toBe("Other (5)");
    expect(other.color).toBe(OTHER_COLOR);
    expect(other.total).toBe(93 + 92 + 91 + 90 + 89);
    expect(ts.series[0]).toMatchObject({ id: "model-0", label: "MODEL-0", color: chartColor(0) });
    expect(ts.total).toBe(points.reduce((s, p) => s + p.value, 0));
    const day = ts.rows[1]!.values;
    expect(Object.values(day).reduce((x, y) => x + y, 0)).toBe(ts.total);
    // The summary names real series, not the fold.
    expect(summarizeTimeSeries(ts, NOUN)).toMatch(/Most were MODEL-0 \(100, \d+%\), then MODEL-1/);
  });

  test("a fixed order keeps every series, even at zero, with its own colour", () => {
    const ts = toTimeSeries({
      points: [{ bucket: "2026-11-02", series: "auto", value: 4 }],
      range,
      bucket: "day",
      order: [
        { id: "auto", label: "Auto", color: "var(--chart-2)" },
        { id: "manual", label: "Manual", color: "var(--chart-1)" },
      ],
    });
    expect(ts.series.map((s) => [s.label, s.total, s.color])).toEqual([
      ["Auto", 4, "var(--chart-2)"],
      ["Manual", 0, "var(--chart-1)"],
    ]);
  });

  test("weekly and monthly buckets put points on their bucket's start", () => {
    const ts = toTimeSeries({
      points: [
        { bucket: "2026-09-01", series: "a", value: 1 },
        { bucket: "2026-11-01", series: "a", value: 2 },
      ],
      range: { from: "2026-08-15", to: "2026-11-24" },
      bucket: "month",
    });
    expect(ts.rows.map((r) => [r.bucket, r.values.s0])).toEqual([
      ["2026-08-01", 0],
      ["2026-09-01", 1],
      ["2026-10-01", 0],
      ["2026-11-01", 2],
    ]);
    expect(summarizeTimeSeries(ts, NOUN)).toContain("Busiest month: November 2026 (partial) with 2.");
    // The range cuts August and November; September and October are whole.
    expect(ts.rows.map((r) => r.title)).toEqual(["August 2026 (partial)", "September 2026", "October 2026", "November 2026 (partial)"]);
  });
});

describe("shares", () => {
  test("each bucket sums to 100, empty buckets stay at zero", () => {
    const ts = toTimeSeries({
      points: [
        { bucket: "2026-11-01", series: "a", value: 1 },
        { bucket: "2026-11-01", series: "b", value: 3 },
        { bucket: "2026-11-03", series: "a", value: 2 },
      ],
      range: { from: "2026-11-01", to: "2026-11-03" },
      bucket: "day",
    });
    const shares = toShares(ts);
    const sums = shares.rows.map((r) => Object.values(r.values).reduce((x, y) => x + y, 0));
    expect(sums).toEqual([100, 0, 100]);
    expect(shares.rows[0]!.values).toEqual({ s0: 25, s1: 75 });
    expect(summarizeShares(ts, "invocations")).toBe("Share of 6 invocations from 2026-11-01 to 2026-11-03: a 50%, b 50%.");
  });
});

describe("topCategories", () => {
  test("keeps the largest, folds the rest into Other", () => {
    const items = Array.from({ length: 10 }, (_, i) => ({ id: `m${i}`, label: `M${i}`, value: i }));
    const bars = topCategories(items, 4);
    expect(bars.map((b) => b.label)).toEqual(["M9", "M8", "M7", "Other (7)"]);
    expect(bars[3]!.value).toBe(0 + 1 + 2 + 3 + 4 + 5 + 6);
    expect(topCategories([], 4)).toEqual([]);
  });
});

test("palette colours are CSS variables, cycling through seven with the eighth for Other", () => {
  expect(chartColor(0)).toBe("var(--chart-1)");
  expect(chartColor(6)).toBe("var(--chart-7)");
  expect(chartColor(7)).toBe("var(--chart-1)");
  expect(OTHER_COLOR).toBe("var(--chart-8)");
});
