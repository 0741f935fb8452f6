import "server-only";
import type { CatalogModel } from "@/lib/catalog-model";
import { assertCan, type Actor } from "@/server/auth/roles";
import { cachedCatalog } from "./cache";
import { filterCatalog, type CatalogFilter } from "./list-models";

/** list-all: the catalog for any signed-in role or the service, filtered, from the cache. */
export async function listModels({ actor, filter = {} }: { actor: Actor; filter?: CatalogFilter }): Promise<CatalogModel[]> {
  assertCan(actor, "catalog:read");
  return filterCatalog(await cachedCatalog(), filter);
}
