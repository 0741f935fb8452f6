import "server-only";
import { asc } from "drizzle-orm";
import { useCases } from "@/db/schema";
import type { ApiKeyView } from "@/lib/api-keys";
import type { Actor } from "@/server/auth/roles";
import { getDb } from "@/server/db";
import { listApiKeys } from "./list-keys";

/** What the Settings page's keys section shows: the keys, and the use cases a new key may be limited to. */
export async function loadKeysSettings({ actor }: { actor: Actor }): Promise<{ keys: ApiKeyView[]; useCaseNames: string[] }> {
  const keys = await listApiKeys({ actor });
  const db = await getDb();
  const rows = await db.select({ name: useCases.name }).from(useCases).orderBy(asc(useCases.name));
  return { keys, useCaseNames: rows.map((r) => r.name) };
}
