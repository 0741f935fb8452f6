// Display names for model ids on the analytics pages. Several catalog entries share a name (the EU and the global
// profile of one model), so those get their geo scope appended; an id no longer in the catalog shows as itself.
import { GEO_SCOPE_LABELS } from "@/lib/labels";
import type { CatalogModel } from "@/lib/catalog-model";

export type ModelLabels = Record<string, string>;

export function modelLabels(models: readonly Pick<CatalogModel, "modelId" | "name" | "geoScope">[]): ModelLabels {
  const byName = new Map<string, number>();
  for (const m of models) byName.set(m.name, (byName.get(m.name) ?? 0) + 1);
  const out: ModelLabels = {};
  for (const m of models) {
    out[m.modelId] = (byName.get(m.name) ?? 0) > 1 ? `${m.name} (${GEO_SCOPE_LABELS[m.geoScope] ?? m.geoScope})` : m.name;
  }
  return out;
}

export function labelOf(labels: ModelLabels, modelId: string | null | undefined): string {
  if (!modelId) return "—";
  return labels[modelId] ?? modelId;
}
