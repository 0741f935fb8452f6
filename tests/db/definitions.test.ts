// What the hand-written migrations create (views, triggers, functions, rules) is what db/definitions.sql declares:
// a migration that changes one without the file, or a file edited without a migration, fails here. On Postgres the
// views are compared as that server prints the declared SQL (Postgres 16 and later print column names unqualified,
// 15 qualifies them), the rest as text.
import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFINITIONS_FILE, formatDefinitions, parseDefinitions, readDefinitions, type Definition } from "@/db/definitions";
import { createTestDatabase, drivers, type TestDatabase } from "../support/test-db";

const declared = parseDefinitions(fs.readFileSync(DEFINITIONS_FILE, "utf8"));
const names = (defs: readonly Definition[]) => defs.map((d) => `${d.kind} ${d.name}`);

describe.each(drivers)("migrated definitions on %s", (kind) => {
  let t: TestDatabase;
  let migrated: Definition[];
  beforeAll(async () => {
    t = await createTestDatabase(kind);
    migrated = await readDefinitions(t);
  });
  afterAll(async () => t?.drop());

  it("declares the same views, triggers, functions and rules the migrations create", () => {
    expect(names(migrated)).toEqual(names(declared));
    expect(declared.filter((d) => d.kind === "view").length).toBeGreaterThan(0);
    expect(declared.filter((d) => d.kind === "trigger").length).toBeGreaterThan(0);
    expect(declared.filter((d) => d.kind === "function").length).toBeGreaterThan(0);
  });

  it("triggers, functions and rules read exactly as declared", () => {
    const text = (defs: readonly Definition[]) => defs.filter((d) => d.kind !== "view").map((d) => [d.name, d.sql]);
    expect(text(migrated)).toEqual(text(declared));
  });

  it("each view selects what its declaration selects", async () => {
    // The declared SQL, created beside the real view and printed by the same server, must print the same.
    const schema = `declared_${Math.random().toString(36).slice(2, 10)}`;
    await t.rows(`create schema ${schema}`);
    try {
      for (const view of declared.filter((d) => d.kind === "view")) {
        const migratedView = migrated.find((d) => d.kind === "view" && d.name === view.name);
        await t.rows(view.sql.replace(`CREATE VIEW ${view.name} AS`, `CREATE VIEW ${schema}.${view.name} AS`));
        const printed = await t.rows<{ name: string; sql: string }>(
          "select viewname as name, definition as sql from pg_views where schemaname = $1 and viewname = $2",
          [schema, view.name],
        );
        expect(`CREATE VIEW ${view.name} AS\n${printed[0]?.sql}`.trim(), view.name).toBe(migratedView?.sql);
      }
    } finally {
      await t.rows(`drop schema ${schema} cascade`);
    }
  });

  if (kind === "embedded") {
    it("db/definitions.sql is what `npm run db:definitions` writes for these migrations", () => {
      expect(formatDefinitions(migrated)).toBe(fs.readFileSync(DEFINITIONS_FILE, "utf8"));
    });
  }
});
