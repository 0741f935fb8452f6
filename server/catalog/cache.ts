import "server-only";
import type { CatalogModel } from "@/lib/catalog-model";
import { notifiedCache } from "@/server/notified-cache";
import { loadCatalog } from "./list-models";

// The catalog read path: cached in memory for an hour, dropped on every instance when any instance clears the
// cache or edits the catalog (Postgres NOTIFY; PGlite delivers it in-process the same way).
export const CATALOG_CHANNEL = "switchboard_catalog";

const cache = notifiedCache<CatalogModel[]>({
  name: "__switchboardCatalogCache",
  channel: CATALOG_CHANNEL,
  ttlMs: 60 * 60_000,
  load: (db) => loadCatalog({ db }),
});

export const cachedCatalog = cache.get;

/** Drops the cache here and on every other instance. */
export const invalidateCatalog = cache.invalidate;
