-- The switch log is append-only in the database itself: UPDATE, DELETE and TRUNCATE fail for every client.
CREATE OR REPLACE FUNCTION bedrock_model_switches_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'bedrock_model_switches is append-only: % is not allowed', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER bedrock_model_switches_no_update_delete
  BEFORE UPDATE OR DELETE ON bedrock_model_switches
  FOR EACH ROW EXECUTE FUNCTION bedrock_model_switches_append_only();
--> statement-breakpoint
CREATE TRIGGER bedrock_model_switches_no_truncate
  BEFORE TRUNCATE ON bedrock_model_switches
  FOR EACH STATEMENT EXECUTE FUNCTION bedrock_model_switches_append_only();
--> statement-breakpoint
-- Switches by model and day, as the old dashboards read them.
CREATE VIEW bedrock_model_switch_analytics AS
SELECT
  new_model_id,
  date_trunc('day', "timestamp") AS day,
  COUNT(*) AS total_switches,
  COUNT(*) FILTER (WHERE switch_type = 'auto') AS auto_switches,
  COUNT(*) FILTER (WHERE switch_type = 'manual') AS manual_switches,
  COUNT(*) FILTER (WHERE switch_type = 'fallback') AS fallback_switches,
  COUNT(DISTINCT user_id) AS unique_users,
  ROUND(100.0 * COUNT(*) FILTER (WHERE switch_type = 'auto') / COUNT(*), 1) AS auto_pct
FROM bedrock_model_switches
GROUP BY new_model_id, date_trunc('day', "timestamp");
--> statement-breakpoint
-- Each user's model preferences from their switch history: rank 1 is the model they switched to most.
CREATE VIEW user_model_preferences AS
SELECT
  user_id,
  new_model_id AS model_id,
  COUNT(*) AS switch_count,
  COUNT(*) FILTER (WHERE switch_type = 'manual') AS manual_count,
  COUNT(*) FILTER (WHERE switch_type = 'auto') AS auto_count,
  MAX("timestamp") AS last_switched_at,
  RANK() OVER (PARTITION BY user_id ORDER BY COUNT(*) DESC, MAX("timestamp") DESC) AS preference_rank
FROM bedrock_model_switches
WHERE user_id IS NOT NULL
GROUP BY user_id, new_model_id;
