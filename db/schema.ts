// The whole data model. Table and column names of the old system (bedrock_models, bedrock_model_switches) are kept
// so that its users' queries run unchanged. Enumerations are pgEnums or check constraints: the database enforces them.
import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import {
  ACCOUNT_ROLES,
  FACT_SOURCES,
  GEO_SCOPES,
  INVOCATION_OUTCOMES,
  INVOCATION_SOURCES,
  LIFECYCLE_STATUSES,
  MESSAGE_ROLES,
  POLICY_OBJECTIVES,
  SWITCH_SCOPES,
  SWITCH_TRIGGERS,
  SWITCH_TYPES,
  type FactSource,
} from "../lib/enums";

export const geoScope = pgEnum("geo_scope", GEO_SCOPES);
export const lifecycleStatus = pgEnum("lifecycle_status", LIFECYCLE_STATUSES);
export const factSource = pgEnum("fact_source", FACT_SOURCES);
export const policyObjective = pgEnum("policy_objective", POLICY_OBJECTIVES);
export const switchType = pgEnum("switch_type", SWITCH_TYPES);
export const switchScope = pgEnum("switch_scope", SWITCH_SCOPES);
export const switchTrigger = pgEnum("switch_trigger", SWITCH_TRIGGERS);
export const accountRole = pgEnum("account_role", ACCOUNT_ROLES);
export const messageRole = pgEnum("message_role", MESSAGE_ROLES);
export const invocationOutcome = pgEnum("invocation_outcome", INVOCATION_OUTCOMES);
export const invocationSource = pgEnum("invocation_source", INVOCATION_SOURCES);

const money = (name: string) => numeric(name, { precision: 12, scale: 6, mode: "number" });
const createdAt = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();
const updatedAt = () => timestamp("updated_at", { withTimezone: true }).notNull().defaultNow();

/** Where one fact of a catalog entry came from: `{ source, ref, asOf }` per field name. */
export type FactProvenance = Record<string, { source: FactSource; ref: string; asOf: string }>;

export const bedrockModels = pgTable(
  "bedrock_models",
  {
    modelId: text("model_id").primaryKey(),
    baseModelId: text("base_model_id").notNull(),
    provider: text("provider").notNull(),
    name: text("name").notNull(),
    region: text("region").notNull().default("eu-central-1"),
    geoScope: geoScope("geo_scope").notNull(),
    inputPricePerMTok: money("input_price_per_mtok").notNull(),
    outputPricePerMTok: money("output_price_per_mtok").notNull(),
    cacheReadPricePerMTok: money("cache_read_price_per_mtok"),
    cacheWritePricePerMTok: money("cache_write_price_per_mtok"),
    contextWindow: integer("context_window").notNull(),
    maxOutputTokens: integer("max_output_tokens").notNull(),
    inputModalities: text("input_modalities").array().notNull().default(sql`'{TEXT}'::text[]`),
    outputModalities: text("output_modalities").array().notNull().default(sql`'{TEXT}'::text[]`),
    capabilities: text("capabilities").array().notNull().default(sql`'{}'::text[]`),
    streamingSupported: boolean("streaming_supported").notNull().default(true),
    lifecycleStatus: lifecycleStatus("lifecycle_status").notNull().default("active"),
    legacyDate: date("legacy_date", { mode: "string" }),
    endOfLifeDate: date("end_of_life_date", { mode: "string" }),
    useCases: text("use_cases").array().notNull().default(sql`'{}'::text[]`),
    qualityTier: integer("quality_tier").notNull().default(3),
    enabled: boolean("enabled").notNull().default(true),
    destinationRegions: text("destination_regions").array().notNull().default(sql`'{}'::text[]`),
    notes: text("notes"),
    source: factSource("source").notNull().default("snapshot"),
    sourceUpdatedAt: timestamp("source_updated_at", { withTimezone: true }).notNull().defaultNow(),
    provenance: jsonb("provenance").$type<FactProvenance>().notNull().default({}),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("bedrock_models_provider_idx").on(t.provider),
    index("bedrock_models_base_model_idx").on(t.baseModelId),
    check("bedrock_models_quality_tier_check", sql`${t.qualityTier} between 1 and 5`),
    check("bedrock_models_prices_check", sql`${t.inputPricePerMTok} >= 0 and ${t.outputPricePerMTok} >= 0`),
    check("bedrock_models_limits_check", sql`${t.contextWindow} > 0 and ${t.maxOutputTokens} >= 0`),
  ],
);

