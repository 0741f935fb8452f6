import "server-only";
import type { PublicSupabaseConfig } from "@/lib/supabase/browser-client";
import { supabaseConfig } from "@/server/env";

/** The part of the Supabase configuration a browser may see (never the service role key), or null without Supabase. */
export function publicSupabaseConfig(): PublicSupabaseConfig | null {
  const config = supabaseConfig();
  return config ? { url: config.url, anonKey: config.anonKey } : null;
}
