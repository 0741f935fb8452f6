-- One upsert per statement into switch_daily_counts, counts and reverts together, in key order. Two upserts (counts,
-- then reverts) could lock rows in opposite orders in two concurrent inserts and deadlock: seen with two bulk writers,
-- and possible for two switches committing at once. With one sorted upsert per table, and the triggers always firing
-- in the same order (by name: switch_daily_counts_on_insert, then user_model_switch_counts_on_insert), every writer
-- takes rollup locks in one global order.
CREATE OR REPLACE FUNCTION switch_daily_counts_add() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO switch_daily_counts AS c (day, use_case, new_model_id, switch_type, switches, reverted)
  SELECT day, use_case, new_model_id, switch_type, sum(switches), sum(reverted)
  FROM (
    SELECT (n."timestamp" AT TIME ZONE 'UTC')::date AS day, n.use_case, n.new_model_id, n.switch_type,
      1 AS switches, 0 AS reverted
    FROM new_switches n
    UNION ALL
    -- A manual switch that comes within 24 hours of an auto switch of the same scope (the scope's previous switch)
    -- reverts it; the revert is counted on the auto switch's own row (its day, use case and model).
    SELECT (p."timestamp" AT TIME ZONE 'UTC')::date, p.use_case, p.new_model_id, 'auto'::switch_type, 0, 1
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
  ) changes
  GROUP BY 1, 2, 3, 4
  ORDER BY 1, 2, 3, 4
  ON CONFLICT (day, use_case, new_model_id, switch_type) DO UPDATE SET
    switches = c.switches + excluded.switches,
    reverted = c.reverted + excluded.reverted;
  RETURN NULL;
END;
$$;
