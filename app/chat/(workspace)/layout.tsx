import { ChatShell } from "@/components/chat/chat-shell";
import { requireSignedIn } from "@/server/auth/session";
import { listConversations } from "@/server/chat/conversations";

/**
 * The chat's frame: one's conversations beside the open one. As a layout it stays mounted while one moves between
 * conversations, so the list does not reload and an answer that is streaming keeps streaming.
 */
export default async function ChatWorkspaceLayout({ children }: { children: React.ReactNode }) {
  const user = await requireSignedIn();
  const conversations = await listConversations({ actor: { kind: "user", user } });
  return <ChatShell initialConversations={conversations}>{children}</ChatShell>;
}
