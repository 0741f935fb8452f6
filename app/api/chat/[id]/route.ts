import { getConversation } from "@/server/chat/conversations";
import { chatActor, jsonError, jsonOk } from "@/server/chat/http";

export const dynamic = "force-dynamic";

/** GET /api/chat/:id: one of the signed-in user's conversations (refetched when a switch event makes it stale). */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  try {
    const { id } = await params;
    return jsonOk({ ok: true, conversation: await getConversation({ actor: await chatActor(), id }) });
  } catch (err) {
    return jsonError(err);
  }
}
