// `npm run db:migrate`: applies the app's migrations (db/migrations) to the Postgres in DATABASE_URL and exits.
// The server does the same on every start; this is for a deployment step that must come first, such as a Supabase
// project where db/supabase/auth.sql and realtime.sql are applied after the switch log exists (see the README).
import { z } from "zod";
import { migrateDatabase, openPostgres } from "../db/client";

const url = z
  .string({ message: "DATABASE_URL is not set: point it at the Postgres to migrate (postgres://...)" })
  .trim()
  .min(1, "DATABASE_URL is not set: point it at the Postgres to migrate (postgres://...)")
  .regex(/^postgres(ql)?:\/\//, "DATABASE_URL must start with postgres:// or postgresql://")
  .safeParse(process.env.DATABASE_URL);
if (!url.success) {
  console.error(`[switchboard] ${url.error.issues[0]!.message}`);
  process.exit(2);
}

// Two connections: the migration runs beside the transaction that holds the setup lock.
const handle = await openPostgres(url.data, { max: 2 });
try {
  await migrateDatabase(handle);
  console.log("[switchboard] migrations applied");
} catch (err) {
  console.error(`[switchboard] migration failed: ${(err as Error).message}`);
  process.exitCode = 1;
} finally {
  await handle.close();
}
