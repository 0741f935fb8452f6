// Many rows in one statement with one parameter: the rows travel as one JSON array and Postgres turns it back into
// rows of the table's own type (jsonb_populate_recordset). Much quicker than a statement with a parameter per value
// (the demo history, the load generator), and the statement-level rollup triggers run once per batch.
import { getTableColumns, getTableName, sql, type SQL } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";

/**
 * An insert of `rows` into `table`. Rows are keyed like the table's Drizzle columns (`modelId`) or by column name
 * (`model_id`); every row has the same keys. Dates become ISO timestamps.
 */
export function bulkInsert(table: PgTable, rows: readonly Record<string, unknown>[]): SQL {
  const first = rows[0];
  if (!first) throw new Error("bulkInsert: no rows");
  const byKey = getTableColumns(table);
  const keys = Object.keys(first);
  const names = keys.map((k) => {
    const name = byKey[k]?.name ?? Object.values(byKey).find((c) => c.name === k)?.name;
    if (!name) throw new Error(`bulkInsert: ${getTableName(table)} has no column ${k}`);
    return name;
  });
  const json = JSON.stringify(rows.map((r) => Object.fromEntries(keys.map((k, i) => [names[i], r[k] ?? null]))));
  const list = sql.join(
    names.map((n) => sql.identifier(n)),
    sql`, `,
  );
  return sql`insert into ${table} (${list}) select ${list} from jsonb_populate_recordset(null::${table}, ${json}::jsonb)`;
}
