import { sql } from "drizzle-orm";
import { getDatabase } from "@/server/db";
import { realtimeTransport } from "@/server/realtime/transport-choice";
import { getRuntimeInfo } from "@/server/runtime-info";

export const dynamic = "force-dynamic";

const TIMEOUT_MS = 2000;

/** Liveness and readiness: 200 when the database answers within two seconds, else 503. */
export async function GET() {
  const info = getRuntimeInfo();
  const t0 = performance.now();
  try {
    await Promise.race([
      (async () => (await getDatabase()).db.execute(sql`select 1`))(),
      new Promise((_, reject) => setTimeout(() => reject(new Error("timeout")), TIMEOUT_MS)),
    ]);
    const latencyMs = Math.round(performance.now() - t0);
    // Which transport browsers get live switch events on: "supabase" (Supabase Realtime) or "sse".
    const realtime = { transport: (await realtimeTransport()).kind };
    return Response.json(
      { ok: true, database: { kind: info.database, ok: true, latencyMs }, bedrock: { mode: info.bedrockMode, region: info.region }, realtime },
      { headers: { "Cache-Control": "no-store" } },
    );
  } catch {
    return Response.json(
      {
        ok: false,
        database: { kind: info.database, ok: false },
        bedrock: { mode: info.bedrockMode, region: info.region },
        error: { code: "unavailable", message: "The database does not answer." },
      },
      { status: 503, headers: { "Cache-Control": "no-store" } },
    );
  }
}
