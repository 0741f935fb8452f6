import "server-only";
import type { DatabaseHandle } from "@/db/client";
import { getDatabase } from "@/server/db";
import { supabaseConfigured } from "@/server/env";

// Which realtime transport browsers use, decided from where the switch log lives, not from URLs:
//   - Supabase Realtime only when Supabase is configured (browsers can open a Supabase client) AND the database this
//     server writes the switch log to has Supabase's `realtime` schema with realtime.send() AND the broadcast trigger
//     of db/supabase/realtime.sql on the switch log. Only that trigger ever sends a switch to Supabase Realtime.
//   - Otherwise Server-Sent Events from this server (LISTEN/NOTIFY on its own database), which always works.
// Checked once per database at start (server/startup.ts logs the choice and, on a fallback, why) and cached.

export type RealtimeTransportKind = "sse" | "supabase";
export type RealtimeTransportChoice = { kind: RealtimeTransportKind; reason: string };

/** What the switch log's database offers Supabase Realtime. */
export type SwitchLogRealtime = { realtimeSchema: boolean; send: boolean; trigger: boolean };

export const BROADCAST_TRIGGER = "switchboard_broadcast_switch";

/** Reads the catalog of the connected database (the same query on PGlite and Postgres). */
export async function inspectSwitchLogDatabase(handle: Pick<DatabaseHandle, "rows">): Promise<SwitchLogRealtime> {
  const [row] = await handle.rows<{ realtime_schema: boolean; send: boolean; trigger: boolean }>(
    `select to_regnamespace('realtime') is not null as realtime_schema,
            to_regprocedure('realtime.send(jsonb, text, text, boolean)') is not null as send,
            exists (
              select 1 from pg_trigger t
              where t.tgrelid = to_regclass('public.bedrock_model_switches')
                and t.tgname = $1 and not t.tgisinternal and t.tgenabled <> 'D'
            ) as trigger`,
    [BROADCAST_TRIGGER],
  );
  return { realtimeSchema: row?.realtime_schema === true, send: row?.send === true, trigger: row?.trigger === true };
}

/** The decision itself, pure: what the configuration and the database allow. */
export function chooseRealtimeTransport(input: { supabaseConfigured: boolean; database: SwitchLogRealtime }): RealtimeTransportChoice {
  const { database } = input;
  if (!input.supabaseConfigured) {
    return { kind: "sse", reason: "Supabase is not configured: live switch events are Server-Sent Events from this server." };
  }
  if (!database.realtimeSchema) {
    return {
      kind: "sse",
      reason:
        "the switch log's database has no `realtime` schema (it is not the Supabase project's Postgres), so no trigger " +
        "can broadcast to Supabase Realtime: falling back to Server-Sent Events. Point DATABASE_URL at the project's Postgres to use Supabase Realtime.",
    };
  }
  if (!database.send) {
    return {
      kind: "sse",
      reason: "realtime.send() is missing from the `realtime` schema (Realtime not set up on this project?): falling back to Server-Sent Events.",
    };
  }
  if (!database.trigger) {
    return {
      kind: "sse",
      reason: `the ${BROADCAST_TRIGGER} trigger is not on bedrock_model_switches (apply db/supabase/realtime.sql to this database, then restart): falling back to Server-Sent Events.`,
    };
  }
  return { kind: "supabase", reason: `Supabase Realtime: the ${BROADCAST_TRIGGER} trigger broadcasts each switch.` };
}

/** Inspects `handle` and decides. */
export async function chooseRealtimeTransportFor(handle: Pick<DatabaseHandle, "rows">, configured = supabaseConfigured()): Promise<RealtimeTransportChoice> {
  if (!configured) return chooseRealtimeTransport({ supabaseConfigured: false, database: { realtimeSchema: false, send: false, trigger: false } });
  return chooseRealtimeTransport({ supabaseConfigured: true, database: await inspectSwitchLogDatabase(handle) });
}

const g = globalThis as unknown as { __switchboardRealtimeChoice?: { handle: DatabaseHandle; choice: Promise<RealtimeTransportChoice> } };

/** The transport for this process's database, decided once per database (tests switch databases; a start decides once). */
export async function realtimeTransport(): Promise<RealtimeTransportChoice> {
  const handle = await getDatabase();
  if (g.__switchboardRealtimeChoice?.handle !== handle) {
    const choice = chooseRealtimeTransportFor(handle);
    g.__switchboardRealtimeChoice = { handle, choice };
    choice.catch(() => {
      if (g.__switchboardRealtimeChoice?.choice === choice) g.__switchboardRealtimeChoice = undefined;
    });
  }
  return g.__switchboardRealtimeChoice.choice;
}

/** Tests: decide again (after the environment or the database's triggers changed). */
export function forgetRealtimeTransport(): void {
  g.__switchboardRealtimeChoice = undefined;
}