export const accounts = pgTable(
  "accounts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    email: text("email").notNull(),
    name: text("name").notNull(),
    role: accountRole("role").notNull(),
    passwordHash: text("password_hash").notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("accounts_email_idx").on(t.email), check("accounts_email_lowercase_check", sql`${t.email} = lower(${t.email})`)],
);

export const sessions = pgTable(
  "sessions",
  {
    /** sha256 of the token; the token itself lives only in the cookie. */
    tokenHash: text("token_hash").primaryKey(),
    accountId: uuid("account_id")
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("sessions_account_idx").on(t.accountId)],
);

/** Failed sign-ins per key (email or address), to slow repeated guessing down across instances. */
export const signInFailures = pgTable("sign_in_failures", {
  key: text("key").primaryKey(),
  failures: integer("failures").notNull().default(0),
  lastFailureAt: timestamp("last_failure_at", { withTimezone: true }).notNull().defaultNow(),
});

export const useCases = pgTable(
  "use_cases",
  {
    name: text("name").primaryKey(),
    description: text("description").notNull().default(""),
    currentModelId: text("current_model_id")
      .notNull()
      .references(() => bedrockModels.modelId),
    objective: policyObjective("objective").notNull().default("balanced"),
    minContext: integer("min_context"),
    maxInputPricePerMTok: money("max_input_price_per_mtok"),
    maxOutputPricePerMTok: money("max_output_price_per_mtok"),
    requiredCapabilities: text("required_capabilities").array().notNull().default(sql`'{}'::text[]`),
    allowedProviders: text("allowed_providers").array().notNull().default(sql`'{}'::text[]`),
    allowedGeoScopes: geoScope("allowed_geo_scopes").array().notNull().default(sql`'{}'::geo_scope[]`),
    excludeLegacy: boolean("exclude_legacy").notNull().default(true),
    candidates: text("candidates").array().notNull().default(sql`'{}'::text[]`),
    allowAutoSwitch: boolean("allow_auto_switch").notNull().default(true),
    allowUserChoice: boolean("allow_user_choice").notNull().default(false),
    cooldownSeconds: integer("cooldown_seconds").notNull().default(300),
    monthlyInputTokens: bigint("monthly_input_tokens", { mode: "number" }).notNull().default(0),
    monthlyOutputTokens: bigint("monthly_output_tokens", { mode: "number" }).notNull().default(0),
    /** Detection rules: `[{ term, weight }]`; a term with a space is a phrase. */
    detectionTerms: jsonb("detection_terms").$type<{ term: string; weight: number }[]>().notNull().default([]),
    version: integer("version").notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    check("use_cases_name_check", sql`${t.name} ~ '^[a-z][a-z0-9_-]{1,39}$'`),
    check("use_cases_cooldown_check", sql`${t.cooldownSeconds} between 0 and 86400`),
    check("use_cases_volume_check", sql`${t.monthlyInputTokens} >= 0 and ${t.monthlyOutputTokens} >= 0`),
  ],
);

