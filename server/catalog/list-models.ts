import "server-only";
import { asc } from "drizzle-orm";
import { bedrockModels } from "@/db/schema";
import type { Database } from "@/db/client";
import type { CatalogModel } from "@/lib/catalog-model";
import { toCatalogModel } from "./to-model";

/** The whole catalog, straight from the database (the cached read path is built on this). */
export async function loadCatalog({ db }: { db: Database }): Promise<CatalogModel[]> {
  const rows = await db.select().from(bedrockModels).orderBy(asc(bedrockModels.provider), asc(bedrockModels.name));
  return rows.map(toCatalogModel);
}

export type CatalogFilter = { provider?: string; useCase?: string; includeDisabled?: boolean };

export function filterCatalog(models: CatalogModel[], filter: CatalogFilter): CatalogModel[] {
  const provider = filter.provider?.toLowerCase();
  return models.filter(
    (m) =>
      (filter.includeDisabled || m.enabled) && (!provider || m.provider.toLowerCase() === provider) && (!filter.useCase || m.useCases.includes(filter.useCase)),
  );
}
