import { AppError } from "@/server/errors";

/** The AppError code a call fails with, or "ok"; anything else that is thrown fails the test. */
export async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return "ok";
  } catch (err) {
    if (err instanceof AppError) return err.code;
    throw err;
  }
}

/** The AppError a call fails with; a success or another error fails the test. */
export async function failure(p: Promise<unknown>): Promise<AppError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(err instanceof AppError)) throw new Error(`expected an AppError, got ${String(err)}`);
  return err;
}

export type PostgresErrorFields = { code: string; constraint: string | undefined; message: string };

/**
 * The Postgres error a query fails with, read the same way on both drivers: Drizzle wraps the driver's error and
 * keeps it on `cause`; PGlite names the constraint `constraint`, postgres-js `constraint_name`. A success, or an
 * error without a SQLSTATE, fails the test.
 */
export async function postgresError(p: Promise<unknown>): Promise<PostgresErrorFields> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  if (err === null) throw new Error("expected the database to refuse the statement, and it accepted it");
  const cause = (err as { cause?: unknown }).cause ?? err;
  const fields = cause as { code?: unknown; constraint?: unknown; constraint_name?: unknown; message?: unknown };
  if (typeof fields.code !== "string") throw new Error(`expected a Postgres error, got ${String(err)}`);
  const constraint = fields.constraint ?? fields.constraint_name;
  return { code: fields.code, constraint: typeof constraint === "string" ? constraint : undefined, message: String(fields.message) };
}
