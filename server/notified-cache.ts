import "server-only";
import { sql } from "drizzle-orm";
import type { Database, DatabaseHandle } from "@/db/client";
import { getDatabase } from "@/server/db";

/**
 * A value loaded from the database and kept in memory, dropped on every instance when any instance announces a change
 * on `channel` (Postgres NOTIFY; PGlite delivers it in-process the same way). `ttlMs` bounds how long a value can
 * outlive a lost notification (a listening connection that dropped).
 */
export type NotifiedCache<T> = {
  get: () => Promise<T>;
  /** Drops the value here and, through NOTIFY, on every other instance. */
  invalidate: () => Promise<void>;
  /** Drops the value here only (for a NOTIFY already sent inside a transaction). */
  dropLocal: () => void;
};

/** Values by key (API keys by token hash), loaded one at a time and all dropped on a change announced on `channel`. */
export type NotifiedMap<K, V> = {
  /** The value for `key`; a load that finds nothing (undefined) is not kept. */
  get: (key: K) => Promise<V | undefined>;
  invalidate: () => Promise<void>;
  dropLocal: () => void;
};

type Tx = Parameters<Parameters<Database["transaction"]>[0]>[0];

/**
 * Announces a change on `channel` inside the changing transaction: Postgres delivers a NOTIFY only at commit, so
 * listeners never hear of a change that rolled back. The writer drops its own copy after the commit (dropLocal).
 */
export async function notifyInTransaction(tx: Tx, channel: string): Promise<void> {
  await tx.execute(sql`select pg_notify(${channel}, '')`);
}

type Listener = {
  handle?: DatabaseHandle;
  generation: number;
  listening?: Promise<void>;
};

/** Listens on `channel` on the process's database (again after a switch of database) and counts drops. */
function listener(state: Listener, channel: string, onDrop: () => void) {
  const dropLocal = () => {
    state.generation++;
    onDrop();
  };
  const ensureListening = async (): Promise<DatabaseHandle> => {
    const handle = await getDatabase();
    if (state.handle !== handle) {
      // A different database (tests switch between drivers): start over.
      state.handle = handle;
      state.listening = undefined;
      dropLocal();
    }
    state.listening ??= handle.listen(channel, dropLocal).then(
      () => undefined,
      (err: unknown) => {
        state.listening = undefined;
        throw err;
      },
    );
    await state.listening;
    return handle;
  };
  const invalidate = async () => {
    dropLocal();
    const handle = await getDatabase();
    await handle.notify(channel, String(Date.now()));
  };
  return { dropLocal, ensureListening, invalidate };
}

export function notifiedCache<T>({
  name,
  channel,
  ttlMs,
  load,
}: {
  /** Where the state lives on globalThis (Turbopack may bundle a module twice; the cache must be one per process). */
  name: string;
  channel: string;
  ttlMs: number;
  load: (db: Database) => Promise<T>;
}): NotifiedCache<T> {
  const g = globalThis as unknown as Record<string, (Listener & { entry?: { value: T; loadedAt: number } }) | undefined>;
  g[name] ??= { generation: 0 };
  const state = g[name];
  const { dropLocal, ensureListening, invalidate } = listener(state, channel, () => {
    state.entry = undefined;
  });

  return {
    dropLocal,
    invalidate,
    get: async () => {
      const handle = await ensureListening();
      const hit = state.entry;
      if (hit && Date.now() - hit.loadedAt < ttlMs) return hit.value;
      const generation = state.generation;
      const value = await load(handle.db);
      // An invalidation that arrived while loading wins: do not store what may already be stale.
      if (generation === state.generation) state.entry = { value, loadedAt: Date.now() };
      return value;
    },
  };
}

export function notifiedMap<K, V>({
  name,
  channel,
  ttlMs,
  maxEntries,
  load,
}: {
  name: string;
  channel: string;
  ttlMs: number;
  /** Past this many kept values the oldest are dropped (a bound on memory, not a working set). */
  maxEntries: number;
  load: (db: Database, key: K) => Promise<V | undefined>;
}): NotifiedMap<K, V> {
  const g = globalThis as unknown as Record<string, (Listener & { entries: Map<K, { value: V; loadedAt: number }> }) | undefined>;
  g[name] ??= { generation: 0, entries: new Map() };
  const state = g[name];
  const { dropLocal, ensureListening, invalidate } = listener(state, channel, () => state.entries.clear());

  return {
    dropLocal,
    invalidate,
    get: async (key) => {
      const handle = await ensureListening();
      const hit = state.entries.get(key);
      if (hit && Date.now() - hit.loadedAt < ttlMs) return hit.value;
      const generation = state.generation;
      const value = await load(handle.db, key);
      if (value !== undefined && generation === state.generation) {
        if (state.entries.size >= maxEntries) state.entries.delete(state.entries.keys().next().value as K);
        state.entries.set(key, { value, loadedAt: Date.now() });
      }
      return value;
    },
  };
}
