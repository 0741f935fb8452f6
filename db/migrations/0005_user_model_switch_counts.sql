CREATE TABLE "user_model_switch_counts" (
	"user_id" uuid NOT NULL,
	"model_id" text NOT NULL,
	"switch_count" bigint DEFAULT 0 NOT NULL,
	"manual_count" bigint DEFAULT 0 NOT NULL,
	"auto_count" bigint DEFAULT 0 NOT NULL,
	"last_switched_at" timestamp with time zone NOT NULL,
	CONSTRAINT "user_model_switch_counts_user_id_model_id_pk" PRIMARY KEY("user_id","model_id")
);
