import { listConversations } from "@/server/chat/conversations";
import { chatActor, jsonError, jsonOk } from "@/server/chat/http";

export const dynamic = "force-dynamic";

/** GET /api/chat: the signed-in user's own conversations (the list's React Query refetch). */
export async function GET(): Promise<Response> {
  try {
    return jsonOk({ ok: true, conversations: await listConversations({ actor: await chatActor() }) });
  } catch (err) {
    return jsonError(err);
  }
}
