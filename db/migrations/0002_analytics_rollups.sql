CREATE TABLE "invocation_daily_counts" (
	"day" date NOT NULL,
	"use_case" text NOT NULL,
	"model_id" text NOT NULL,
	"invocations" integer DEFAULT 0 NOT NULL,
	"failures" integer DEFAULT 0 NOT NULL,
	"input_tokens" bigint DEFAULT 0 NOT NULL,
	"output_tokens" bigint DEFAULT 0 NOT NULL,
	"cost_usd" numeric(18, 8) DEFAULT 0 NOT NULL,
	CONSTRAINT "invocation_daily_counts_day_use_case_model_id_pk" PRIMARY KEY("day","use_case","model_id")
);
--> statement-breakpoint
CREATE TABLE "switch_daily_counts" (
	"day" date NOT NULL,
	"use_case" text NOT NULL,
	"new_model_id" text NOT NULL,
	"switch_type" "switch_type" NOT NULL,
	"switches" integer DEFAULT 0 NOT NULL,
	"reverted" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "switch_daily_counts_day_use_case_new_model_id_switch_type_pk" PRIMARY KEY("day","use_case","new_model_id","switch_type"),
	CONSTRAINT "switch_daily_counts_check" CHECK ("switch_daily_counts"."switches" >= 0 and "switch_daily_counts"."reverted" >= 0)
);
--> statement-breakpoint
CREATE INDEX "switches_scope_ts_idx" ON "bedrock_model_switches" USING btree ("use_case","conversation_id","timestamp","id");