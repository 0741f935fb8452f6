import "server-only";
import type { CatalogModel } from "@/lib/catalog-model";
import type { DatabaseHandle } from "@/db/client";
import { getDatabase } from "@/server/db";
import { loadCatalog } from "./list-models";

// The catalog read path: cached in memory for an hour, dropped on every instance when any instance clears the
// cache or edits the catalog (Postgres NOTIFY; PGlite delivers it in-process the same way).
export const CATALOG_CHANNEL = "switchboard_catalog";
const TTL_MS = 60 * 60_000;

type CacheState = {
  handle?: DatabaseHandle;
  entry?: { models: CatalogModel[]; loadedAt: number };
  generation: number;
  listening?: Promise<void>;
};

const g = globalThis as unknown as { __switchboardCatalogCache?: CacheState };
g.__switchboardCatalogCache ??= { generation: 0 };
const state = g.__switchboardCatalogCache;

function dropLocal(): void {
  state.generation++;
  state.entry = undefined;
}

async function ensureListening(): Promise<void> {
  const handle = await getDatabase();
  if (state.handle !== handle) {
    // A different database (tests switch between drivers): start over.
    state.handle = handle;
    state.listening = undefined;
    dropLocal();
  }
  state.listening ??= (async () => {
    await handle.listen(CATALOG_CHANNEL, dropLocal);
  })().catch((err) => {
    state.listening = undefined;
    throw err;
  });
  return state.listening;
}

export async function cachedCatalog(): Promise<CatalogModel[]> {
  await ensureListening();
  const hit = state.entry;
  if (hit && Date.now() - hit.loadedAt < TTL_MS) return hit.models;
  const generation = state.generation;
  const handle = await getDatabase();
  const models = await loadCatalog({ db: handle.db });
  // An invalidation that arrived while loading wins: do not store what may already be stale.
  if (generation === state.generation) state.entry = { models, loadedAt: Date.now() };
  return models;
}

/** Drops the cache here and on every other instance. */
export async function invalidateCatalog(): Promise<void> {
  dropLocal();
  const handle = await getDatabase();
  await handle.notify(CATALOG_CHANNEL, String(Date.now()));
}
