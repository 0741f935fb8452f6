// The one place a model's display name is formed. The pages (Models, Overview, History, Costs, Adoption, Use cases),
// the chat and the switch notifications show a catalog entry as its catalog name with its routing scope:
// "Nova Lite (EU)", "Claude Sonnet 4.5 (Global)"; an in-region model as its bare name. The scope is always added (not
// only when two entries share a name), so a model's name never changes because another entry was added to the catalog,
// and the EU and global profiles of one model never read alike. An id no longer in the catalog shows as itself.
import { GEO_SCOPE_LABELS } from "@/lib/labels";
import type { CatalogModel } from "@/lib/catalog-model";

export type ModelLabels = Record<string, string>;

/** "Nova Lite (EU)", "Claude Haiku 4.5 (Global)", "Devstral 2 123B" (in-region). */
export function modelDisplayName(model: Pick<CatalogModel, "name" | "geoScope">): string {
  if (model.geoScope === "in-region") return model.name;
  return `${model.name} (${GEO_SCOPE_LABELS[model.geoScope] ?? model.geoScope})`;
}

/** The display name of an id, looked up in a list of models; the id itself when it is not there. */
export function modelNameOf(models: readonly Pick<CatalogModel, "modelId" | "name" | "geoScope">[], modelId: string): string {
  const m = models.find((x) => x.modelId === modelId);
  return m ? modelDisplayName(m) : modelId;
}

export function modelLabels(models: readonly Pick<CatalogModel, "modelId" | "name" | "geoScope">[]): ModelLabels {
  const out: ModelLabels = {};
  for (const m of models) out[m.modelId] = modelDisplayName(m);
  return out;
}

export function labelOf(labels: ModelLabels, modelId: string | null | undefined): string {
  if (!modelId) return "—";
  return labels[modelId] ?? modelId;
}

/** An embedding model answers with vectors: it has no output tokens, so no output price or output limit applies. */
export function isEmbeddingModel(model: { outputModalities: readonly string[] }): boolean {
  return model.outputModalities.includes("EMBEDDING");
}
