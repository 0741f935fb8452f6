import { z } from "zod";
import { API_RATE_LIMIT, takeToken } from "@/server/api/rate-limit";
import type { Actor } from "@/server/auth/roles";
import { loadOwnConversation } from "@/server/chat/conversations";
import { assertSameOrigin, chatActor, jsonError } from "@/server/chat/http";
import { MESSAGE_MAX_CHARS, sendMessage } from "@/server/chat/send-message";
import { AppError, toPublicError } from "@/server/errors";

export const dynamic = "force-dynamic";

const bodySchema = z.object({
  text: z
    .string({ error: "text: write a message." })
    .trim()
    .min(1, "text: write a message.")
    .max(MESSAGE_MAX_CHARS, `text: a message may have at most ${MESSAGE_MAX_CHARS} characters.`),
});

async function readText(request: Request): Promise<string> {
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    throw new AppError("invalid_request", 'The body must be JSON such as { "text": "Hello" }.');
  }
  const parsed = bodySchema.safeParse(body);
  if (!parsed.success) throw new AppError("invalid_request", parsed.error.issues[0]?.message ?? "text: write a message.");
  return parsed.data.text;
}

/**
 * POST /api/chat/:id/messages { text }: sends a message of the signed-in owner's conversation and streams the reply
 * as Server-Sent Events: `meta` { modelId, model, autoSwitch, userMessage } once the call starts, `text` { text }
 * per piece of the answer, then `done` { modelId, model, servingModel, userMessage, assistantMessage, fallback?,
 * autoSwitch? } or `error` { code, message }. Refusals before the stream opens are plain JSON with their status.
 */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  let actor: Actor;
  let conversationId: string;
  let text: string;
  try {
    assertSameOrigin(request);
    actor = await chatActor({ mutation: true });
    if (actor.kind === "user") await takeToken(`chat:${actor.user.id}`, API_RATE_LIMIT.perWindow, { windowSeconds: API_RATE_LIMIT.windowSeconds });
    conversationId = (await loadOwnConversation({ actor, id: (await params).id })).id;
    text = await readText(request);
  } catch (err) {
    return jsonError(err);
  }

  const encoder = new TextEncoder();
  let open = true;
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      const send = (event: string, data: unknown) => {
        if (!open) return;
        try {
          controller.enqueue(encoder.encode(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`));
        } catch {
          open = false;
        }
      };
      const close = () => {
        if (!open) return;
        open = false;
        try {
          controller.close();
        } catch {
          // Already closed by a cancel.
        }
      };
      // The reader went away: stop writing. The answer is still stored by sendMessage, so a reload shows it.
      request.signal.addEventListener("abort", close, { once: true });
      sendMessage({
        actor,
        conversationId,
        text,
        onStart: (s) => send("meta", { modelId: s.model.modelId, model: s.model, autoSwitch: s.autoSwitch, userMessage: s.userMessage }),
        onText: (delta) => send("text", { text: delta }),
      })
        .then((r) => send("done", r))
        .catch((err) => {
          const e = toPublicError(err);
          send("error", { code: e.code, message: e.message });
        })
        .finally(close);
    },
    cancel() {
      open = false;
    },
  });
  return new Response(stream, {
    headers: {
      "Content-Type": "text/event-stream; charset=utf-8",
      "Cache-Control": "no-cache, no-transform",
      "X-Accel-Buffering": "no",
    },
  });
}