export const useCaseFallbacks = pgTable(
  "use_case_fallbacks",
  {
    useCase: text("use_case")
      .notNull()
      .references(() => useCases.name, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    modelId: text("model_id")
      .notNull()
      .references(() => bedrockModels.modelId),
  },
  (t) => [
    primaryKey({ columns: [t.useCase, t.position] }),
    uniqueIndex("use_case_fallbacks_model_idx").on(t.useCase, t.modelId),
    check("use_case_fallbacks_position_check", sql`${t.position} >= 0`),
  ],
);

export const conversations = pgTable(
  "conversations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** The account that owns the conversation; null for a gateway conversation whose end user has no account here. */
    userId: uuid("user_id").references(() => accounts.id, { onDelete: "cascade" }),
    useCase: text("use_case")
      .notNull()
      .references(() => useCases.name),
    title: text("title").notNull(),
    modelOverrideId: text("model_override_id").references(() => bedrockModels.modelId),
    /** A backend's own conversation id (`x-switchboard-conversation-id`, up to 200 characters), for gateway traffic. */
    externalId: text("external_id"),
    /** The end user a backend named (OpenAI `user`), as given; kept even when it is not an account here. */
    endUser: text("end_user"),
    /** The model a traffic split gave this conversation when it started; it keeps it while the split lists it. */
    splitModelId: text("split_model_id").references(() => bedrockModels.modelId),
    /** When the owner's conversation was archived: it is kept, shown read-only, and takes no messages or switches. */
    archivedAt: timestamp("archived_at", { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("conversations_user_idx").on(t.userId, t.updatedAt),
    index("conversations_use_case_idx").on(t.useCase),
    uniqueIndex("conversations_external_idx").on(t.externalId),
    index("conversations_end_user_idx").on(t.endUser),
    check("conversations_external_id_check", sql`char_length(${t.externalId}) between 1 and 200`),
    check("conversations_owner_check", sql`${t.userId} is not null or ${t.externalId} is not null`),
  ],
);

export const messages = pgTable(
  "messages",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    conversationId: uuid("conversation_id")
      .notNull()
      .references(() => conversations.id, { onDelete: "cascade" }),
    role: messageRole("role").notNull(),
    content: text("content").notNull(),
    modelId: text("model_id"),
    createdAt: createdAt(),
  },
  (t) => [index("messages_conversation_idx").on(t.conversationId, t.createdAt)],
);

/** The append-only switch log (UPDATE, DELETE and TRUNCATE fail: see the trigger migration). */
export const bedrockModelSwitches = pgTable(
  "bedrock_model_switches",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    userId: uuid("user_id"),
    actor: text("actor").notNull(),
    scope: switchScope("scope").notNull(),
    useCase: text("use_case").notNull(),
    conversationId: uuid("conversation_id"),
    previousModelId: text("previous_model_id"),
    newModelId: text("new_model_id").notNull(),
    reason: text("reason"),
    switchType: switchType("switch_type").notNull(),
    trigger: switchTrigger("trigger").notNull(),
    errorCode: text("error_code"),
    idempotencyKey: text("idempotency_key"),
    notificationShown: boolean("notification_shown").notNull().default(true),
    timestamp: timestamp("timestamp", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("switches_timestamp_idx").on(t.timestamp),
    index("switches_use_case_ts_idx").on(t.useCase, t.timestamp),
    index("switches_model_ts_idx").on(t.newModelId, t.timestamp),
    index("switches_type_ts_idx").on(t.switchType, t.timestamp),
    index("switches_user_ts_idx").on(t.userId, t.timestamp),
    index("switches_conversation_ts_idx").on(t.conversationId, t.timestamp),
    // One scope's chain in order (a use case's own switches have no conversation): the rollup trigger's "previous
    // switch of this scope" lookup and the Overview's last switch per use case.
    index("switches_scope_ts_idx").on(t.useCase, t.conversationId, t.timestamp, t.id),
    // One account's switches with what the analytics read of them, so that the History's user filter and the view
    // user_model_preferences (grouped by user and model) are index-only scans instead of a heap read per switch.
    index("switches_user_cover_idx").on(t.userId, t.timestamp, t.newModelId, t.switchType, t.useCase),
    uniqueIndex("switches_idempotency_idx").on(t.idempotencyKey),
    check("switches_scope_check", sql`(${t.scope} = 'conversation') = (${t.conversationId} is not null)`),
  ],
);

export const invocations = pgTable(
  "invocations",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    modelId: text("model_id").notNull(),
    useCase: text("use_case").notNull(),
    conversationId: uuid("conversation_id"),
    userId: uuid("user_id"),
    inputTokens: integer("input_tokens").notNull().default(0),
    outputTokens: integer("output_tokens").notNull().default(0),
    latencyMs: integer("latency_ms").notNull().default(0),
    outcome: invocationOutcome("outcome").notNull(),
    errorCode: text("error_code"),
    inputPricePerMTok: money("input_price_per_mtok").notNull(),
    outputPricePerMTok: money("output_price_per_mtok").notNull(),
    costUsd: numeric("cost_usd", { precision: 14, scale: 8, mode: "number" }).notNull().default(0),
    /** The gateway key that made the call; null for the built-in chat and the service key. */
    apiKeyId: uuid("api_key_id"),
    /** The end user a backend named (OpenAI `user`), as given. */
    endUser: text("end_user"),
    /** Which door the call came through. */
    source: invocationSource("source").notNull().default("chat"),
    createdAt: createdAt(),
  },
  (t) => [
    index("invocations_created_idx").on(t.createdAt),
    index("invocations_api_key_created_idx").on(t.apiKeyId, t.createdAt),
    index("invocations_use_case_created_idx").on(t.useCase, t.createdAt),
    index("invocations_model_created_idx").on(t.modelId, t.createdAt),
    check("invocations_tokens_check", sql`${t.inputTokens} >= 0 and ${t.outputTokens} >= 0 and ${t.latencyMs} >= 0`),
  ],
);

