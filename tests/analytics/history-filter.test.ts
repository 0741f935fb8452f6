import { describe, expect, test } from "vitest";
import { filterToParams, parseHistoryParams, positionHref } from "@/lib/history-filter";
import { csvCell, csvLine } from "@/server/analytics/csv";

const TODAY = "2026-11-24";
const USER = "0b6f7c3e-2f1a-4c8e-9d7b-1a2b3c4d5e6f";

describe("History URL parameters", () => {
  test("no parameters: the last 30 days, the newest page", () => {
    expect(parseHistoryParams({}, TODAY)).toEqual({
      filter: { from: "2026-10-26", to: "2026-11-24" },
      position: { kind: "first" },
      page: 1,
      problems: [],
    });
  });

  test("every filter, read from a record or from URLSearchParams alike", () => {
    const raw = { from: "2026-01-01", to: "2026-06-30", useCase: "clinical", model: "eu.amazon.nova-lite-v1:0", type: "auto", user: USER };
    const expected = { ...raw };
    expect(parseHistoryParams(raw, TODAY).filter).toEqual(expected);
    expect(parseHistoryParams(new URLSearchParams(raw), TODAY).filter).toEqual(expected);
    expect(parseHistoryParams({ ...raw, useCase: ["health", "clinical"] }, TODAY).filter.useCase).toBe("health");
  });

  test.each([
    [{ from: "2026-02-30" }, /not a date/],
    [{ to: "soon" }, /not a date/],
    [{ from: "2026-11-20", to: "2026-11-01" }, /comes after/],
    [{ type: "magic" }, /not a switch type/],
    [{ user: "admin" }, /not an account id/],
    [{ useCase: "DROP TABLE" }, /not a use case name/],
  ])("bad input %j is dropped with a message", (params, message) => {
    const parsed = parseHistoryParams(params, TODAY);
    expect(parsed.problems.join(" ")).toMatch(message);
    expect(parsed.filter.from <= parsed.filter.to).toBe(true);
  });

  test("page positions", () => {
    expect(parseHistoryParams({ older: "42", page: "3" }, TODAY)).toMatchObject({ position: { kind: "older", id: 42 }, page: 3 });
    expect(parseHistoryParams({ newer: "42", page: "2" }, TODAY)).toMatchObject({ position: { kind: "newer", id: 42 }, page: 2 });
    expect(parseHistoryParams({ last: "1", page: "9" }, TODAY)).toMatchObject({ position: { kind: "last" }, page: 9 });
    expect(parseHistoryParams({ older: "-1", page: "x" }, TODAY)).toMatchObject({ position: { kind: "first" }, page: 1 });
  });

  test("links keep the filter and say where they go", () => {
    const filter = { from: "2026-11-01", to: "2026-11-24", type: "manual" as const };
    expect(filterToParams(filter).toString()).toBe("from=2026-11-01&to=2026-11-24&type=manual");
    const href = positionHref("/history", filter, { kind: "older", id: 7 }, 2);
    expect(href).toBe("/history?from=2026-11-01&to=2026-11-24&type=manual&older=7&page=2");
    const back = parseHistoryParams(new URLSearchParams(href.split("?")[1]), TODAY);
    expect(back).toMatchObject({ filter, position: { kind: "older", id: 7 }, page: 2 });
  });
});

describe("CSV cells", () => {
  test.each([
    ["plain", "plain"],
    ["with, comma", '"with, comma"'],
    ['say "hi"', '"say ""hi"""'],
    ["two\nlines", '"two\nlines"'],
    ['=HYPERLINK("x")', '"\'=HYPERLINK(""x"")"'],
    ["+1 cost", "'+1 cost"],
    ["-5% cost", "'-5% cost"],
    ["@sum", "'@sum"],
    ["", ""],
  ])("%j -> %s", (value, expected) => {
    expect(csvCell(value)).toBe(expected);
  });

  test("numbers, booleans, dates and nulls; lines end with CRLF", () => {
    expect(csvLine([1, true, null, undefined, new Date("2026-11-24T10:00:00Z"), -3])).toBe("1,true,,,2026-11-24T10:00:00.000Z,-3\r\n");
  });
});
