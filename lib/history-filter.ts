// The History page's filters and page position, read from and written to the URL so that a view can be shared.
// Pure and client-safe: the page, the filter form and the CSV export read the same parameters the same way.
import { z } from "zod";
import type { SwitchType } from "./enums";
import { noNulString } from "./no-nul";
import { FIRST_FILTER_DAY, isDay, isFilterDay, LAST_FILTER_DAY, lastDays, type Day, type DayRange } from "./date-range";

/** The switch types in the order the pages show them (auto first: what the policy did on its own). */
export const SWITCH_TYPES = ["auto", "manual", "fallback"] as const satisfies readonly SwitchType[];
export type SwitchTypeName = SwitchType;

export const SWITCH_TYPE_LABELS: Record<SwitchTypeName, string> = { manual: "Manual", auto: "Auto", fallback: "Fallback" };

export const DEFAULT_RANGE_DAYS = 30;
export const PAGE_SIZE = 50;

export type HistoryFilter = DayRange & {
  useCase?: string;
  model?: string;
  type?: SwitchTypeName;
  /** An account id. */
  user?: string;
};

/** Where the table stands: the newest page, the page older/newer than a row (by id), or the oldest page. */
export type PagePosition = { kind: "first" } | { kind: "older"; id: number } | { kind: "newer"; id: number } | { kind: "last" };

type Params = Record<string, string | string[] | undefined> | URLSearchParams;

const useCaseName = z.string().regex(/^[a-z][a-z0-9_-]{1,39}$/);
const modelId = noNulString().pipe(z.string().min(1).max(200));
const uuid = z.uuid();
const rowId = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);
const pageNumber = z.coerce.number().int().min(1).max(10_000_000);

function read(params: Params, key: string): string | undefined {
  const value = params instanceof URLSearchParams ? params.get(key) : params[key];
  const one = Array.isArray(value) ? value[0] : value;
  return one === undefined || one === null || one.trim() === "" ? undefined : one.trim();
}

export type ParsedHistory = {
  filter: HistoryFilter;
  position: PagePosition;
  /** 1-based, as shown; kept in the URL so that a shared link says where it is. */
  page: number;
  /** What was ignored in the URL and why, to show above the results. */
  problems: string[];
};

/** Reads the filters; a bad value is dropped with a message rather than failing the page. */
export function parseHistoryParams(params: Params, today: Day): ParsedHistory {
  const problems: string[] = [];
  const fallback = lastDays(today, DEFAULT_RANGE_DAYS);
  let from = read(params, "from");
  let to = read(params, "to");
  const dayProblem = (value: string) =>
    isDay(value) ? `"${value}" is outside ${FIRST_FILTER_DAY} to ${LAST_FILTER_DAY}` : `"${value}" is not a date (YYYY-MM-DD)`;
  if (from !== undefined && !isFilterDay(from)) {
    problems.push(`${dayProblem(from)}; the range starts on ${fallback.from} instead.`);
    from = undefined;
  }
  if (to !== undefined && !isFilterDay(to)) {
    problems.push(`${dayProblem(to)}; the range ends on ${fallback.to} instead.`);
    to = undefined;
  }
  let range: DayRange = { from: from ?? fallback.from, to: to ?? fallback.to };
  if (range.from > range.to) {
    problems.push(`The start date ${range.from} comes after the end date ${range.to}; showing the last ${DEFAULT_RANGE_DAYS} days.`);
    range = fallback;
  }
  const filter: HistoryFilter = { ...range };

  const useCase = read(params, "useCase");
  if (useCase !== undefined) {
    if (useCaseName.safeParse(useCase).success) filter.useCase = useCase;
    else problems.push(`"${useCase}" is not a use case name; the use case filter was ignored.`);
  }
  const model = read(params, "model");
  if (model !== undefined) {
    if (modelId.safeParse(model).success) filter.model = model;
    else problems.push("The model filter was too long or held characters a model id cannot have, and was ignored.");
  }
  const type = read(params, "type");
  if (type !== undefined) {
    if ((SWITCH_TYPES as readonly string[]).includes(type)) filter.type = type as SwitchTypeName;
    else problems.push(`"${type}" is not a switch type (manual, auto or fallback); the type filter was ignored.`);
  }
  const user = read(params, "user");
  if (user !== undefined) {
    if (uuid.safeParse(user).success) filter.user = user;
    else problems.push("The user filter is not an account id and was ignored.");
  }

  let position: PagePosition = { kind: "first" };
  const older = rowId.safeParse(read(params, "older"));
  const newer = rowId.safeParse(read(params, "newer"));
  if (read(params, "last") === "1") position = { kind: "last" };
  else if (older.success) position = { kind: "older", id: older.data };
  else if (newer.success) position = { kind: "newer", id: newer.data };
  const pageParsed = pageNumber.safeParse(read(params, "page"));
  const page = position.kind === "first" ? 1 : pageParsed.success ? pageParsed.data : 1;
  return { filter, position, page, problems };
}

/** The filter as URL parameters (no position): the export link and the filter form's target. */
export function filterToParams(filter: HistoryFilter): URLSearchParams {
  const out = new URLSearchParams();
  out.set("from", filter.from);
  out.set("to", filter.to);
  if (filter.useCase) out.set("useCase", filter.useCase);
  if (filter.model) out.set("model", filter.model);
  if (filter.type) out.set("type", filter.type);
  if (filter.user) out.set("user", filter.user);
  return out;
}

/** A link to a page of the same filtered set. */
export function positionHref(path: string, filter: HistoryFilter, position: PagePosition, page: number): string {
  const params = filterToParams(filter);
  if (position.kind === "older") params.set("older", String(position.id));
  if (position.kind === "newer") params.set("newer", String(position.id));
  if (position.kind === "last") params.set("last", "1");
  if (position.kind !== "first") params.set("page", String(page));
  return `${path}?${params.toString()}`;
}