// Analytics rollups. Both are kept by statement-level triggers on the tables they summarise (migration
// 0003_analytics_rollup_triggers), so a switch or an invocation and its count commit together, and the charts, counts and
// cost estimates read a few thousand rows instead of millions. Days are UTC calendar days.

/** Switches per UTC day, use case, target model and type. */
export const switchDailyCounts = pgTable(
  "switch_daily_counts",
  {
    day: date("day", { mode: "string" }).notNull(),
    useCase: text("use_case").notNull(),
    newModelId: text("new_model_id").notNull(),
    switchType: switchType("switch_type").notNull(),
    switches: integer("switches").notNull().default(0),
    /** Auto switches only: how many of them a manual switch of the same scope overrode within 24 hours. */
    reverted: integer("reverted").notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.day, t.useCase, t.newModelId, t.switchType] }),
    check("switch_daily_counts_check", sql`${t.switches} >= 0 and ${t.reverted} >= 0`),
  ],
);

/** Invocations per UTC day, use case and model: the traffic share and the last-30-days volume of the cost estimates. */
export const invocationDailyCounts = pgTable(
  "invocation_daily_counts",
  {
    day: date("day", { mode: "string" }).notNull(),
    useCase: text("use_case").notNull(),
    modelId: text("model_id").notNull(),
    invocations: integer("invocations").notNull().default(0),
    failures: integer("failures").notNull().default(0),
    inputTokens: bigint("input_tokens", { mode: "number" }).notNull().default(0),
    outputTokens: bigint("output_tokens", { mode: "number" }).notNull().default(0),
    costUsd: numeric("cost_usd", { precision: 18, scale: 8, mode: "number" }).notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.day, t.useCase, t.modelId] })],
);

/**
 * Gateway invocations per UTC day and API key: the Costs page's per-key breakdown over any range reads a few rows per
 * key and day instead of the calls themselves. Calls without a key (the chat, the service key) are not here; they are
 * the use-case rollup's total minus these. Kept by a statement-level trigger on invocations (migration 0009).
 */
export const invocationKeyDailyCounts = pgTable(
  "invocation_key_daily_counts",
  {
    day: date("day", { mode: "string" }).notNull(),
    apiKeyId: uuid("api_key_id").notNull(),
    invocations: integer("invocations").notNull().default(0),
    failures: integer("failures").notNull().default(0),
    inputTokens: bigint("input_tokens", { mode: "number" }).notNull().default(0),
    outputTokens: bigint("output_tokens", { mode: "number" }).notNull().default(0),
    costUsd: numeric("cost_usd", { precision: 18, scale: 8, mode: "number" }).notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.day, t.apiKeyId] }), index("invocation_key_daily_counts_key_day_idx").on(t.apiKeyId, t.day)],
);

/**
 * Each account's switches per target model: what the view user_model_preferences reports, kept by the switch log's
 * rollup trigger. The view reads this table (migration 0005), so a user with a hundred thousand switches costs one
 * row per model instead of a scan of their history.
 */
