#!/usr/bin/env node
// Fails when db/schema.ts has changes that no generated migration holds yet.
import { spawnSync } from "node:child_process";

const run = spawnSync("npx", ["drizzle-kit", "generate"], { encoding: "utf8" });
const out = `${run.stdout}\n${run.stderr}`;
if (run.status === 0 && /No schema changes/i.test(out)) {
  console.log("migrations: up to date with db/schema.ts");
  process.exit(0);
}
console.error(out);
console.error("migrations: db/schema.ts has changes without a migration. Run `npm run db:generate` and commit the result.");
// Leave the tree as it was: remove what the check itself generated.
spawnSync("git", ["checkout", "--", "db/migrations"], { stdio: "inherit" });
spawnSync("git", ["clean", "-fdq", "--", "db/migrations"], { stdio: "inherit" });
process.exit(1);
