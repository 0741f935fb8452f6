// Once per `vitest run`: one migrated database that every test file starts from, instead of each file migrating its
// own (a fresh PGlite with the migrations takes 1.6-3.9 s here, a copy of a migrated one about half a second).
// - PGlite: the migrated data folder, dumped to a tarball; each file's database loads it (openEmbedded's loadDataDir).
// - Postgres (DATABASE_URL set): a migrated database that each file's database is created from (CREATE DATABASE ...
//   TEMPLATE), dropped at the end.
// The migrations themselves still run here, on both drivers, on every run.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import type { TestProject } from "vitest/node";
import { PGlite } from "@electric-sql/pglite";
import { drizzle } from "drizzle-orm/pglite";
import { migrate } from "drizzle-orm/pglite/migrator";
import { migrateDatabase, migrationsFolder, openPostgres } from "../../db/client";

declare module "vitest" {
  export interface ProvidedContext {
    /** A tarball of a migrated PGlite data folder. */
    embeddedTemplate: string;
    /** The name of a migrated Postgres database to copy, when DATABASE_URL is set. */
    postgresTemplate: string | null;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sb-template-"));
  const tarball = path.join(dir, "migrated.tar");
  const pg = await PGlite.create();
  try {
    await migrate(drizzle(pg), { migrationsFolder: migrationsFolder() });
    fs.writeFileSync(tarball, Buffer.from(await (await pg.dumpDataDir("none")).arrayBuffer()));
  } finally {
    await pg.close();
  }
  project.provide("embeddedTemplate", tarball);

  let dropPostgres = async () => {};
  const base = process.env.DATABASE_URL;
  if (base) {
    const name = `sb_template_${Date.now().toString(36)}_${randomBytes(4).toString("hex")}`;
    const admin = postgres(base, { max: 1, onnotice: () => {} });
    dropPostgres = async () => {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    };
    await admin.unsafe(`create database ${name}`);
    const url = new URL(base);
    url.pathname = `/${name}`;
    // Two connections: the migration runs beside the transaction that holds the advisory lock.
    const handle = await openPostgres(url.toString(), { max: 2 });
    try {
      await migrateDatabase(handle);
    } catch (err) {
      await handle.close();
      await dropPostgres();
      throw err;
    }
    await handle.close();
    project.provide("postgresTemplate", name);
  } else {
    project.provide("postgresTemplate", null);
  }

  return async () => {
    await dropPostgres();
    fs.rmSync(dir, { recursive: true, force: true });
  };
}
