-- user_model_preferences, unchanged for its readers (same columns, types and rows), now read from a per-user rollup
-- that the switch log's own trigger keeps: the view used to group the whole log, which took most of a second at a
-- million switches. tests/analytics/rollups.test.ts pins the view against the original definition.
CREATE OR REPLACE FUNCTION user_model_switch_counts_add() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO user_model_switch_counts AS c (user_id, model_id, switch_count, manual_count, auto_count, last_switched_at)
  SELECT n.user_id, n.new_model_id, count(*),
    count(*) FILTER (WHERE n.switch_type = 'manual'),
    count(*) FILTER (WHERE n.switch_type = 'auto'),
    max(n."timestamp")
  FROM new_switches n
  WHERE n.user_id IS NOT NULL
  GROUP BY 1, 2
  ORDER BY 1, 2
  ON CONFLICT (user_id, model_id) DO UPDATE SET
    switch_count = c.switch_count + excluded.switch_count,
    manual_count = c.manual_count + excluded.manual_count,
    auto_count = c.auto_count + excluded.auto_count,
    last_switched_at = greatest(c.last_switched_at, excluded.last_switched_at);
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER user_model_switch_counts_on_insert
  AFTER INSERT ON bedrock_model_switches
  REFERENCING NEW TABLE AS new_switches
  FOR EACH STATEMENT EXECUTE FUNCTION user_model_switch_counts_add();
--> statement-breakpoint
INSERT INTO user_model_switch_counts (user_id, model_id, switch_count, manual_count, auto_count, last_switched_at)
SELECT user_id, new_model_id, count(*), count(*) FILTER (WHERE switch_type = 'manual'),
  count(*) FILTER (WHERE switch_type = 'auto'), max("timestamp")
FROM bedrock_model_switches
WHERE user_id IS NOT NULL
GROUP BY 1, 2;
--> statement-breakpoint
CREATE OR REPLACE VIEW user_model_preferences AS
SELECT
  user_id,
  model_id,
  switch_count,
  manual_count,
  auto_count,
  last_switched_at,
  RANK() OVER (PARTITION BY user_id ORDER BY switch_count DESC, last_switched_at DESC) AS preference_rank
FROM user_model_switch_counts;
