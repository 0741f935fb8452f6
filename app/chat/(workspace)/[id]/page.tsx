import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ConversationView } from "@/components/chat/conversation-view";
import { can, type Actor } from "@/server/auth/roles";
import { requireSignedIn } from "@/server/auth/session";
import { getConversation } from "@/server/chat/conversations";
import { AppError } from "@/server/errors";

export const metadata: Metadata = { title: "Chat" };

/** /chat/:id: one of the signed-in user's own conversations; anyone else's is a 404, as is an unknown id. */
export default async function ConversationPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireSignedIn();
  const actor: Actor = { kind: "user", user };
  const { id } = await params;
  const conversation = await getConversation({ actor, id }).catch((err: unknown) => {
    if (err instanceof AppError && err.code === "not_found") return null;
    throw err;
  });
  if (!conversation) notFound();
  return <ConversationView key={id} id={id} initial={conversation} canSwitch={can(actor, "switch:own-conversation")} />;
}
