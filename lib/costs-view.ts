// The Costs page's view (baseline, what-ifs) in the URL, so that a scenario can be shared. Pure. The monthly volumes
// are not part of it: every page prices a use case at the server's one cost figure.

export type CostsView = { baseline: string | null; whatIf: Record<string, string> };

type Params = Record<string, string | string[] | undefined> | URLSearchParams;
const WHAT_IF_PREFIX = "wi.";

function entries(params: Params): [string, string][] {
  if (params instanceof URLSearchParams) return [...params.entries()];
  return Object.entries(params).flatMap(([k, v]) => (v === undefined ? [] : [[k, Array.isArray(v) ? (v[0] ?? "") : v] as [string, string]]));
}

/** Reads the view; ids that are not known models (or use cases) are dropped. */
export function parseCostsView(params: Params, known: { models: ReadonlySet<string>; useCases: ReadonlySet<string> }): CostsView {
  const view: CostsView = { baseline: null, whatIf: {} };
  for (const [key, value] of entries(params)) {
    if (key === "baseline" && known.models.has(value)) view.baseline = value;
    else if (key.startsWith(WHAT_IF_PREFIX)) {
      const useCase = key.slice(WHAT_IF_PREFIX.length);
      if (known.useCases.has(useCase) && known.models.has(value)) view.whatIf[useCase] = value;
    }
  }
  return view;
}

export function serializeCostsView(view: CostsView, defaults: { baseline: string | null }): string {
  const out = new URLSearchParams();
  if (view.baseline && view.baseline !== defaults.baseline) out.set("baseline", view.baseline);
  for (const [useCase, model] of Object.entries(view.whatIf).sort(([a], [b]) => a.localeCompare(b))) out.set(`${WHAT_IF_PREFIX}${useCase}`, model);
  return out.toString();
}
