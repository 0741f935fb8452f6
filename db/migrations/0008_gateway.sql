CREATE TYPE "public"."invocation_source" AS ENUM('chat', 'openai', 'bedrock');--> statement-breakpoint
CREATE TABLE "api_keys" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"token_prefix" text NOT NULL,
	"token_hash" text NOT NULL,
	"access_key_id" text NOT NULL,
	"secret_encrypted" text NOT NULL,
	"use_cases" text[] DEFAULT '{}'::text[] NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "api_keys_name_check" CHECK (char_length("api_keys"."name") between 1 and 80)
);
--> statement-breakpoint
CREATE TABLE "rate_limit_windows" (
	"key" text NOT NULL,
	"window_start" timestamp with time zone NOT NULL,
	"count" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "rate_limit_windows_key_window_start_pk" PRIMARY KEY("key","window_start")
);
--> statement-breakpoint
CREATE TABLE "traffic_split_changes" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "traffic_split_changes_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"use_case" text NOT NULL,
	"user_id" uuid,
	"actor" text NOT NULL,
	"weights" jsonb NOT NULL,
	"reason" text,
	"timestamp" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "use_case_traffic_splits" (
	"use_case" text NOT NULL,
	"model_id" text NOT NULL,
	"weight" integer NOT NULL,
	CONSTRAINT "use_case_traffic_splits_use_case_model_id_pk" PRIMARY KEY("use_case","model_id"),
	CONSTRAINT "use_case_traffic_splits_weight_check" CHECK ("use_case_traffic_splits"."weight" between 1 and 99)
);
--> statement-breakpoint
ALTER TABLE "conversations" ALTER COLUMN "user_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "external_id" text;--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "end_user" text;--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "split_model_id" text;--> statement-breakpoint
ALTER TABLE "invocations" ADD COLUMN "api_key_id" uuid;--> statement-breakpoint
ALTER TABLE "invocations" ADD COLUMN "end_user" text;--> statement-breakpoint
ALTER TABLE "invocations" ADD COLUMN "source" "invocation_source" DEFAULT 'chat' NOT NULL;--> statement-breakpoint
ALTER TABLE "use_case_traffic_splits" ADD CONSTRAINT "use_case_traffic_splits_use_case_use_cases_name_fk" FOREIGN KEY ("use_case") REFERENCES "public"."use_cases"("name") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "use_case_traffic_splits" ADD CONSTRAINT "use_case_traffic_splits_model_id_bedrock_models_model_id_fk" FOREIGN KEY ("model_id") REFERENCES "public"."bedrock_models"("model_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "api_keys_token_hash_idx" ON "api_keys" USING btree ("token_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "api_keys_access_key_idx" ON "api_keys" USING btree ("access_key_id");--> statement-breakpoint
CREATE INDEX "traffic_split_changes_use_case_ts_idx" ON "traffic_split_changes" USING btree ("use_case","timestamp");--> statement-breakpoint
ALTER TABLE "conversations" ADD CONSTRAINT "conversations_split_model_id_bedrock_models_model_id_fk" FOREIGN KEY ("split_model_id") REFERENCES "public"."bedrock_models"("model_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "conversations_external_idx" ON "conversations" USING btree ("external_id");--> statement-breakpoint
CREATE INDEX "conversations_end_user_idx" ON "conversations" USING btree ("end_user");--> statement-breakpoint
CREATE INDEX "invocations_api_key_created_idx" ON "invocations" USING btree ("api_key_id","created_at");--> statement-breakpoint
ALTER TABLE "conversations" ADD CONSTRAINT "conversations_external_id_check" CHECK (char_length("conversations"."external_id") between 1 and 200);--> statement-breakpoint
ALTER TABLE "conversations" ADD CONSTRAINT "conversations_owner_check" CHECK ("conversations"."user_id" is not null or "conversations"."external_id" is not null);