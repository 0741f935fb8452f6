// Every database test runs on PGlite, and also on the Postgres server when DATABASE_URL is set.
// Each Postgres run gets a database of its own, so parallel files and parallel CI runs never collide.
import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { migrateDatabase, openEmbedded, openPostgres, type DatabaseHandle, type DatabaseKind } from "@/db/client";

export const drivers: DatabaseKind[] = process.env.DATABASE_URL ? ["embedded", "postgres"] : ["embedded"];

export type TestDatabase = DatabaseHandle & { url?: string; drop: () => Promise<void> };

export async function createTestDatabase(kind: DatabaseKind, opts: { max?: number } = {}): Promise<TestDatabase> {
  if (kind === "embedded") {
    const handle = await openEmbedded("memory://");
    await migrateDatabase(handle);
    return { ...handle, drop: handle.close };
  }
  const base = process.env.DATABASE_URL;
  if (!base) throw new Error("DATABASE_URL is not set");
  const name = `sb_test_${Date.now().toString(36)}_${randomBytes(4).toString("hex")}`;
  const admin = postgres(base, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(base);
  url.pathname = `/${name}`;
  const handle = await openPostgres(url.toString(), opts);
  await migrateDatabase(handle);
  return {
    ...handle,
    url: url.toString(),
    drop: async () => {
      await handle.close();
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}
