import { describe, expect, test } from "vitest";
import { addDays, bucketLabel, bucketStart, bucketStarts, bucketTitle, chooseBucket, isDay, lastDays, rangeInstants, rangeLength } from "@/lib/date-range";

describe("calendar days", () => {
  test.each([
    ["2026-11-24", true],
    ["2026-02-29", false],
    ["2028-02-29", true],
    ["2026-13-01", false],
    ["2026-1-01", false],
    ["yesterday", false],
    ["", false],
  ])("isDay(%j) is %s", (value, expected) => {
    expect(isDay(value)).toBe(expected);
  });

  test("adds days across months and years", () => {
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(addDays("2026-03-01", -1)).toBe("2026-02-28");
    expect(lastDays("2026-11-24", 30)).toEqual({ from: "2026-10-26", to: "2026-11-24" });
    expect(rangeLength({ from: "2026-11-24", to: "2026-11-24" })).toBe(1);
    expect(rangeLength(lastDays("2026-11-24", 365))).toBe(365);
  });

  test("a range covers whole UTC days: from midnight to the midnight after its last day", () => {
    const { start, end } = rangeInstants({ from: "2026-11-01", to: "2026-11-02" });
    expect(start.toISOString()).toBe("2026-11-01T00:00:00.000Z");
    expect(end.toISOString()).toBe("2026-11-03T00:00:00.000Z");
  });
});

describe("buckets", () => {
  test.each([
    [1, "day", "day"],
    [92, "day", "day"],
    [93, "week", "day"],
    [365, "week", "week"],
    [731, "week", "month"],
    [732, "month", "month"],
    [3650, "month", "month"],
  ] as const)("%i days: %s (fine), %s (coarse)", (days, fine, coarse) => {
    const range = lastDays("2026-11-24", days);
    expect(chooseBucket(range)).toBe(fine);
    expect(chooseBucket(range, "coarse")).toBe(coarse === "day" && days > 31 ? "week" : coarse);
  });

  test("weeks start on Monday, months on the first", () => {
    expect(bucketStart("2026-11-24", "week")).toBe("2026-11-23"); // a Tuesday
    expect(bucketStart("2026-11-23", "week")).toBe("2026-11-23"); // a Monday
    expect(bucketStart("2026-11-29", "week")).toBe("2026-11-23"); // a Sunday
    expect(bucketStart("2026-11-24", "month")).toBe("2026-11-01");
    expect(bucketStart("2026-11-24", "day")).toBe("2026-11-24");
  });

  test("bucket starts cover the range from its first bucket to its last, across a year end", () => {
    expect(bucketStarts({ from: "2026-11-24", to: "2026-11-24" }, "day")).toEqual(["2026-11-24"]);
    expect(bucketStarts({ from: "2026-11-28", to: "2026-12-08" }, "week")).toEqual(["2026-11-23", "2026-11-30", "2026-12-07"]);
    expect(bucketStarts({ from: "2026-11-15", to: "2027-02-01" }, "month")).toEqual(["2026-11-01", "2026-12-01", "2027-01-01", "2027-02-01"]);
    expect(bucketStarts({ from: "2026-11-24", to: "2026-11-20" }, "day")).toEqual([]);
  });

  test("a very large range stays a bounded number of points", () => {
    const range = { from: "1990-01-01", to: "2026-11-24" };
    const bucket = chooseBucket(range);
    expect(bucket).toBe("month");
    expect(bucketStarts(range, bucket)).toHaveLength(443);
  });

  test("labels", () => {
    expect(bucketLabel("2026-11-03", "day")).toBe("Nov 3");
    expect(bucketLabel("2026-11-01", "month")).toBe("Nov 2026");
    expect(bucketTitle("2026-11-23", "week")).toBe("Week of 2026-11-23");
    expect(bucketTitle("2026-11-01", "month")).toBe("November 2026");
  });
});