export const userModelSwitchCounts = pgTable(
  "user_model_switch_counts",
  {
    userId: uuid("user_id").notNull(),
    modelId: text("model_id").notNull(),
    switchCount: bigint("switch_count", { mode: "number" }).notNull().default(0),
    manualCount: bigint("manual_count", { mode: "number" }).notNull().default(0),
    autoCount: bigint("auto_count", { mode: "number" }).notNull().default(0),
    lastSwitchedAt: timestamp("last_switched_at", { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.modelId] })],
);

/** A model cooling down after a retryable Bedrock failure; the invoke path skips it until `until`. */
export const modelCooldowns = pgTable("model_cooldowns", {
  modelId: text("model_id")
    .primaryKey()
    .references(() => bedrockModels.modelId, { onDelete: "cascade" }),
  until: timestamp("until", { withTimezone: true }).notNull(),
  errorCode: text("error_code").notNull(),
  createdAt: createdAt(),
});

/** Small key/value facts of the deployment: seed markers, catalog snapshot date. */
export const appState = pgTable("app_state", {
  key: text("key").primaryKey(),
  value: jsonb("value").notNull(),
  updatedAt: updatedAt(),
});

/**
 * Named keys for backends calling the gateway. The bearer token is kept only as its sha256; the SigV4 secret must be
 * recoverable to verify signatures, so it is kept encrypted with the deployment's secret. A revoked key is refused at
 * once on every instance: each request reads this table (no per-process cache).
 */
export const apiKeys = pgTable(
  "api_keys",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    name: text("name").notNull(),
    /** The first characters of the token, shown in listings to tell keys apart. */
    tokenPrefix: text("token_prefix").notNull(),
    tokenHash: text("token_hash").notNull(),
    /** The AWS-style access key id for SigV4 (`SBK…`), not secret. */
    accessKeyId: text("access_key_id").notNull(),
    secretEncrypted: text("secret_encrypted").notNull(),
    /** Use cases the key may call; empty means every use case. */
    useCases: text("use_cases").array().notNull().default(sql`'{}'::text[]`),
    createdBy: text("created_by").notNull(),
    createdAt: createdAt(),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("api_keys_token_hash_idx").on(t.tokenHash),
    uniqueIndex("api_keys_access_key_idx").on(t.accessKeyId),
    check("api_keys_name_check", sql`char_length(${t.name}) between 1 and 80`),
  ],
);

/**
 * A use case's traffic split: each row sends `weight` percent of new conversations (and of calls without one) to a
 * model other than the use case's current model, which takes the rest. Empty means all traffic to the current model.
 */
export const useCaseTrafficSplits = pgTable(
  "use_case_traffic_splits",
  {
    useCase: text("use_case")
      .notNull()
      .references(() => useCases.name, { onDelete: "cascade" }),
    modelId: text("model_id")
      .notNull()
      .references(() => bedrockModels.modelId),
    weight: integer("weight").notNull(),
  },
  (t) => [primaryKey({ columns: [t.useCase, t.modelId] }), check("use_case_traffic_splits_weight_check", sql`${t.weight} between 1 and 99`)],
);

/** Every change of a traffic split, like the switch log: who, when, why and the weights after the change. */
export const trafficSplitChanges = pgTable(
  "traffic_split_changes",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    useCase: text("use_case").notNull(),
    userId: uuid("user_id"),
    actor: text("actor").notNull(),
    /** The split after the change: `[{ modelId, weight }]`, the current model's share included. */
    weights: jsonb("weights").$type<{ modelId: string; weight: number }[]>().notNull(),
    reason: text("reason"),
    timestamp: timestamp("timestamp", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("traffic_split_changes_use_case_ts_idx").on(t.useCase, t.timestamp)],
);

/** Fixed-window request counters shared by every instance (gateway and API rate limits). */
export const rateLimitWindows = pgTable(
  "rate_limit_windows",
  {
    key: text("key").notNull(),
    windowStart: timestamp("window_start", { withTimezone: true }).notNull(),
    count: integer("count").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.key, t.windowStart] })],
);
