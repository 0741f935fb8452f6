import "server-only";
import type { ConverseStreamEvent } from "@/server/bedrock/gateway";
import { invokeInScope, type CallOrigin, type FailedAttempt, type InvokeInput, type InvokeResult } from "@/server/invoke/invoke";
import type { ServingScope } from "@/server/invoke/scope";
import { servedHeaders } from "./call";

export type StreamEncoding = {
  contentType: string;
  /** Frames sent when the serving model's first event arrives (before it). */
  start: (modelId: string) => Uint8Array[];
  event: (event: Exclude<ConverseStreamEvent, { type: "done" }>) => Uint8Array[];
  end: (result: InvokeResult) => Uint8Array[];
  /** A failure after the answer started: the stream's own error frame. */
  error: (err: unknown) => Uint8Array[];
};

/**
 * Streams one call. The response is held back until the serving model's first event: until then a failing model
 * falls back to the next one exactly like a non-streamed call, and a call that fails everywhere is answered with an
 * ordinary error response (thrown here). After it, a failure ends the stream with the encoding's error frame.
 */
export async function streamCall({
  scope,
  input,
  origin,
  encoding,
}: {
  scope: ServingScope;
  input: InvokeInput;
  origin: CallOrigin;
  encoding: StreamEncoding;
}): Promise<Response> {
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  let open = true;
  const body = new ReadableStream<Uint8Array>({
    start: (c) => {
      controller = c;
    },
    cancel: () => {
      // The caller went away: the call still completes and is recorded; its frames go nowhere.
      open = false;
    },
  });
  const push = (frames: Uint8Array[]) => {
    if (!open) return;
    for (const f of frames) controller.enqueue(f);
  };
  const close = () => {
    if (open) controller.close();
    open = false;
  };

  let started: { modelId: string; failedAttempts: FailedAttempt[] } | null = null;
  let markStarted!: (s: { modelId: string; failedAttempts: FailedAttempt[] }) => void;
  const startedPromise = new Promise<{ modelId: string; failedAttempts: FailedAttempt[] }>((resolve) => (markStarted = resolve));
  const run = invokeInScope({
    scope,
    input,
    userId: scope.ownerId,
    origin,
    hooks: {
      onStart: (s) => {
        started = s;
        push(encoding.start(s.modelId));
        markStarted(s);
      },
      onEvent: (e) => {
        if (e.type !== "done") push(encoding.event(e));
      },
    },
  });
  const finished = run.then(
    (result) => {
      push(encoding.end(result));
      close();
    },
    (err: unknown) => {
      if (!started) throw err;
      push(encoding.error(err));
      close();
    },
  );
  const first = await Promise.race([startedPromise, finished.then(() => started!)]);
  return new Response(body, {
    status: 200,
    headers: { "Content-Type": encoding.contentType, "Cache-Control": "no-store", ...servedHeaders(scope, first.modelId, first.failedAttempts) },
  });
}
