import "server-only";
import { sql } from "drizzle-orm";
import { modelCooldowns } from "@/db/schema";
import { getDb } from "@/server/db";
import { notifiedCache } from "@/server/notified-cache";

/** A model cooled down (or its cooldown was extended) on some instance: every instance drops its copy. */
export const COOLDOWNS_CHANNEL = "switchboard_cooldowns";

// Every model's last cooldown (a handful of rows), kept until one is announced: the invoke path reads them
// from memory. A cooldown ends by time, which the reader checks against its own clock, so no announcement is needed
// for that. The TTL only bounds a lost notification.
const cache = notifiedCache<{ modelId: string; until: Date }[]>({
  name: "__switchboardCooldowns",
  channel: COOLDOWNS_CHANNEL,
  ttlMs: 60_000,
  // All rows (at most one per model): which are over is decided by the reader's clock.
  load: (db) => db.select({ modelId: modelCooldowns.modelId, until: modelCooldowns.until }).from(modelCooldowns),
});

/** Models cooling down at `now`: modelId → ISO time until which the invoke path skips them. */
export async function activeCooldowns(now = new Date()): Promise<Record<string, string>> {
  const active: Record<string, string> = {};
  for (const r of await cache.get()) if (r.until.getTime() > now.getTime()) active[r.modelId] = r.until.toISOString();
  return active;
}

/** Drops the cooldowns here only (tests that change rows behind the app's back). */
export const dropCooldownsHere = cache.dropLocal;

export async function coolDown({
  modelId,
  seconds,
  errorCode,
  now = new Date(),
}: {
  modelId: string;
  seconds: number;
  errorCode: string;
  now?: Date;
}): Promise<void> {
  if (seconds <= 0) return;
  const db = await getDb();
  const until = new Date(now.getTime() + seconds * 1000);
  await db
    .insert(modelCooldowns)
    .values({ modelId, until, errorCode })
    .onConflictDoUpdate({ target: modelCooldowns.modelId, set: { until: sql`greatest(${modelCooldowns.until}, excluded.until)`, errorCode } });
  await cache.invalidate();
}
