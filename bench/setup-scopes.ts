// Prepares a database for the benchmark: schema, catalog and use cases, plus 64 extra use cases bench_00..bench_63
// (distinct scopes). Only db/ is imported: server/ modules are server-only.
import { prepareToastUser } from "./toast-latency";
import { randomBytes } from "node:crypto";
import { migrateDatabase, openEmbedded, openPostgres, type DatabaseHandle } from "../db/client";
import { useCases } from "../db/schema";
import { seedDatabase } from "../db/seed";

export const SCOPE_COUNT = 64;
export const NOVA_LITE = "eu.amazon.nova-lite-v1:0";
export const NOVA_MICRO = "eu.amazon.nova-micro-v1:0";

export const scopeName = (i: number) => `bench_${String(i % SCOPE_COUNT).padStart(2, "0")}`;

async function prepare(handle: DatabaseHandle): Promise<void> {
  await migrateDatabase(handle);
  await seedDatabase(handle.db, { demo: false });
  await handle.db
    .insert(useCases)
    .values(
      Array.from({ length: SCOPE_COUNT }, (_, i) => ({
        name: scopeName(i),
        description: "Benchmark scope",
        currentModelId: NOVA_LITE,
        objective: "cost" as const,
      })),
    )
    .onConflictDoNothing();
  // An end user with a conversation in bench_toast, for the switch-to-toast measurement.
  await prepareToastUser(handle);
}

/** Embedded: the server must not be running on this folder (PGlite allows one process; db/client takes a lock). */
export async function setupEmbedded(dataDir: string): Promise<void> {
  const handle = await openEmbedded(dataDir);
  try {
    await prepare(handle);
  } finally {
    await handle.close();
  }
}

/** Swaps the database name in a Postgres URL. */
export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

export type BenchPostgres = {
  url: string;
  name: string;
  /** Pids of the Postgres backends connected to the bench database (for CPU accounting). */
  backendPids: () => Promise<number[]>;
  drop: () => Promise<void>;
};

/** Creates sb_bench_<random> on the server of `adminUrl`, prepares it, and returns how to drop it. */
export async function createPostgres(adminUrl: string): Promise<BenchPostgres> {
  const { default: postgres } = await import("postgres");
  const name = `sb_bench_${randomBytes(5).toString("hex")}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {}, connect_timeout: 5 });
  try {
    await admin.unsafe(`create database ${name}`);
  } finally {
    await admin.end({ timeout: 5 });
  }
  let monitor: ReturnType<typeof postgres> | undefined;
  const backendPids = async () => {
    monitor ??= postgres(adminUrl, { max: 1, onnotice: () => {}, connect_timeout: 5 });
    const rows = await monitor<{ pid: number }[]>`select pid from pg_stat_activity where datname = ${name}`;
    return rows.map((r) => r.pid);
  };
  let dropped = false;
  const drop = async () => {
    if (dropped) return;
    dropped = true;
    await monitor?.end({ timeout: 5 }).catch(() => {});
    const a = postgres(adminUrl, { max: 1, onnotice: () => {}, connect_timeout: 5 });
    try {
      await a.unsafe(`drop database if exists ${name} with (force)`);
    } finally {
      await a.end({ timeout: 5 });
    }
  };
  const url = withDatabase(adminUrl, name);
  try {
    const handle = await openPostgres(url, { max: 2 });
    try {
      await prepare(handle);
    } finally {
      await handle.close();
    }
  } catch (err) {
    await drop().catch(() => {});
    throw err;
  }
  return { url, name, backendPids, drop };
}
