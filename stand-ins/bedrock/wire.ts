// Bedrock's error answers and ConverseStream's event-stream frames, encoded with the SDK's own codec, so the SDK
// reads them exactly as it reads AWS's.
import { EventStreamCodec } from "@smithy/core/event-streams";
import { fromUtf8, toUtf8 } from "@smithy/core/serde";

type Headers = Parameters<EventStreamCodec["encode"]>[0]["headers"];

const codec = new EventStreamCodec(toUtf8, fromUtf8);
const str = (value: string) => ({ type: "string" as const, value });

/** Exceptions by name: HTTP status and the service's wording. */
export const EXCEPTIONS = {
  ThrottlingException: { status: 429, message: "Too many requests, please wait before trying again." },
  ServiceUnavailableException: { status: 503, message: "Bedrock is unable to process your request." },
  ValidationException: { status: 400, message: "The provided model identifier is invalid." },
  AccessDeniedException: { status: 403, message: "You don't have access to the model with the specified model ID." },
  ResourceNotFoundException: { status: 404, message: "The requested resource could not be found." },
  InternalServerException: { status: 500, message: "The server encountered an internal error." },
  ModelStreamErrorException: { status: 424, message: "The model stream failed." },
  MissingAuthenticationTokenException: { status: 403, message: "Missing Authentication Token" },
} as const;
export type ExceptionName = keyof typeof EXCEPTIONS;

export type ErrorAnswer = { status: number; headers: Record<string, string>; body: string };

/** An error as Bedrock sends it: status, `x-amzn-ErrorType` (with the coral suffix) and `{ message }`. */
export function errorAnswer(name: ExceptionName, message: string = EXCEPTIONS[name].message, extra: Record<string, string> = {}): ErrorAnswer {
  return {
    status: EXCEPTIONS[name].status,
    headers: {
      "content-type": "application/json",
      "x-amzn-errortype": `${name}:http://internal.amazon.com/coral/com.amazon.bedrock/`,
      ...extra,
    },
    body: JSON.stringify({ message }),
  };
}

/** The exception members of the ConverseStream union, as `:exception-type` names them (lower camel case). */
export const STREAM_EXCEPTIONS = [
  "throttlingException",
  "serviceUnavailableException",
  "internalServerException",
  "validationException",
  "modelStreamErrorException",
] as const;
export type StreamExceptionName = (typeof STREAM_EXCEPTIONS)[number];

export type StreamEventName = "messageStart" | "contentBlockStart" | "contentBlockDelta" | "contentBlockStop" | "messageStop" | "metadata";

export function eventFrame(type: StreamEventName, payload: object): Uint8Array {
  const headers: Headers = { ":message-type": str("event"), ":event-type": str(type), ":content-type": str("application/json") };
  return codec.encode({ headers, body: fromUtf8(JSON.stringify(payload)) });
}

export function exceptionFrame(type: StreamExceptionName, message: string): Uint8Array {
  const headers: Headers = { ":message-type": str("exception"), ":exception-type": str(type), ":content-type": str("application/json") };
  return codec.encode({ headers, body: fromUtf8(JSON.stringify({ message })) });
}

/** Decodes a whole event-stream body into its messages (tests and the bench read the stand-in's frames with it). */
export function decodeFrames(body: Uint8Array): { headers: Record<string, string>; payload: unknown }[] {
  const out: { headers: Record<string, string>; payload: unknown }[] = [];
  let offset = 0;
  while (offset + 4 <= body.length) {
    const total = new DataView(body.buffer, body.byteOffset + offset, 4).getUint32(0, false);
    const message = codec.decode(body.subarray(offset, offset + total));
    const headers = Object.fromEntries(Object.entries(message.headers).map(([k, v]) => [k, String(v.value)]));
    out.push({ headers, payload: JSON.parse(toUtf8(message.body)) as unknown });
    offset += total;
  }
  return out;
}
