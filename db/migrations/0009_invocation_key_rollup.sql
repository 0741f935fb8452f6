CREATE TABLE "invocation_key_daily_counts" (
	"day" date NOT NULL,
	"api_key_id" uuid NOT NULL,
	"invocations" integer DEFAULT 0 NOT NULL,
	"failures" integer DEFAULT 0 NOT NULL,
	"input_tokens" bigint DEFAULT 0 NOT NULL,
	"output_tokens" bigint DEFAULT 0 NOT NULL,
	"cost_usd" numeric(18, 8) DEFAULT 0 NOT NULL,
	CONSTRAINT "invocation_key_daily_counts_day_api_key_id_pk" PRIMARY KEY("day","api_key_id")
);
--> statement-breakpoint
CREATE INDEX "invocation_key_daily_counts_key_day_idx" ON "invocation_key_daily_counts" USING btree ("api_key_id","day");--> statement-breakpoint
-- Keeps invocation_key_daily_counts in step with invocations, like 0003 does for invocation_daily_counts: statement-level
-- triggers with transition tables (a batch of recorded calls is one insert, so one grouped upsert), in key order so
-- concurrent writers lock rollup rows in one order. The trigger names sort after invocation_daily_counts_*, so every
-- writer takes the use-case rollup's locks first, then these. Calls without a key are not counted here.
CREATE OR REPLACE FUNCTION invocation_key_daily_counts_on_insert() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO invocation_key_daily_counts AS c (day, api_key_id, invocations, failures, input_tokens, output_tokens, cost_usd)
  SELECT (r.created_at AT TIME ZONE 'UTC')::date, r.api_key_id,
    count(*), count(*) FILTER (WHERE r.outcome <> 'success'),
    sum(r.input_tokens), sum(r.output_tokens), sum(r.cost_usd)
  FROM new_invocations r
  WHERE r.api_key_id IS NOT NULL
  GROUP BY 1, 2
  ORDER BY 1, 2
  ON CONFLICT (day, api_key_id) DO UPDATE SET
    invocations = c.invocations + excluded.invocations,
    failures = c.failures + excluded.failures,
    input_tokens = c.input_tokens + excluded.input_tokens,
    output_tokens = c.output_tokens + excluded.output_tokens,
    cost_usd = c.cost_usd + excluded.cost_usd;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
-- A delete subtracts (the same upsert with negated sums; a row is never missing, since the insert made it).
CREATE OR REPLACE FUNCTION invocation_key_daily_counts_on_delete() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO invocation_key_daily_counts AS c (day, api_key_id, invocations, failures, input_tokens, output_tokens, cost_usd)
  SELECT (r.created_at AT TIME ZONE 'UTC')::date, r.api_key_id,
    -count(*), -count(*) FILTER (WHERE r.outcome <> 'success'),
    -sum(r.input_tokens), -sum(r.output_tokens), -sum(r.cost_usd)
  FROM old_invocations r
  WHERE r.api_key_id IS NOT NULL
  GROUP BY 1, 2
  ORDER BY 1, 2
  ON CONFLICT (day, api_key_id) DO UPDATE SET
    invocations = c.invocations + excluded.invocations,
    failures = c.failures + excluded.failures,
    input_tokens = c.input_tokens + excluded.input_tokens,
    output_tokens = c.output_tokens + excluded.output_tokens,
    cost_usd = c.cost_usd + excluded.cost_usd;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
-- An UPDATE is a delete of the old rows and an insert of the new ones.
CREATE OR REPLACE FUNCTION invocation_key_daily_counts_on_update() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO invocation_key_daily_counts AS c (day, api_key_id, invocations, failures, input_tokens, output_tokens, cost_usd)
  SELECT (r.created_at AT TIME ZONE 'UTC')::date, r.api_key_id,
    -count(*), -count(*) FILTER (WHERE r.outcome <> 'success'),
    -sum(r.input_tokens), -sum(r.output_tokens), -sum(r.cost_usd)
  FROM old_invocations r
  WHERE r.api_key_id IS NOT NULL
  GROUP BY 1, 2
  ORDER BY 1, 2
  ON CONFLICT (day, api_key_id) DO UPDATE SET
    invocations = c.invocations + excluded.invocations,
    failures = c.failures + excluded.failures,
    input_tokens = c.input_tokens + excluded.input_tokens,
    output_tokens = c.output_tokens + excluded.output_tokens,
    cost_usd = c.cost_usd + excluded.cost_usd;
  INSERT INTO invocation_key_daily_counts AS c (day, api_key_id, invocations, failures, input_tokens, output_tokens, cost_usd)
  SELECT (r.created_at AT TIME ZONE 'UTC')::date, r.api_key_id,
    count(*), count(*) FILTER (WHERE r.outcome <> 'success'),
    sum(r.input_tokens), sum(r.output_tokens), sum(r.cost_usd)
  FROM new_invocations r
  WHERE r.api_key_id IS NOT NULL
  GROUP BY 1, 2
  ORDER BY 1, 2
  ON CONFLICT (day, api_key_id) DO UPDATE SET
    invocations = c.invocations + excluded.invocations,
    failures = c.failures + excluded.failures,
    input_tokens = c.input_tokens + excluded.input_tokens,
    output_tokens = c.output_tokens + excluded.output_tokens,
    cost_usd = c.cost_usd + excluded.cost_usd;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION invocation_key_daily_counts_on_truncate() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM invocation_key_daily_counts;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER invocation_key_daily_counts_on_insert
  AFTER INSERT ON invocations
  REFERENCING NEW TABLE AS new_invocations
  FOR EACH STATEMENT EXECUTE FUNCTION invocation_key_daily_counts_on_insert();
--> statement-breakpoint
CREATE TRIGGER invocation_key_daily_counts_on_delete
  AFTER DELETE ON invocations
  REFERENCING OLD TABLE AS old_invocations
  FOR EACH STATEMENT EXECUTE FUNCTION invocation_key_daily_counts_on_delete();
--> statement-breakpoint
CREATE TRIGGER invocation_key_daily_counts_on_update
  AFTER UPDATE ON invocations
  REFERENCING OLD TABLE AS old_invocations NEW TABLE AS new_invocations
  FOR EACH STATEMENT EXECUTE FUNCTION invocation_key_daily_counts_on_update();
--> statement-breakpoint
CREATE TRIGGER invocation_key_daily_counts_on_truncate
  AFTER TRUNCATE ON invocations
  FOR EACH STATEMENT EXECUTE FUNCTION invocation_key_daily_counts_on_truncate();
--> statement-breakpoint
-- Backfill from the calls already recorded with a key.
INSERT INTO invocation_key_daily_counts (day, api_key_id, invocations, failures, input_tokens, output_tokens, cost_usd)
SELECT (created_at AT TIME ZONE 'UTC')::date, api_key_id, count(*), count(*) FILTER (WHERE outcome <> 'success'),
  sum(input_tokens), sum(output_tokens), sum(cost_usd)
FROM invocations
WHERE api_key_id IS NOT NULL
GROUP BY 1, 2;
