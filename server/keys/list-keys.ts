import "server-only";
import { desc } from "drizzle-orm";
import { apiKeys } from "@/db/schema";
import type { ApiKeyView } from "@/lib/api-keys";
import { assertCan, type Actor } from "@/server/auth/roles";
import { getDb } from "@/server/db";
import { toApiKeyView } from "./view";

/** Every key, newest first, revoked ones included (with revokedAt); never a token or secret. */
export async function listApiKeys({ actor }: { actor: Actor }): Promise<ApiKeyView[]> {
  assertCan(actor, "keys:manage");
  const db = await getDb();
  const rows = await db.select().from(apiKeys).orderBy(desc(apiKeys.createdAt), desc(apiKeys.id));
  return rows.map(toApiKeyView);
}
