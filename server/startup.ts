import "server-only";
import { DatabaseLockedError } from "@/db/client";
import { installClientAddressHeader } from "./auth/client-address";
import { getDatabase, wantsDemoData } from "./db";
import { env, EnvError, supabaseConfigured } from "./env";
import { realtimeTransport } from "./realtime/transport-choice";
import { getRuntimeInfo } from "./runtime-info";
import { serviceKey, serviceKeySource } from "./secrets";
import { installGracefulStop } from "./shutdown";

/** Runs once when the server process starts: validate the environment, open, migrate and seed the database. */
export async function startServer(): Promise<void> {
  try {
    const e = env();
    installClientAddressHeader(e.SWITCHBOARD_TRUST_PROXY === "true");
    serviceKey(); // generated into the data folder on first start when not given
    const t0 = Date.now();
    await getDatabase();
    // Queued invocation records are written before the process exits on SIGTERM or SIGINT.
    installGracefulStop();
    const info = getRuntimeInfo();
    // With Supabase configured, Supabase Realtime only when this database carries the broadcast trigger; else SSE, and why.
    const realtime = await realtimeTransport();
    if (supabaseConfigured() && realtime.kind === "sse") console.warn(`[switchboard] live updates: ${realtime.reason}`);
    console.log(
      `[switchboard] ready in ${Date.now() - t0} ms: database ${info.database === "embedded" ? `embedded (${e.dataDir})` : "postgres"}` +
        `, Bedrock ${info.bedrockMode} (${info.region}), live updates ${realtime.kind === "supabase" ? "Supabase Realtime" : "SSE"}, demo data ${wantsDemoData() ? "on" : "off"}, service key ${serviceKeySource()}`,
    );
  } catch (err) {
    if (err instanceof EnvError || err instanceof DatabaseLockedError) {
      console.error(`[switchboard] cannot start: ${err.message}`);
    } else {
      console.error("[switchboard] cannot start: the database could not be opened or migrated.", err);
    }
    process.exit(1);
  }
}
