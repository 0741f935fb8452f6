CREATE TYPE "public"."account_role" AS ENUM('admin', 'analyst', 'user');--> statement-breakpoint
CREATE TYPE "public"."fact_source" AS ENUM('snapshot', 'aws-sync', 'manual');--> statement-breakpoint
CREATE TYPE "public"."geo_scope" AS ENUM('in-region', 'eu', 'global', 'us');--> statement-breakpoint
CREATE TYPE "public"."invocation_outcome" AS ENUM('success', 'throttled', 'quota_exceeded', 'timeout', 'not_ready', 'server_error', 'access_denied', 'validation_error', 'error');--> statement-breakpoint
CREATE TYPE "public"."lifecycle_status" AS ENUM('active', 'legacy');--> statement-breakpoint
CREATE TYPE "public"."message_role" AS ENUM('user', 'assistant', 'system');--> statement-breakpoint
CREATE TYPE "public"."policy_objective" AS ENUM('quality', 'balanced', 'cost');--> statement-breakpoint
CREATE TYPE "public"."switch_scope" AS ENUM('use_case', 'conversation');--> statement-breakpoint
CREATE TYPE "public"."switch_trigger" AS ENUM('admin', 'user', 'service', 'policy', 'detection', 'bedrock_error');--> statement-breakpoint
CREATE TYPE "public"."switch_type" AS ENUM('manual', 'auto', 'fallback');--> statement-breakpoint
CREATE TABLE "accounts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"email" text NOT NULL,
	"name" text NOT NULL,
	"role" "account_role" NOT NULL,
	"password_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "accounts_email_lowercase_check" CHECK ("accounts"."email" = lower("accounts"."email"))
);
--> statement-breakpoint
CREATE TABLE "app_state" (
	"key" text PRIMARY KEY NOT NULL,
	"value" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "bedrock_model_switches" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "bedrock_model_switches_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"user_id" uuid,
	"actor" text NOT NULL,
	"scope" "switch_scope" NOT NULL,
	"use_case" text NOT NULL,
	"conversation_id" uuid,
	"previous_model_id" text,
	"new_model_id" text NOT NULL,
	"reason" text,
	"switch_type" "switch_type" NOT NULL,
	"trigger" "switch_trigger" NOT NULL,
	"error_code" text,
	"idempotency_key" text,
	"notification_shown" boolean DEFAULT true NOT NULL,
	"timestamp" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "switches_scope_check" CHECK (("bedrock_model_switches"."scope" = 'conversation') = ("bedrock_model_switches"."conversation_id" is not null))
);
--> statement-breakpoint
CREATE TABLE "bedrock_models" (
	"model_id" text PRIMARY KEY NOT NULL,
	"base_model_id" text NOT NULL,
	"provider" text NOT NULL,
	"name" text NOT NULL,
	"region" text DEFAULT 'eu-central-1' NOT NULL,
	"geo_scope" "geo_scope" NOT NULL,
	"input_price_per_mtok" numeric(12, 6) NOT NULL,
	"output_price_per_mtok" numeric(12, 6) NOT NULL,
	"cache_read_price_per_mtok" numeric(12, 6),
	"cache_write_price_per_mtok" numeric(12, 6),
	"context_window" integer NOT NULL,
	"max_output_tokens" integer NOT NULL,
	"input_modalities" text[] DEFAULT '{TEXT}'::text[] NOT NULL,
	"output_modalities" text[] DEFAULT '{TEXT}'::text[] NOT NULL,
	"capabilities" text[] DEFAULT '{}'::text[] NOT NULL,
	"streaming_supported" boolean DEFAULT true NOT NULL,
	"lifecycle_status" "lifecycle_status" DEFAULT 'active' NOT NULL,
	"legacy_date" date,
	"end_of_life_date" date,
	"use_cases" text[] DEFAULT '{}'::text[] NOT NULL,
	"quality_tier" integer DEFAULT 3 NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"destination_regions" text[] DEFAULT '{}'::text[] NOT NULL,
	"notes" text,
	"source" "fact_source" DEFAULT 'snapshot' NOT NULL,
	"source_updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"provenance" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "bedrock_models_quality_tier_check" CHECK ("bedrock_models"."quality_tier" between 1 and 5),
	CONSTRAINT "bedrock_models_prices_check" CHECK ("bedrock_models"."input_price_per_mtok" >= 0 and "bedrock_models"."output_price_per_mtok" >= 0),
	CONSTRAINT "bedrock_models_limits_check" CHECK ("bedrock_models"."context_window" > 0 and "bedrock_models"."max_output_tokens" >= 0)
);
--> statement-breakpoint
CREATE TABLE "conversations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"use_case" text NOT NULL,
	"title" text NOT NULL,
	"model_override_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "invocations" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "invocations_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"model_id" text NOT NULL,
	"use_case" text NOT NULL,
	"conversation_id" uuid,
	"user_id" uuid,
	"input_tokens" integer DEFAULT 0 NOT NULL,
	"output_tokens" integer DEFAULT 0 NOT NULL,
	"latency_ms" integer DEFAULT 0 NOT NULL,
	"outcome" "invocation_outcome" NOT NULL,
	"error_code" text,
	"input_price_per_mtok" numeric(12, 6) NOT NULL,
	"output_price_per_mtok" numeric(12, 6) NOT NULL,
	"cost_usd" numeric(14, 8) DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "invocations_tokens_check" CHECK ("invocations"."input_tokens" >= 0 and "invocations"."output_tokens" >= 0 and "invocations"."latency_ms" >= 0)
);
--> statement-breakpoint
CREATE TABLE "messages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"conversation_id" uuid NOT NULL,
	"role" "message_role" NOT NULL,
	"content" text NOT NULL,
	"model_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "model_cooldowns" (
	"model_id" text PRIMARY KEY NOT NULL,
	"until" timestamp with time zone NOT NULL,
	"error_code" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"account_id" uuid NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sign_in_failures" (
	"key" text PRIMARY KEY NOT NULL,
	"failures" integer DEFAULT 0 NOT NULL,
	"last_failure_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "use_case_fallbacks" (
	"use_case" text NOT NULL,
	"position" integer NOT NULL,
	"model_id" text NOT NULL,
	CONSTRAINT "use_case_fallbacks_use_case_position_pk" PRIMARY KEY("use_case","position"),
	CONSTRAINT "use_case_fallbacks_position_check" CHECK ("use_case_fallbacks"."position" >= 0)
);
--> statement-breakpoint
CREATE TABLE "use_cases" (
	"name" text PRIMARY KEY NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"current_model_id" text NOT NULL,
	"objective" "policy_objective" DEFAULT 'balanced' NOT NULL,
	"min_context" integer,
	"max_input_price_per_mtok" numeric(12, 6),
	"max_output_price_per_mtok" numeric(12, 6),
	"required_capabilities" text[] DEFAULT '{}'::text[] NOT NULL,
	"allowed_providers" text[] DEFAULT '{}'::text[] NOT NULL,
	"allowed_geo_scopes" "geo_scope"[] DEFAULT '{}'::geo_scope[] NOT NULL,
	"exclude_legacy" boolean DEFAULT true NOT NULL,
	"candidates" text[] DEFAULT '{}'::text[] NOT NULL,
	"allow_auto_switch" boolean DEFAULT true NOT NULL,
	"allow_user_choice" boolean DEFAULT false NOT NULL,
	"cooldown_seconds" integer DEFAULT 300 NOT NULL,
	"monthly_input_tokens" bigint DEFAULT 0 NOT NULL,
	"monthly_output_tokens" bigint DEFAULT 0 NOT NULL,
	"detection_terms" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "use_cases_name_check" CHECK ("use_cases"."name" ~ '^[a-z][a-z0-9_-]{1,39}$'),
	CONSTRAINT "use_cases_cooldown_check" CHECK ("use_cases"."cooldown_seconds" between 0 and 86400),
	CONSTRAINT "use_cases_volume_check" CHECK ("use_cases"."monthly_input_tokens" >= 0 and "use_cases"."monthly_output_tokens" >= 0)
);
--> statement-breakpoint
ALTER TABLE "conversations" ADD CONSTRAINT "conversations_user_id_accounts_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conversations" ADD CONSTRAINT "conversations_use_case_use_cases_name_fk" FOREIGN KEY ("use_case") REFERENCES "public"."use_cases"("name") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conversations" ADD CONSTRAINT "conversations_model_override_id_bedrock_models_model_id_fk" FOREIGN KEY ("model_override_id") REFERENCES "public"."bedrock_models"("model_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "messages" ADD CONSTRAINT "messages_conversation_id_conversations_id_fk" FOREIGN KEY ("conversation_id") REFERENCES "public"."conversations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "model_cooldowns" ADD CONSTRAINT "model_cooldowns_model_id_bedrock_models_model_id_fk" FOREIGN KEY ("model_id") REFERENCES "public"."bedrock_models"("model_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "use_case_fallbacks" ADD CONSTRAINT "use_case_fallbacks_use_case_use_cases_name_fk" FOREIGN KEY ("use_case") REFERENCES "public"."use_cases"("name") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "use_case_fallbacks" ADD CONSTRAINT "use_case_fallbacks_model_id_bedrock_models_model_id_fk" FOREIGN KEY ("model_id") REFERENCES "public"."bedrock_models"("model_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "use_cases" ADD CONSTRAINT "use_cases_current_model_id_bedrock_models_model_id_fk" FOREIGN KEY ("current_model_id") REFERENCES "public"."bedrock_models"("model_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "accounts_email_idx" ON "accounts" USING btree ("email");--> statement-breakpoint
CREATE INDEX "switches_timestamp_idx" ON "bedrock_model_switches" USING btree ("timestamp");--> statement-breakpoint
CREATE INDEX "switches_use_case_ts_idx" ON "bedrock_model_switches" USING btree ("use_case","timestamp");--> statement-breakpoint
CREATE INDEX "switches_model_ts_idx" ON "bedrock_model_switches" USING btree ("new_model_id","timestamp");--> statement-breakpoint
CREATE INDEX "switches_type_ts_idx" ON "bedrock_model_switches" USING btree ("switch_type","timestamp");--> statement-breakpoint
CREATE INDEX "switches_user_ts_idx" ON "bedrock_model_switches" USING btree ("user_id","timestamp");--> statement-breakpoint
CREATE INDEX "switches_conversation_ts_idx" ON "bedrock_model_switches" USING btree ("conversation_id","timestamp");--> statement-breakpoint
CREATE UNIQUE INDEX "switches_idempotency_idx" ON "bedrock_model_switches" USING btree ("idempotency_key");--> statement-breakpoint
CREATE INDEX "bedrock_models_provider_idx" ON "bedrock_models" USING btree ("provider");--> statement-breakpoint
CREATE INDEX "bedrock_models_base_model_idx" ON "bedrock_models" USING btree ("base_model_id");--> statement-breakpoint
CREATE INDEX "conversations_user_idx" ON "conversations" USING btree ("user_id","updated_at");--> statement-breakpoint
CREATE INDEX "conversations_use_case_idx" ON "conversations" USING btree ("use_case");--> statement-breakpoint
CREATE INDEX "invocations_created_idx" ON "invocations" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "invocations_use_case_created_idx" ON "invocations" USING btree ("use_case","created_at");--> statement-breakpoint
CREATE INDEX "invocations_model_created_idx" ON "invocations" USING btree ("model_id","created_at");--> statement-breakpoint
CREATE INDEX "messages_conversation_idx" ON "messages" USING btree ("conversation_id","created_at");--> statement-breakpoint
CREATE INDEX "sessions_account_idx" ON "sessions" USING btree ("account_id");--> statement-breakpoint
CREATE UNIQUE INDEX "use_case_fallbacks_model_idx" ON "use_case_fallbacks" USING btree ("use_case","model_id");