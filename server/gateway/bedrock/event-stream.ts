import "server-only";
import { EventStreamCodec } from "@smithy/core/event-streams";
import type { ConverseStreamEvent } from "@/server/bedrock/gateway";

// ConverseStream's answer in AWS event-stream framing, encoded by the SDK's own codec (the one its decoder mirrors).

const codec = new EventStreamCodec(
  (bytes) => new TextDecoder().decode(bytes),
  (text) => new TextEncoder().encode(text),
);
const json = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));
const str = (value: string) => ({ type: "string" as const, value });

export function eventFrame(eventType: string, payload: unknown): Uint8Array {
  return codec.encode({
    headers: { ":message-type": str("event"), ":event-type": str(eventType), ":content-type": str("application/json") },
    body: json(payload),
  });
}

/** An exception inside the stream, e.g. `throttlingException`: the SDK raises it as its exception class. */
export function exceptionFrame(exceptionType: string, message: string): Uint8Array {
  return codec.encode({
    headers: { ":message-type": str("exception"), ":exception-type": str(exceptionType), ":content-type": str("application/json") },
    body: json({ message }),
  });
}

/** Decodes one frame (the tests read streams back with it). */
export function decodeFrame(bytes: Uint8Array) {
  const message = codec.decode(bytes);
  const headers = Object.fromEntries(Object.entries(message.headers).map(([k, v]) => [k, String(v.value)]));
  return { headers, payload: JSON.parse(new TextDecoder().decode(message.body)) as unknown };
}

/** The exceptions ConverseStream declares as stream members; other failures travel as the nearest of them. */
const STREAM_EXCEPTIONS = new Set([
  "ThrottlingException",
  "ServiceUnavailableException",
  "ValidationException",
  "InternalServerException",
  "ModelStreamErrorException",
]);

export function streamExceptionType(exceptionName: string): string {
  const name = STREAM_EXCEPTIONS.has(exceptionName)
    ? exceptionName
    : exceptionName === "ModelTimeoutException"
      ? "ServiceUnavailableException"
      : "InternalServerException";
  return name.charAt(0).toLowerCase() + name.slice(1);
}

/** The frame of one stream event, or none. */
export function frameOf(event: Exclude<ConverseStreamEvent, { type: "done" }>): Uint8Array {
  switch (event.type) {
    case "text":
      return eventFrame("contentBlockDelta", { contentBlockIndex: event.index, delta: { text: event.text } });
    case "toolUseStart":
      return eventFrame("contentBlockStart", { contentBlockIndex: event.index, start: { toolUse: { toolUseId: event.toolUseId, name: event.name } } });
    case "toolUseDelta":
      return eventFrame("contentBlockDelta", { contentBlockIndex: event.index, delta: { toolUse: { input: event.input } } });
    case "blockStop":
      return eventFrame("contentBlockStop", { contentBlockIndex: event.index });
  }
}

export function endFrames(done: { stopReason: string; inputTokens: number; outputTokens: number; latencyMs: number }): Uint8Array[] {
  return [
    eventFrame("messageStop", { stopReason: done.stopReason }),
    eventFrame("metadata", {
      usage: { inputTokens: done.inputTokens, outputTokens: done.outputTokens, totalTokens: done.inputTokens + done.outputTokens },
      metrics: { latencyMs: done.latencyMs },
    }),
  ];
}
