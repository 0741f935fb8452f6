import "server-only";
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

type State<T> = {
  handle?: DatabaseHandle;
  entry?: { value: T; loadedAt: number };
  generation: number;
  listening?: Promise<void>;
};

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
  const g = globalThis as unknown as Record<string, State<T> | undefined>;
  g[name] ??= { generation: 0 };
  const state = g[name];

  const dropLocal = () => {
    state.generation++;
    state.entry = undefined;
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

  return {
    dropLocal,
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
    invalidate: async () => {
      dropLocal();
      const handle = await getDatabase();
      await handle.notify(channel, String(Date.now()));
    },
  };
}
