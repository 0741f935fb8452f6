// Calendar-day ranges and time buckets for the analytics pages. Pure and client-safe: the server groups its queries
// by the same buckets that the charts label, so both sides agree. Days are UTC calendar days written YYYY-MM-DD.

export type Day = string;
/** Both ends inclusive. */
export type DayRange = { from: Day; to: Day };
export type Bucket = "day" | "week" | "month";

const DAY_MS = 86_400_000;
const DAY_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The UTC day of a time, YYYY-MM-DD. */
export function dayOf(date: Date): Day {
  return date.toISOString().slice(0, 10);
}

/** Milliseconds of a day's UTC midnight, or null when the text is not a real calendar day. */
export function dayStartMs(day: string): number | null {
  const m = DAY_RE.exec(day);
  if (!m) return null;
  const time = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  // Date.UTC rolls 2026-02-31 over to March; a real day survives the round trip.
  return new Date(time).toISOString().slice(0, 10) === day ? time : null;
}

export function isDay(value: string): boolean {
  return dayStartMs(value) !== null;
}

/** The days a filter may name: the database's timestamps end in the year 294276, but the day after 9999-12-31 has no YYYY-MM-DD. */
export const FIRST_FILTER_DAY: Day = "1970-01-01";
export const LAST_FILTER_DAY: Day = "9998-12-31";

export function isFilterDay(value: string): boolean {
  return isDay(value) && value >= FIRST_FILTER_DAY && value <= LAST_FILTER_DAY;
}

export function addDays(day: Day, days: number): Day {
  return dayOf(new Date((dayStartMs(day) ?? 0) + days * DAY_MS));
}

/** Days in the range, both ends counted: a range from a day to itself is one day. */
export function rangeLength(range: DayRange): number {
  return Math.round(((dayStartMs(range.to) ?? 0) - (dayStartMs(range.from) ?? 0)) / DAY_MS) + 1;
}

/** The last `days` days up to and including `today`. */
export function lastDays(today: Day, days: number): DayRange {
  return { from: addDays(today, -(days - 1)), to: today };
}

/** [start, end) instants of a range, for filtering timestamps: end is the midnight after `to`. */
export function rangeInstants(range: DayRange): { start: Date; end: Date } {
  return { start: new Date(dayStartMs(range.from) ?? 0), end: new Date((dayStartMs(range.to) ?? 0) + DAY_MS) };
}

/**
 * Daily points up to three months, weekly up to two years, monthly beyond: a chart keeps between one and about a
 * hundred points (bars stay wider than a few pixels) however long the range. `coarse` (share charts, whose daily
 * wobble hides the trend) moves to weeks after a month and to months after a year.
 */
export function chooseBucket(range: DayRange, density: "fine" | "coarse" = "fine"): Bucket {
  const days = rangeLength(range);
  const [dayMax, weekMax] = density === "fine" ? [92, 731] : [31, 400];
  if (days <= dayMax) return "day";
  if (days <= weekMax) return "week";
  return "month";
}

/** The first day of the bucket a day falls in (weeks start on Monday, as Postgres' date_trunc('week') does). */
export function bucketStart(day: Day, bucket: Bucket): Day {
  if (bucket === "day") return day;
  if (bucket === "month") return `${day.slice(0, 8)}01`;
  const ms = dayStartMs(day) ?? 0;
  const weekday = (new Date(ms).getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  return dayOf(new Date(ms - weekday * DAY_MS));
}

/** The start of the bucket after the one starting on `start`. */
export function nextBucketStart(start: Day, bucket: Bucket): Day {
  if (bucket === "day") return addDays(start, 1);
  if (bucket === "week") return addDays(start, 7);
  const y = Number(start.slice(0, 4));
  const m = Number(start.slice(5, 7));
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, "0")}-01`;
}

/** Every bucket start from the one holding `from` to the one holding `to`, so that empty periods show as zero. */
export function bucketStarts(range: DayRange, bucket: Bucket): Day[] {
  const out: Day[] = [];
  const last = bucketStart(range.to, bucket);
  let cur = bucketStart(range.from, bucket);
  // A guard against a reversed or absurd range: never more than ~12,000 points.
  for (let i = 0; cur <= last && i < 12_000; i++) {
    out.push(cur);
    cur = nextBucketStart(cur, bucket);
  }
  return out;
}

/** Whether the range covers only part of the bucket starting on `start` (its first or last week or month). */
export function isPartialBucket(start: Day, bucket: Bucket, range: DayRange): boolean {
  return bucket !== "day" && (start < range.from || addDays(nextBucketStart(start, bucket), -1) > range.to);
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** Short axis label: "Oct 3" for days and weeks, "Oct 2026" for months. */
export function bucketLabel(day: Day, bucket: Bucket): string {
  const month = MONTHS[Number(day.slice(5, 7)) - 1] ?? day.slice(5, 7);
  if (bucket === "month") return `${month} ${day.slice(0, 4)}`;
  return `${month} ${Number(day.slice(8, 10))}`;
}

/** Long label for tooltips and tables: "2026-10-03", "week of 2026-09-28", "October 2026". */
export function bucketTitle(day: Day, bucket: Bucket): string {
  if (bucket === "day") return day;
  if (bucket === "week") return `Week of ${day}`;
  const long = new Date(`${day}T00:00:00Z`).toLocaleString("en-US", { month: "long", year: "numeric", timeZone: "UTC" });
  return long;
}

export const BUCKET_NOUN: Record<Bucket, string> = { day: "day", week: "week", month: "month" };
