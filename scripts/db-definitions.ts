// `npm run db:definitions`: migrates a fresh in-memory database with db/migrations and writes what the hand-written
// migrations create (views, triggers, functions, rules) to db/definitions.sql. Run it after writing such a migration
// and commit both. With --check (as `npm run db:check` runs it) it writes nothing and fails when the file is stale.
import fs from "node:fs";
import { migrateDatabase, openEmbedded } from "../db/client";
import { DEFINITIONS_FILE, formatDefinitions, readDefinitions } from "../db/definitions";

const check = process.argv.includes("--check");
const handle = await openEmbedded("memory://");
let text: string;
try {
  await migrateDatabase(handle);
  text = formatDefinitions(await readDefinitions(handle));
} finally {
  await handle.close();
}
const current = fs.existsSync(DEFINITIONS_FILE) ? fs.readFileSync(DEFINITIONS_FILE, "utf8") : null;
if (check) {
  if (current === text) {
    console.log("definitions: db/definitions.sql matches the migrations");
  } else {
    console.error(
      "definitions: db/definitions.sql does not match what db/migrations create (views, triggers, functions, rules).\n" +
        "If the migration is right, run `npm run db:definitions` and commit db/definitions.sql; otherwise fix the migration.",
    );
    process.exitCode = 1;
  }
} else if (current === text) {
  console.log("definitions: db/definitions.sql is up to date");
} else {
  fs.writeFileSync(DEFINITIONS_FILE, text);
  console.log("definitions: wrote db/definitions.sql");
}
