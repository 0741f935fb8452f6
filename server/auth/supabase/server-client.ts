import "server-only";
import { createServerClient, type CookieOptions } from "@supabase/ssr";
import { createClient, type SupabaseClient, type WebSocketLikeConstructor } from "@supabase/supabase-js";
import { cookies } from "next/headers";
import { WebSocket } from "ws";
import { AppError } from "@/server/errors";
import { supabaseConfig, type SupabaseConfig } from "@/server/env";

export type CookieToSet = { name: string; value: string; options: CookieOptions };

/**
 * Where a server client reads the session cookies and writes refreshed ones. Next's cookies() in pages and actions,
 * the request and response in proxy.ts, a plain jar in tests.
 */
export type SessionCookies = {
  getAll(): { name: string; value: string }[];
  setAll(cookies: CookieToSet[], headers: Record<string, string>): void;
};

// supabase-js builds a Realtime client with every client and, on Node 20 outside Next.js (vitest, scripts), finds no
// global WebSocket and throws. The server never subscribes; this only gives it a constructor.
// (ws's overloaded constructor type does not line up with realtime-js's structural one; at run time it is the
// transport realtime-js's own docs name.)
const realtime = { transport: WebSocket as unknown as WebSocketLikeConstructor };

// Server clients never keep a session of their own: each request brings its cookies or its bearer token.
const stateless = { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false } as const;

export function requireSupabaseConfig(): SupabaseConfig {
  const config = supabaseConfig();
  if (!config) throw new AppError("unavailable", "Supabase is not configured.");
  return config;
}

/** A client bound to one request's session cookies (the @supabase/ssr pattern). Create one per request. */
export function createSupabaseServerClient(jar: SessionCookies, config: SupabaseConfig = requireSupabaseConfig()): SupabaseClient {
  return createServerClient(config.url, config.anonKey, {
    cookies: { getAll: () => jar.getAll(), setAll: (toSet, headers) => jar.setAll(toSet, headers) },
    realtime,
  });
}

/** Next's cookie store for pages, layouts, route handlers and server actions. */
export async function nextSessionCookies(): Promise<SessionCookies> {
  const store = await cookies();
  return {
    getAll: () => store.getAll().map(({ name, value }) => ({ name, value })),
    setAll: (toSet) => {
      try {
        for (const { name, value, options } of toSet) store.set(name, value, options);
      } catch {
        // A Server Component may not set cookies. proxy.ts has refreshed the session before the render, so a
        // refresh here only stays in memory for this request.
      }
    },
  };
}

/** A client without a session, for checking a bearer token with auth.getUser(token). */
export function createSupabaseStatelessClient(config: SupabaseConfig = requireSupabaseConfig()): SupabaseClient {
  return createClient(config.url, config.anonKey, { auth: stateless, realtime });
}

/** A client that acts as the holder of an access token (PostgREST applies that user's RLS). */
export function createSupabaseClientForToken(accessToken: string, config: SupabaseConfig = requireSupabaseConfig()): SupabaseClient {
  return createClient(config.url, config.anonKey, {
    auth: stateless,
    global: { headers: { Authorization: `Bearer ${accessToken}` } },
    realtime,
  });
}

const g = globalThis as unknown as { __switchboardSupabaseAdmin?: { key: string; client: SupabaseClient } };

/** The service-role client (bypasses RLS), or null when no service role key is configured. Server only. */
export function supabaseServiceRoleClient(config: SupabaseConfig = requireSupabaseConfig()): SupabaseClient | null {
  if (!config.serviceRoleKey) return null;
  const key = `${config.url}\n${config.serviceRoleKey}`;
  if (g.__switchboardSupabaseAdmin?.key !== key) {
    g.__switchboardSupabaseAdmin = {
      key,
      client: createClient(config.url, config.serviceRoleKey, { auth: stateless, realtime }),
    };
  }
  return g.__switchboardSupabaseAdmin.client;
}
