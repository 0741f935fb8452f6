import "server-only";
import { AppError } from "@/server/errors";

// The one way a route reads a request body: as a stream, counting bytes, and stopping at the limit with 413
// before buffering more (a declared Content-Length over the limit is refused without reading at all).

function tooLarge(maxBytes: number): AppError {
  const size = maxBytes % (1024 * 1024) === 0 ? `${maxBytes / 1024 / 1024} MiB` : maxBytes % 1024 === 0 ? `${maxBytes / 1024} KiB` : `${maxBytes} bytes`;
  return new AppError("payload_too_large", `The request body is over ${size}.`);
}

/** The body's bytes, at most `maxBytes` of them. */
export async function readBodyBytes(request: Request, maxBytes: number): Promise<Uint8Array> {
  const declared = Number(request.headers.get("content-length") ?? "");
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge(maxBytes);
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => {});
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, total);
}

/** The body as UTF-8 text, at most `maxBytes` bytes of it. */
export async function readBodyText(request: Request, maxBytes: number): Promise<string> {
  return Buffer.from(await readBodyBytes(request, maxBytes)).toString("utf8");
}

/** The body parsed as JSON (at most `maxBytes`); `invalid` is the message for a body that is not JSON. */
export async function readJsonBody(request: Request, maxBytes: number, invalid: string): Promise<unknown> {
  const text = await readBodyText(request, maxBytes);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new AppError("invalid_request", invalid);
  }
}
