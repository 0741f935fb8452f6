import type { Metadata } from "next";
import { NewConversation } from "@/components/chat/new-conversation";
import { requireSignedIn } from "@/server/auth/session";
import { listUseCaseOptions } from "@/server/chat/conversations";

export const metadata: Metadata = { title: "Chat" };

/** /chat: start a conversation (the list of one's conversations is the layout's). */
export default async function ChatPage() {
  const user = await requireSignedIn();
  const useCases = await listUseCaseOptions({ actor: { kind: "user", user } });
  return <NewConversation useCases={useCases} />;
}
