// Every enumeration of the data model, once. db/schema.ts builds its pgEnums from these arrays, so the database
// enforces exactly these values, and the server, the pages and the CLI take their types from here (client components
// may import this file: it has no server-only imports). Never retype one of these unions elsewhere.

export const GEO_SCOPES = ["in-region", "eu", "global", "us"] as const;
export type GeoScope = (typeof GEO_SCOPES)[number];

export const LIFECYCLE_STATUSES = ["active", "legacy"] as const;
export type LifecycleStatus = (typeof LIFECYCLE_STATUSES)[number];

export const FACT_SOURCES = ["snapshot", "aws-sync", "manual"] as const;
export type FactSource = (typeof FACT_SOURCES)[number];

export const POLICY_OBJECTIVES = ["quality", "balanced", "cost"] as const;
export type PolicyObjective = (typeof POLICY_OBJECTIVES)[number];

export const SWITCH_TYPES = ["manual", "auto", "fallback"] as const;
export type SwitchType = (typeof SWITCH_TYPES)[number];

export const SWITCH_SCOPES = ["use_case", "conversation"] as const;
export type SwitchScope = (typeof SWITCH_SCOPES)[number];

export const SWITCH_TRIGGERS = ["admin", "user", "service", "policy", "detection", "bedrock_error"] as const;
export type SwitchTrigger = (typeof SWITCH_TRIGGERS)[number];

export const ACCOUNT_ROLES = ["admin", "analyst", "user"] as const;
export type AccountRole = (typeof ACCOUNT_ROLES)[number];

export const MESSAGE_ROLES = ["user", "assistant", "system"] as const;
export type MessageRole = (typeof MESSAGE_ROLES)[number];

export const INVOCATION_OUTCOMES = [
  "success",
  "throttled",
  "quota_exceeded",
  "timeout",
  "not_ready",
  "server_error",
  "access_denied",
  "validation_error",
  "error",
] as const;
export type InvocationOutcome = (typeof INVOCATION_OUTCOMES)[number];
/** The outcomes of a failed Bedrock call: every invocation outcome but success. */
export type BedrockOutcome = Exclude<InvocationOutcome, "success">;
export const BEDROCK_OUTCOMES = INVOCATION_OUTCOMES.filter((o): o is BedrockOutcome => o !== "success");

export const INVOCATION_SOURCES = ["chat", "openai", "bedrock"] as const;
export type InvocationSource = (typeof INVOCATION_SOURCES)[number];
