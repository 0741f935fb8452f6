import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { conversations } from "@/db/schema";
import type { Actor } from "@/server/auth/roles";
import { getDb } from "@/server/db";
import { loadOwnConversation } from "./conversations";

/**
 * The owner archives a conversation (it becomes read-only: server/chat/archived.ts) or brings it back. Another
 * user's conversation is not_found, as everywhere in the chat. Archiving twice keeps the first date.
 */
export async function setConversationArchived({
  actor,
  id,
  archived,
}: {
  actor: Actor;
  id: string;
  archived: boolean;
}): Promise<{ archivedAt: string | null }> {
  const own = await loadOwnConversation({ actor, id });
  const db = await getDb();
  const [row] = await db
    .update(conversations)
    .set({ archivedAt: archived ? sql`coalesce(${conversations.archivedAt}, now())` : null })
    .where(and(eq(conversations.id, own.id), eq(conversations.userId, own.userId!)))
    .returning({ archivedAt: conversations.archivedAt });
  return { archivedAt: row?.archivedAt?.toISOString() ?? null };
}
