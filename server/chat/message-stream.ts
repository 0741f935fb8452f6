import "server-only";
import { z } from "zod";
import { describeZodError } from "@/lib/zod-message";
import { noNulString, NUL_MESSAGE } from "@/lib/no-nul";
import { API_RATE_LIMIT, takeToken } from "@/server/api/rate-limit";
import type { Actor } from "@/server/auth/roles";
import { AppError, toPublicError } from "@/server/errors";
import { readJsonBody } from "@/server/http/read-body";
import { assertNotArchived } from "./archived";
import { loadOwnConversation } from "./conversations";
import { assertSameOrigin, chatActor, jsonError } from "./http";
import { MESSAGE_MAX_CHARS, sendMessage } from "./send-message";

// The chat's message door: checks and parses the request, then writes the reply as Server-Sent Events while the
// invoke path streams it.

const bodySchema = z.object({
  text: z
    .string({ error: (issue) => (issue.input === undefined ? "write a message." : undefined) })
    .trim()
    .min(1, "write a message.")
    .max(MESSAGE_MAX_CHARS, `a message may have at most ${MESSAGE_MAX_CHARS} characters.`)
    .pipe(noNulString(`${NUL_MESSAGE}.`)),
});

/** A message is at most MESSAGE_MAX_CHARS characters: its JSON needs at most 6 bytes a character (\uXXXX) and some. */
const MAX_BODY_BYTES = MESSAGE_MAX_CHARS * 6 + 1024;

async function readText(request: Request): Promise<string> {
  const body = await readJsonBody(request, MAX_BODY_BYTES, 'The body must be JSON such as { "text": "Hello" }.');
  const parsed = bodySchema.safeParse(body);
  if (!parsed.success) throw new AppError("invalid_request", describeZodError(parsed.error, body));
  return parsed.data.text;
}

/**
 * POST /api/chat/:id/messages { text }: sends a message of the signed-in owner's conversation and streams the reply
 * as Server-Sent Events: `meta` { modelId, model, autoSwitch, userMessage } once the call starts, `text` { text }
 * per piece of the answer, then `done` { modelId, model, servingModel, userMessage, assistantMessage, fallback?,
 * autoSwitch? } or `error` { code, message }. Refusals before the stream opens are plain JSON with their status.
 */
export async function handleSendMessage(request: Request, id: string): Promise<Response> {
  let actor: Actor;
  let conversationId: string;
  let text: string;
  try {
    assertSameOrigin(request);
    actor = await chatActor({ mutation: true });
    if (actor.kind === "user") await takeToken(`chat:${actor.user.id}`, API_RATE_LIMIT.perWindow, { windowSeconds: API_RATE_LIMIT.windowSeconds });
    const conversation = await loadOwnConversation({ actor, id });
    // Refused before the stream opens, so the caller gets a plain 409 rather than an error event.
    assertNotArchived(conversation);
    conversationId = conversation.id;
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
