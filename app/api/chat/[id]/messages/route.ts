import { handleSendMessage } from "@/server/chat/message-stream";

export const dynamic = "force-dynamic";

/** POST /api/chat/:id/messages { text }: the reply as Server-Sent Events (see server/chat/message-stream.ts). */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  return handleSendMessage(request, (await params).id);
}
