import "server-only";
import { gt, sql } from "drizzle-orm";
import { modelCooldowns } from "@/db/schema";
import { getDb } from "@/server/db";

/** Models cooling down now: modelId → ISO time until which the invoke path skips them. */
export async function activeCooldowns(now = new Date()): Promise<Record<string, string>> {
  const db = await getDb();
  const rows = await db.select().from(modelCooldowns).where(gt(modelCooldowns.until, now));
  return Object.fromEntries(rows.map((r) => [r.modelId, r.until.toISOString()]));
}

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
}
