// One typed database over two drivers: PGlite (embedded, in a folder or in memory) and Postgres (postgres-js).
// Not server-only: scripts, tests and the benchmark open databases too.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { ensurePrivateFolder, makeFolderPrivate, PRIVATE_FILE_MODE } from "./private-folder";
import * as schema from "./schema";

export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;
export type DatabaseKind = "embedded" | "postgres";

export type DatabaseHandle = {
  db: Database;
  kind: DatabaseKind;
  /** Subscribe to a NOTIFY channel; resolves once listening. Returns the unsubscribe function. */
  listen: (channel: string, onPayload: (payload: string) => void) => Promise<() => Promise<void>>;
  /** Run NOTIFY outside any transaction. */
  notify: (channel: string, payload: string) => Promise<void>;
  /** Run a query and return its rows as plain objects, the same on both drivers. */
  rows: <T = Record<string, unknown>>(query: string, params?: unknown[]) => Promise<T[]>;
  close: () => Promise<void>;
};

export const MIGRATIONS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), "migrations");

export function migrationsFolder(): string {
  // Under Next.js the module's URL points into the build output; the project root's folder is the real one.
  const fromCwd = path.resolve(process.cwd(), "db", "migrations");
  return fs.existsSync(fromCwd) ? fromCwd : MIGRATIONS_DIR;
}

export class DatabaseLockedError extends Error {}

/** The lock files this process holds now: a lock naming our own pid that is not among them is left from a past run. */
const lockState = globalThis as unknown as { __switchboardHeldLocks?: Set<string> };
lockState.__switchboardHeldLocks ??= new Set<string>();
const heldLocks = lockState.__switchboardHeldLocks;

/**
 * PGlite has no lock of its own: two processes on one folder both "succeed" and one loses its writes.
 * A lock file with our pid makes the second process stop with a clear message instead. A lock is stale, and taken
 * over, when its process is gone, when it names this process but this process does not hold it (a pid reused
 * after a restart, as in a container), or when its pid now belongs to a program that is not Switchboard.
 */
export function lockDataFolder(dir: string): () => void {
  ensurePrivateFolder(dir);
  const lockPath = path.join(dir, "switchboard.lock");
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lockPath, String(process.pid), { flag: "wx", mode: PRIVATE_FILE_MODE });
      heldLocks.add(lockPath);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        heldLocks.delete(lockPath);
        try {
          if (fs.readFileSync(lockPath, "utf8") === String(process.pid)) fs.unlinkSync(lockPath);
        } catch {
          /* already gone */
        }
      };
      process.once("exit", release);
      return release;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
      const pid = Number(fs.readFileSync(lockPath, "utf8").trim());
      const inUse = pid === process.pid ? heldLocks.has(lockPath) : Number.isInteger(pid) && pid > 0 && isAlive(pid) && isSwitchboardProcess(pid);
      if (inUse) {
        throw new DatabaseLockedError(
          `The embedded database in ${dir} is in use by another Switchboard process (pid ${pid}). ` +
            `Stop that process, or point this one at another folder with SWITCHBOARD_DATA_DIR, or use DATABASE_URL.`,
        );
      }
      fs.unlinkSync(lockPath); // stale lock from a process that is gone
    }
  }
  throw new DatabaseLockedError(`Could not take the lock on ${lockPath}.`);
}

/**
 * Whether a live pid is a process that may hold the lock: a Node.js process (the server shows as next-server, the
 * scripts and tests as node). Without /proc to ask, assume it is, so that a real holder is never pushed aside.
 */
export function isSwitchboardProcess(pid: number): boolean {
  let cmdline: string;
  try {
    cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").replace(/\0/g, " ");
  } catch (err) {
    return (err as NodeJS.ErrnoException).code !== "ENOENT";
  }
  return /\b(node|next-server|next|switchboard|tsx|vitest)\b/i.test(cmdline);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Opens PGlite on a folder (created if missing) or on `memory://`. An in-memory database may start from `loadDataDir`,
 * a data folder dumped with `dumpDataDir()` (the tests start each file from one migrated copy instead of migrating).
 */
export async function openEmbedded(dataDir: string | "memory://", opts: { loadDataDir?: Blob } = {}): Promise<DatabaseHandle> {
  const { PGlite } = await import("@electric-sql/pglite");
  const { drizzle } = await import("drizzle-orm/pglite");
  let release = () => {};
  let pg: InstanceType<typeof PGlite>;
  if (dataDir === "memory://") {
    pg = new PGlite(opts.loadDataDir ? { loadDataDir: opts.loadDataDir } : {});
    await pg.waitReady;
  } else {
    release = lockDataFolder(dataDir);
    const dbDir = path.join(dataDir, "pglite");
    try {
      makeFolderPrivate(dataDir); // an existing folder with looser modes is fixed before it is opened
      pg = new PGlite(dbDir);
      await pg.waitReady;
      makeFolderPrivate(dataDir); // and the files a first start has just created
    } catch (err) {
      release();
      throw err;
    }
  }
  const db = drizzle(pg, { schema }) as unknown as Database;
  return {
    db,
    kind: "embedded",
    listen: async (channel, cb) => {
      const unsub = await pg.listen(channel, cb);
      return async () => unsub();
    },
    notify: async (channel, payload) => {
      await pg.query("select pg_notify($1, $2)", [channel, payload]);
    },
    rows: async <T>(query: string, params: unknown[] = []) => (await pg.query<T>(query, params)).rows,
    close: async () => {
      await pg.close();
      release();
    },
  };
}

export async function openPostgres(url: string, opts: { max?: number } = {}): Promise<DatabaseHandle> {
  const { default: postgres } = await import("postgres");
  const { drizzle } = await import("drizzle-orm/postgres-js");
  const sql = postgres(url, {
    max: opts.max ?? 20,
    onnotice: () => {},
    // Supabase's transaction pooler cannot hold prepared statements.
    prepare: !/pooler\.supabase\.com|:6543\//.test(url),
  });
  const db = drizzle(sql, { schema }) as unknown as Database;
  return {
    db,
    kind: "postgres",
    listen: async (channel, cb) => {
      const sub = await sql.listen(channel, cb);
      return async () => sub.unlisten();
    },
    notify: async (channel, payload) => {
      await sql`select pg_notify(${channel}, ${payload})`;
    },
    rows: async <T>(query: string, params: unknown[] = []) => Array.from(await sql.unsafe(query, params as never[])) as T[],
    close: async () => {
      await sql.end({ timeout: 5 });
    },
  };
}

/** Applies the generated migrations; on Postgres under an advisory lock so that instances starting together take turns. */
export async function migrateDatabase(handle: DatabaseHandle): Promise<void> {
  const folder = migrationsFolder();
  if (handle.kind === "embedded") {
    const { migrate } = await import("drizzle-orm/pglite/migrator");
    await migrate(handle.db as never, { migrationsFolder: folder });
    return;
  }
  const { migrate } = await import("drizzle-orm/postgres-js/migrator");
  await withAdvisoryLock(handle, async () => migrate(handle.db as never, { migrationsFolder: folder }));
}

const SETUP_LOCK_KEY = 724_913_301;

/** Serialises start-up work (migrate, seed) between processes on one Postgres. */
export async function withAdvisoryLock<T>(handle: DatabaseHandle, fn: () => Promise<T>): Promise<T> {
  if (handle.kind === "embedded") return fn();
  const { sql } = await import("drizzle-orm");
  return handle.db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${SETUP_LOCK_KEY})`);
    return fn();
  });
}
