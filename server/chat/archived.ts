import "server-only";
import { AppError } from "@/server/errors";

/**
 * An archived conversation is read-only: no message is added to it and its model no longer changes, by anyone and
 * through any door (the chat, the orchestrate API, the gateway, switches of every kind). Its owner can still read it.
 */
export function assertNotArchived(conversation: { archivedAt: Date | null }): void {
  if (conversation.archivedAt) {
    throw new AppError("conflict", "This conversation is archived and read-only: it takes no new messages and keeps its model.", {
      archivedAt: conversation.archivedAt.toISOString(),
    });
  }
}
