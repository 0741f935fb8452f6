// Every database test runs on PGlite, and also on the Postgres server when DATABASE_URL is set.
// Each file's database is a copy of the one migrated database of the run (tests/support/global-setup.ts): PGlite
// loads its dumped data folder, Postgres creates the database from the migrated template. Each Postgres copy has a
// name of its own, so parallel files and parallel CI runs never collide.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import postgres from "postgres";
import { inject } from "vitest";
import { migrateDatabase, openEmbedded, openPostgres, type DatabaseHandle, type DatabaseKind } from "@/db/client";

export const drivers: DatabaseKind[] = process.env.DATABASE_URL ? ["embedded", "postgres"] : ["embedded"];

export type TestDatabase = DatabaseHandle & { url?: string; drop: () => Promise<void> };

let embeddedTemplate: Blob | undefined;

/** The migrated PGlite data folder of this run, read once per test file. */
function migratedEmbedded(): Blob {
  embeddedTemplate ??= new Blob([fs.readFileSync(inject("embeddedTemplate"))]);
  return embeddedTemplate;
}

export async function createTestDatabase(kind: DatabaseKind, opts: { max?: number } = {}): Promise<TestDatabase> {
  if (kind === "embedded") {
    const handle = await openEmbedded("memory://", { loadDataDir: migratedEmbedded() });
    return { ...handle, drop: handle.close };
  }
  const base = process.env.DATABASE_URL;
  if (!base) throw new Error("DATABASE_URL is not set");
  const template = inject("postgresTemplate");
  const name = `sb_test_${Date.now().toString(36)}_${randomBytes(4).toString("hex")}`;
  const admin = postgres(base, { max: 1, onnotice: () => {} });
  await admin.unsafe(template ? `create database ${name} template ${template}` : `create database ${name}`);
  const url = new URL(base);
  url.pathname = `/${name}`;
  const handle = await openPostgres(url.toString(), opts);
  if (!template) await migrateDatabase(handle);
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
