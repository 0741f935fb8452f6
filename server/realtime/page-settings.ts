import "server-only";
import type { PublicSupabaseConfig } from "@/lib/supabase/browser-client";
import { publicSupabaseConfig } from "@/server/auth/supabase/public-config";
import { latestSwitchId } from "./backlog";
import { realtimeTransport, type RealtimeTransportKind } from "./transport-choice";

/** What a signed-in page hands its RealtimeProvider: where to resume, and which transport (with its public settings). */
export async function realtimeSettings(): Promise<{ since: number; transport: RealtimeTransportKind; supabase: PublicSupabaseConfig | null }> {
  const [since, choice] = await Promise.all([latestSwitchId(), realtimeTransport()]);
  // The Supabase settings go down only when browsers are to use Supabase Realtime.
  return { since, transport: choice.kind, supabase: choice.kind === "supabase" ? publicSupabaseConfig() : null };
}
