-- Keeps the analytics rollups (switch_daily_counts, invocation_daily_counts) in step with the tables they summarise.
-- Statement-level triggers with transition tables: a bulk insert of thousands of rows costs one grouped upsert, and
-- the counts commit or roll back with the rows themselves. Upserts run in key order so that two concurrent bulk
-- inserts lock rollup rows in the same order and cannot deadlock. Days are UTC calendar days.

-- Switches: the log is append-only (UPDATE, DELETE and TRUNCATE already fail), so only inserts need counting.
CREATE OR REPLACE FUNCTION switch_daily_counts_add() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO switch_daily_counts AS c (day, use_case, new_model_id, switch_type, switches)
  SELECT (n."timestamp" AT TIME ZONE 'UTC')::date, n.use_case, n.new_model_id, n.switch_type, count(*)
  FROM new_switches n
  GROUP BY 1, 2, 3, 4
  ORDER BY 1, 2, 3, 4
  ON CONFLICT (day, use_case, new_model_id, switch_type) DO UPDATE SET switches = c.switches + excluded.switches;

  -- A manual switch that comes within 24 hours of an auto switch of the same scope (the scope's previous switch)
  -- reverts it. The revert is counted on the auto switch's own row (its day, use case and model).
  INSERT INTO switch_daily_counts AS c (day, use_case, new_model_id, switch_type, switches, reverted)
  SELECT (p."timestamp" AT TIME ZONE 'UTC')::date, p.use_case, p.new_model_id, 'auto'::switch_type, 0, count(*)
  FROM new_switches n
  CROSS JOIN LATERAL (
    (SELECT s.use_case, s.new_model_id, s.switch_type, s."timestamp"
     FROM bedrock_model_switches s
     WHERE n.conversation_id IS NULL
       AND s.use_case = n.use_case AND s.conversation_id IS NULL
       AND s."timestamp" <= n."timestamp" AND (s."timestamp", s.id) < (n."timestamp", n.id)
     ORDER BY s."timestamp" DESC, s.id DESC
     LIMIT 1)
    UNION ALL
    (SELECT s.use_case, s.new_model_id, s.switch_type, s."timestamp"
     FROM bedrock_model_switches s
     WHERE n.conversation_id IS NOT NULL
       AND s.conversation_id = n.conversation_id
       AND s."timestamp" <= n."timestamp" AND (s."timestamp", s.id) < (n."timestamp", n.id)
     ORDER BY s."timestamp" DESC, s.id DESC
     LIMIT 1)
  ) p
  WHERE n.switch_type = 'manual'
    AND p.switch_type = 'auto'
    AND n."timestamp" - p."timestamp" <= interval '24 hours'
  GROUP BY 1, 2, 3
  ORDER BY 1, 2, 3
  ON CONFLICT (day, use_case, new_model_id, switch_type) DO UPDATE SET reverted = c.reverted + excluded.reverted;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER switch_daily_counts_on_insert
  AFTER INSERT ON bedrock_model_switches
  REFERENCING NEW TABLE AS new_switches
  FOR EACH STATEMENT EXECUTE FUNCTION switch_daily_counts_add();
--> statement-breakpoint
-- Invocations: inserts add, deletes subtract, updates do both, TRUNCATE empties the rollup (nothing in the app
-- deletes or updates invocations today; a cleanup job someday must not leave the rollup wrong).
CREATE OR REPLACE FUNCTION invocation_daily_counts_on_insert() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO invocation_daily_counts AS c
    (day, use_case, model_id, invocations, failures, input_tokens, output_tokens, cost_usd)
  SELECT (r.created_at AT TIME ZONE 'UTC')::date, r.use_case, r.model_id,
    count(*), count(*) FILTER (WHERE r.outcome <> 'success'),
    sum(r.input_tokens), sum(r.output_tokens), sum(r.cost_usd)
  FROM new_invocations r
  GROUP BY 1, 2, 3
  ORDER BY 1, 2, 3
  ON CONFLICT (day, use_case, model_id) DO UPDATE SET
    invocations = c.invocations + excluded.invocations,
    failures = c.failures + excluded.failures,
    input_tokens = c.input_tokens + excluded.input_tokens,
    output_tokens = c.output_tokens + excluded.output_tokens,
    cost_usd = c.cost_usd + excluded.cost_usd;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION invocation_daily_counts_on_delete() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  UPDATE invocation_daily_counts c SET
    invocations = c.invocations - d.invocations,
    failures = c.failures - d.failures,
    input_tokens = c.input_tokens - d.input_tokens,
    output_tokens = c.output_tokens - d.output_tokens,
    cost_usd = c.cost_usd - d.cost_usd
  FROM (
    SELECT (r.created_at AT TIME ZONE 'UTC')::date AS day, r.use_case, r.model_id,
      count(*) AS invocations, count(*) FILTER (WHERE r.outcome <> 'success') AS failures,
      sum(r.input_tokens) AS input_tokens, sum(r.output_tokens) AS output_tokens, sum(r.cost_usd) AS cost_usd
    FROM old_invocations r
    GROUP BY 1, 2, 3
  ) d
  WHERE c.day = d.day AND c.use_case = d.use_case AND c.model_id = d.model_id;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER invocation_daily_counts_on_insert
  AFTER INSERT ON invocations
  REFERENCING NEW TABLE AS new_invocations
  FOR EACH STATEMENT EXECUTE FUNCTION invocation_daily_counts_on_insert();
--> statement-breakpoint
CREATE TRIGGER invocation_daily_counts_on_delete
  AFTER DELETE ON invocations
  REFERENCING OLD TABLE AS old_invocations
  FOR EACH STATEMENT EXECUTE FUNCTION invocation_daily_counts_on_delete();
--> statement-breakpoint
-- An UPDATE is a delete of the old rows and an insert of the new ones.
CREATE OR REPLACE FUNCTION invocation_daily_counts_on_update() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  UPDATE invocation_daily_counts c SET
    invocations = c.invocations - d.invocations,
    failures = c.failures - d.failures,
    input_tokens = c.input_tokens - d.input_tokens,
    output_tokens = c.output_tokens - d.output_tokens,
    cost_usd = c.cost_usd - d.cost_usd
  FROM (
    SELECT (r.created_at AT TIME ZONE 'UTC')::date AS day, r.use_case, r.model_id,
      count(*) AS invocations, count(*) FILTER (WHERE r.outcome <> 'success') AS failures,
      sum(r.input_tokens) AS input_tokens, sum(r.output_tokens) AS output_tokens, sum(r.cost_usd) AS cost_usd
    FROM old_invocations r
    GROUP BY 1, 2, 3
  ) d
  WHERE c.day = d.day AND c.use_case = d.use_case AND c.model_id = d.model_id;
  INSERT INTO invocation_daily_counts AS c
    (day, use_case, model_id, invocations, failures, input_tokens, output_tokens, cost_usd)
  SELECT (r.created_at AT TIME ZONE 'UTC')::date, r.use_case, r.model_id,
    count(*), count(*) FILTER (WHERE r.outcome <> 'success'),
    sum(r.input_tokens), sum(r.output_tokens), sum(r.cost_usd)
  FROM new_invocations r
  GROUP BY 1, 2, 3
  ORDER BY 1, 2, 3
  ON CONFLICT (day, use_case, model_id) DO UPDATE SET
    invocations = c.invocations + excluded.invocations,
    failures = c.failures + excluded.failures,
    input_tokens = c.input_tokens + excluded.input_tokens,
    output_tokens = c.output_tokens + excluded.output_tokens,
    cost_usd = c.cost_usd + excluded.cost_usd;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER invocation_daily_counts_on_update
  AFTER UPDATE ON invocations
  REFERENCING OLD TABLE AS old_invocations NEW TABLE AS new_invocations
  FOR EACH STATEMENT EXECUTE FUNCTION invocation_daily_counts_on_update();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION invocation_daily_counts_on_truncate() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM invocation_daily_counts;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER invocation_daily_counts_on_truncate
  AFTER TRUNCATE ON invocations
  FOR EACH STATEMENT EXECUTE FUNCTION invocation_daily_counts_on_truncate();
--> statement-breakpoint
-- Backfill from what is already there (a deployment that had history before this migration).
INSERT INTO switch_daily_counts (day, use_case, new_model_id, switch_type, switches, reverted)
SELECT (s."timestamp" AT TIME ZONE 'UTC')::date, s.use_case, s.new_model_id, s.switch_type, count(*),
  count(*) FILTER (WHERE s.switch_type = 'auto' AND s.next_type = 'manual' AND s.next_at - s."timestamp" <= interval '24 hours')
FROM (
  SELECT *,
    lead(switch_type) OVER w AS next_type,
    lead("timestamp") OVER w AS next_at
  FROM bedrock_model_switches
  WINDOW w AS (PARTITION BY use_case, conversation_id ORDER BY "timestamp", id)
) s
GROUP BY 1, 2, 3, 4;
--> statement-breakpoint
INSERT INTO invocation_daily_counts (day, use_case, model_id, invocations, failures, input_tokens, output_tokens, cost_usd)
SELECT (created_at AT TIME ZONE 'UTC')::date, use_case, model_id, count(*), count(*) FILTER (WHERE outcome <> 'success'),
  sum(input_tokens), sum(output_tokens), sum(cost_usd)
FROM invocations
GROUP BY 1, 2, 3;
