import "server-only";
import path from "node:path";
import { z } from "zod";
import { issueMessage } from "@/lib/zod-message";

/** An optional string where an empty value counts as unset. */
function optionalText() {
  return z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v : undefined));
}

/** An optional http(s) URL without a query; empty counts as unset. */
function endpointUrl() {
  return optionalText().refine(
    (v) => v === undefined || (/^https?:\/\/[^\s/?#]+(\/[^\s?#]*)?$/.test(v) && URL.canParse(v)),
    "must be an http:// or https:// URL such as http://127.0.0.1:8790",
  );
}

// The environment, read once and validated: a bad value stops the start with a message naming the variable.
const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  DATABASE_URL: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v : undefined))
    .refine((v) => v === undefined || /^postgres(ql)?:\/\//.test(v), "must start with postgres:// or postgresql://"),
  SWITCHBOARD_DATA_DIR: z.string().trim().min(1).default(".data"),
  SWITCHBOARD_SERVICE_KEY: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v : undefined))
    .refine((v) => v === undefined || v.length >= 24, "must be at least 24 characters"),
  SWITCHBOARD_SESSION_SECRET: z
    .string()
    .optional()
    .transform((v) => (v ? v : undefined))
    .refine((v) => v === undefined || v.length >= 32, "must be at least 32 characters"),
  /** "true" seeds demo accounts and history even on DATABASE_URL; the embedded setup always gets them. */
  SWITCHBOARD_DEMO_DATA: z.enum(["true", "false", "auto"]).default("auto"),
  BEDROCK_MODE: z.enum(["aws", "offline"]).optional(),
  /** Bedrock endpoints other than AWS's (a Bedrock stand-in, a VPC endpoint): the runtime (Converse) and the control plane (catalog). */
  BEDROCK_RUNTIME_ENDPOINT: endpointUrl(),
  BEDROCK_CONTROL_ENDPOINT: endpointUrl(),
  /** Idle time after which a runtime call counts as timed out (and the invoke path moves to the next model). */
  BEDROCK_RUNTIME_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(60_000),
  AWS_REGION: z
    .string()
    .trim()
    .regex(/^[a-z]{2}(-[a-z]+)+-\d$/, "must be an AWS region such as eu-central-1")
    .default("eu-central-1"),
  AWS_ACCESS_KEY_ID: z.string().optional(),
  AWS_PROFILE: z.string().optional(),
  AWS_WEB_IDENTITY_TOKEN_FILE: z.string().optional(),
  AWS_CONTAINER_CREDENTIALS_FULL_URI: z.string().optional(),
  /** "true" marks the session cookie Secure (sent over HTTPS only); off unless set, so plain http://localhost works. */
  SWITCHBOARD_SECURE_COOKIES: z.enum(["true", "false"]).default("false"),
  /** "true": a proxy in front sets X-Forwarded-For, and its first hop is the client's address; otherwise the socket's. */
  SWITCHBOARD_TRUST_PROXY: z.enum(["true", "false"]).default("false"),
  /** Supabase Auth (optional): the project URL and its anon (or publishable) key, set together or not at all. */
  NEXT_PUBLIC_SUPABASE_URL: optionalText().refine(
    (v) => v === undefined || /^https?:\/\/[^\s/]+/.test(v),
    "must be the project URL, such as https://<project>.supabase.co",
  ),
  NEXT_PUBLIC_SUPABASE_ANON_KEY: optionalText(),
  NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY: optionalText(),
  /** Server only: reads the roles table past RLS. Never sent to a browser. */
  SUPABASE_SERVICE_ROLE_KEY: optionalText(),
});

export type Env = z.infer<typeof schema> & { dataDir: string };

/** Supabase is on when both its URL and a key are set; one without the other is a configuration error. */
function supabaseIssues(e: z.infer<typeof schema>): string[] {
  const key = e.NEXT_PUBLIC_SUPABASE_ANON_KEY ?? e.NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY;
  if (e.NEXT_PUBLIC_SUPABASE_URL && !key) {
    return ["  NEXT_PUBLIC_SUPABASE_ANON_KEY: required when NEXT_PUBLIC_SUPABASE_URL is set (or set NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY)"];
  }
  if (!e.NEXT_PUBLIC_SUPABASE_URL && key) {
    return ["  NEXT_PUBLIC_SUPABASE_URL: required when a Supabase anon or publishable key is set"];
  }
  if (!e.NEXT_PUBLIC_SUPABASE_URL && e.SUPABASE_SERVICE_ROLE_KEY) {
    return ["  SUPABASE_SERVICE_ROLE_KEY: set NEXT_PUBLIC_SUPABASE_URL and NEXT_PUBLIC_SUPABASE_ANON_KEY too, or leave it unset"];
  }
  return [];
}

export class EnvError extends Error {}

export function parseEnv(source: Record<string, string | undefined>): Env {
  const parsed = schema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${issueMessage(i, source)}`);
    throw new EnvError(`Invalid environment:\n${lines.join("\n")}`);
  }
  const supabase = supabaseIssues(parsed.data);
  if (supabase.length) throw new EnvError(`Invalid environment:\n${supabase.join("\n")}`);
  return { ...parsed.data, dataDir: path.resolve(parsed.data.SWITCHBOARD_DATA_DIR) };
}

const g = globalThis as unknown as { __switchboardEnv?: Env };

export function env(): Env {
  g.__switchboardEnv ??= parseEnv(process.env);
  return g.__switchboardEnv;
}

export type SupabaseConfig = {
  url: string;
  /** The anon or publishable key: public by design, safe in a browser. */
  anonKey: string;
  /** Server only. */
  serviceRoleKey?: string;
};

/** The Supabase project this deployment authenticates against, or null for local accounts (the default). */
export function supabaseConfig(): SupabaseConfig | null {
  const e = env();
  const anonKey = e.NEXT_PUBLIC_SUPABASE_ANON_KEY ?? e.NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY;
  if (!e.NEXT_PUBLIC_SUPABASE_URL || !anonKey) return null;
  return {
    url: e.NEXT_PUBLIC_SUPABASE_URL.replace(/\/+$/, ""),
    anonKey,
    ...(e.SUPABASE_SERVICE_ROLE_KEY ? { serviceRoleKey: e.SUPABASE_SERVICE_ROLE_KEY } : {}),
  };
}

export function supabaseConfigured(): boolean {
  return supabaseConfig() !== null;
}
