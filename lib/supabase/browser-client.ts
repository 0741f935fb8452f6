"use client";

import { createBrowserClient } from "@supabase/ssr";
import type { SupabaseClient } from "@supabase/supabase-js";

/**
 * What the browser needs to reach Supabase: the project URL and its anon (publishable) key, both public by design.
 * The server hands it down (publicSupabaseConfig() in server/auth/supabase/public-config.ts) rather than relying on
 * NEXT_PUBLIC_* being inlined at build time, so one build runs against whichever project the environment names.
 */
export type PublicSupabaseConfig = { url: string; anonKey: string };

let client: { key: string; supabase: SupabaseClient } | undefined;

/**
 * The one browser client (session from the cookies the server wrote; auth events keep Realtime's token current).
 * The realtime helper subscribes its private channels through it; the browser's native WebSocket is the transport.
 */
export function getSupabaseBrowserClient(config: PublicSupabaseConfig): SupabaseClient {
  const key = `${config.url}\n${config.anonKey}`;
  if (client?.key !== key) client = { key, supabase: createBrowserClient(config.url, config.anonKey) };
  return client.supabase;
}
