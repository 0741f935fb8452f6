import "server-only";
import { AppError } from "@/server/errors";
import type { GatewayRequestParts } from "./principal";

/** The largest body a gateway call takes: room for a few images in base64 (Bedrock takes up to 3.75 MB each). */
export const MAX_GATEWAY_BODY_BYTES = 20 * 1024 * 1024;

/** The request as bytes (SigV4 signs them), read up to the limit: past it, a 413 without reading the rest. */
export async function readGatewayRequest(request: Request, limit = MAX_GATEWAY_BODY_BYTES): Promise<GatewayRequestParts> {
  const tooLarge = () => new AppError("payload_too_large", `The request body is over ${Math.round(limit / 1024 / 1024)} MiB.`, { param: null });
  if (Number(request.headers.get("content-length") ?? "0") > limit) throw tooLarge();
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (request.body) {
    const reader = request.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > limit) {
        await reader.cancel().catch(() => {});
        throw tooLarge();
      }
      chunks.push(value);
    }
  }
  const body = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    body.set(c, at);
    at += c.byteLength;
  }
  const url = new URL(request.url);
  return { method: request.method, pathWithQuery: `${url.pathname}${url.search}`, headers: request.headers, body };
}
