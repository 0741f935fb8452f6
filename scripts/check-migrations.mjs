#!/usr/bin/env node
// `npm run db:check`: fails when db/schema.ts has changes that no generated migration holds yet, or when what the
// hand-written migrations create (views, triggers, functions, rules) differs from db/definitions.sql.
// It never writes into db/: drizzle-kit generates into a temporary copy of db/migrations, which is then removed.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const migrations = path.join(root, "db", "migrations");

function checkSchema() {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "sb-db-check-"));
  try {
    const copy = path.join(scratch, "migrations");
    fs.cpSync(migrations, copy, { recursive: true });
    // drizzle-kit reads --out relative to the working folder.
    const out = path.relative(root, copy);
    const run = spawnSync("npx", ["drizzle-kit", "generate", "--dialect", "postgresql", "--schema", "./db/schema.ts", "--out", out], {
      cwd: root,
      encoding: "utf8",
    });
    const text = `${run.stdout}\n${run.stderr}`;
    if (run.status === 0 && /No schema changes/i.test(text)) {
      console.log("migrations: up to date with db/schema.ts");
      return true;
    }
    const added = fs.readdirSync(copy).filter((f) => !fs.existsSync(path.join(migrations, f)));
    console.error(text);
    console.error(
      "migrations: db/schema.ts has changes without a migration" +
        (added.length ? ` (drizzle-kit would write ${added.join(", ")})` : "") +
        ". Run `npx drizzle-kit generate --name <what>` and commit the result.",
    );
    return false;
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

function checkDefinitions() {
  const run = spawnSync("npx", ["tsx", "scripts/db-definitions.ts", "--check"], { cwd: root, stdio: "inherit" });
  return run.status === 0;
}

const schemaOk = checkSchema();
const definitionsOk = checkDefinitions();
process.exit(schemaOk && definitionsOk ? 0 : 1);
