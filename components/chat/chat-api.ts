// The browser side of the chat's route handlers: typed fetchers for React Query and the streaming send.
import type { AutoSwitchInfo, SendMessageResult } from "@/server/chat/send-message";
import type { ChatMessage, ChatModel, ConversationDetail, ConversationSummary } from "@/server/chat/types";
import { createSseParser } from "./sse";

export type { AutoSwitchInfo, ChatMessage, ChatModel, ConversationDetail, ConversationSummary, SendMessageResult };
export type { FallbackInfo } from "@/server/chat/send-message";
export type { UseCaseOption } from "@/server/chat/types";

export type ChatError = { code: string; message: string };

export class ChatRequestError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const OFFLINE: ChatError = { code: "unavailable", message: "The server could not be reached. Check the connection and try again." };

async function readError(res: Response): Promise<ChatError> {
  try {
    const body = (await res.json()) as { error?: Partial<ChatError> };
    if (body.error?.message) return { code: body.error.code ?? "internal", message: body.error.message };
  } catch {
    // Not JSON (a proxy's error page): fall through to a generic message.
  }
  return { code: res.status === 401 ? "unauthorized" : "internal", message: `The request failed (HTTP ${res.status}). Try again.` };
}

async function getJson<T>(url: string): Promise<T> {
  let res: Response;
  try {
    res = await fetch(url, { headers: { Accept: "application/json" }, cache: "no-store" });
  } catch {
    throw new ChatRequestError(OFFLINE.code, OFFLINE.message);
  }
  if (!res.ok) {
    const e = await readError(res);
    throw new ChatRequestError(e.code, e.message);
  }
  return (await res.json()) as T;
}

export async function fetchConversation(id: string): Promise<ConversationDetail> {
  return (await getJson<{ conversation: ConversationDetail }>(`/api/chat/${encodeURIComponent(id)}`)).conversation;
}

export async function fetchConversations(): Promise<ConversationSummary[]> {
  return (await getJson<{ conversations: ConversationSummary[] }>("/api/chat")).conversations;
}

export type StreamMeta = { modelId: string; model: ChatModel; autoSwitch: AutoSwitchInfo | null; userMessage: ChatMessage };

export type StreamHandlers = {
  onMeta: (meta: StreamMeta) => void;
  onText: (delta: string) => void;
  onDone: (result: SendMessageResult) => void;
  onError: (error: ChatError) => void;
};

/**
 * Sends a message and reads the answer as it streams. Exactly one of onDone / onError is called, unless the signal
 * aborts first (then neither: the caller went away on purpose).
 */
export async function streamMessage(conversationId: string, text: string, handlers: StreamHandlers, signal: AbortSignal): Promise<void> {
  let finished = false;
  const finish = (fn: () => void) => {
    if (finished || signal.aborted) return;
    finished = true;
    fn();
  };
  try {
    const res = await fetch(`/api/chat/${encodeURIComponent(conversationId)}/messages`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "text/event-stream" },
      body: JSON.stringify({ text }),
      signal,
    });
    if (!res.ok || !res.body || !(res.headers.get("content-type") ?? "").includes("text/event-stream")) {
      const e = res.ok ? { code: "internal", message: "The server answered in an unexpected format. Try again." } : await readError(res);
      finish(() => handlers.onError(e));
      return;
    }
    const parser = createSseParser(({ event, data }) => {
      if (finished) return;
      let payload: unknown;
      try {
        payload = JSON.parse(data);
      } catch {
        return;
      }
      if (event === "meta") handlers.onMeta(payload as StreamMeta);
      else if (event === "text") handlers.onText((payload as { text: string }).text);
      else if (event === "done") finish(() => handlers.onDone(payload as SendMessageResult));
      else if (event === "error") finish(() => handlers.onError(payload as ChatError));
    });
    const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      parser.push(value);
    }
    parser.end();
    finish(() => handlers.onError({ code: "unavailable", message: "The connection closed before the answer finished. Reload to see whether it was stored." }));
  } catch {
    finish(() => handlers.onError(OFFLINE));
  }
}
