import "server-only";
import { migrateDatabase, openEmbedded, openPostgres, withAdvisoryLock, type DatabaseHandle } from "@/db/client";
import { seedDatabase } from "@/db/seed";
import { hashPassword } from "./auth/password";
import { env } from "./env";

// One database per process (Turbopack may bundle this module twice, so the instance lives on globalThis).
const g = globalThis as unknown as { __switchboardDb?: Promise<DatabaseHandle> };

export function wantsDemoData(): boolean {
  const e = env();
  return e.SWITCHBOARD_DEMO_DATA === "true" || (e.SWITCHBOARD_DEMO_DATA === "auto" && !e.DATABASE_URL);
}

async function open(): Promise<DatabaseHandle> {
  const e = env();
  const handle = e.DATABASE_URL ? await openPostgres(e.DATABASE_URL) : await openEmbedded(e.dataDir);
  try {
    await migrateDatabase(handle);
    await withAdvisoryLock(handle, () => seedDatabase(handle.db, { demo: wantsDemoData(), hashPassword }));
  } catch (err) {
    await handle.close().catch(() => {});
    throw err;
  }
  return handle;
}

export function getDatabase(): Promise<DatabaseHandle> {
  if (!g.__switchboardDb) {
    g.__switchboardDb = open();
    // A failed start must not be cached: the next request tries again (e.g. Postgres came back).
    g.__switchboardDb.catch(() => {
      g.__switchboardDb = undefined;
    });
  }
  return g.__switchboardDb;
}

/** Points the service layer at an already-open database (tests, the benchmark, scripts). */
export function setDatabase(handle: DatabaseHandle): void {
  g.__switchboardDb = Promise.resolve(handle);
}

export async function getDb() {
  return (await getDatabase()).db;
}
