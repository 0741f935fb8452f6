import { GEO_SCOPES, type CatalogModel, type GeoScope } from "@/lib/catalog-model";
import { LIFECYCLE_FILTERS, lifecycleOf, type LifecycleKind } from "./lifecycle";

// The Models page's filter state, its URL form and the pure filter/sort over the catalog.

export const SORT_OPTIONS = [
  { value: "name", label: "Name" },
  { value: "input-asc", label: "Input price (low to high)" },
  { value: "input-desc", label: "Input price (high to low)" },
  { value: "output-asc", label: "Output price (low to high)" },
  { value: "context-desc", label: "Context window (largest first)" },
] as const;
export type SortKey = (typeof SORT_OPTIONS)[number]["value"];

export type ExplorerState = {
  q: string;
  provider: string;
  useCase: string;
  scope: GeoScope | "";
  lifecycle: LifecycleKind | "";
  showDisabled: boolean;
  sort: SortKey;
};

export const DEFAULT_STATE: ExplorerState = {
  q: "",
  provider: "",
  useCase: "",
  scope: "",
  lifecycle: "",
  showDisabled: false,
  sort: "name",
};

/** Query-string names; defaults are left out of the URL. */
const PARAM = {
  q: "q",
  provider: "provider",
  useCase: "useCase",
  scope: "scope",
  lifecycle: "lifecycle",
  showDisabled: "disabled",
  sort: "sort",
} as const;
export const MODEL_PARAM = "model";

type ParamsLike = { get(name: string): string | null };

const oneOf = <T extends string>(values: readonly T[], value: string | null): T | "" =>
  value !== null && (values as readonly string[]).includes(value) ? (value as T) : "";

/** Reads the state from a URL; unknown values fall back to "all" so a stale link still shows something. */
export function parseState(params: ParamsLike, options: { providers: readonly string[]; useCases: readonly string[] }): ExplorerState {
  const sort = oneOf(
    SORT_OPTIONS.map((o) => o.value),
    params.get(PARAM.sort),
  );
  return {
    q: params.get(PARAM.q) ?? "",
    provider: oneOf(options.providers, params.get(PARAM.provider)),
    useCase: oneOf(options.useCases, params.get(PARAM.useCase)),
    scope: oneOf(GEO_SCOPES, params.get(PARAM.scope)),
    lifecycle: oneOf(LIFECYCLE_FILTERS, params.get(PARAM.lifecycle)),
    showDisabled: params.get(PARAM.showDisabled) === "1",
    sort: sort || "name",
  };
}

/** Writes the state into `base` (keeping unrelated params) and returns the query string without "?". */
export function serializeState(state: ExplorerState, base: URLSearchParams, selectedModelId: string | null): string {
  const params = new URLSearchParams(base);
  const set = (name: string, value: string) => (value ? params.set(name, value) : params.delete(name));
  set(PARAM.q, state.q.trim());
  set(PARAM.provider, state.provider);
  set(PARAM.useCase, state.useCase);
  set(PARAM.scope, state.scope);
  set(PARAM.lifecycle, state.lifecycle);
  set(PARAM.showDisabled, state.showDisabled ? "1" : "");
  set(PARAM.sort, state.sort === "name" ? "" : state.sort);
  set(MODEL_PARAM, selectedModelId ?? "");
  return params.toString();
}

/** True when any filter narrows the list (sort order is not a filter). */
export function hasActiveFilters(state: ExplorerState): boolean {
  return Boolean(state.q.trim() || state.provider || state.useCase || state.scope || state.lifecycle || state.showDisabled);
}

function matchesQuery(model: CatalogModel, query: string): boolean {
  const tokens = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (tokens.length === 0) return true;
  const haystack = `${model.name} ${model.modelId} ${model.baseModelId} ${model.provider}`.toLowerCase();
  return tokens.every((token) => haystack.includes(token));
}

const byName = (a: CatalogModel, b: CatalogModel) => a.name.localeCompare(b.name, "en") || a.modelId.localeCompare(b.modelId, "en");

const COMPARATORS: Record<SortKey, (a: CatalogModel, b: CatalogModel) => number> = {
  name: byName,
  "input-asc": (a, b) => a.inputPricePerMTok - b.inputPricePerMTok || byName(a, b),
  "input-desc": (a, b) => b.inputPricePerMTok - a.inputPricePerMTok || byName(a, b),
  "output-asc": (a, b) => a.outputPricePerMTok - b.outputPricePerMTok || byName(a, b),
  "context-desc": (a, b) => b.contextWindow - a.contextWindow || byName(a, b),
};

export function applyState(models: readonly CatalogModel[], state: ExplorerState, today: string): CatalogModel[] {
  return models
    .filter(
      (m) =>
        (state.showDisabled || m.enabled) &&
        (!state.provider || m.provider === state.provider) &&
        (!state.useCase || m.useCases.includes(state.useCase)) &&
        (!state.scope || m.geoScope === state.scope) &&
        (!state.lifecycle || lifecycleOf(m, today).kind === state.lifecycle) &&
        matchesQuery(m, state.q),
    )
    .sort(COMPARATORS[state.sort]);
}

/** Distinct values for the filter selects. Known use cases first in their usual order, then any others. */
export function filterOptions(models: readonly CatalogModel[]): { providers: string[]; useCases: string[] } {
  const providers = [...new Set(models.map((m) => m.provider))].sort((a, b) => a.localeCompare(b, "en"));
  const known = ["clinical", "health", "operations", "general"];
  const all = new Set(models.flatMap((m) => m.useCases));
  const useCases = [...known.filter((u) => all.has(u)), ...[...all].filter((u) => !known.includes(u)).sort((a, b) => a.localeCompare(b, "en"))];
  return { providers, useCases };
}
