import "server-only";
import { readBodyBytes } from "@/server/http/read-body";
import type { GatewayRequestParts } from "./principal";

/** The largest body a gateway call takes: room for a few images in base64 (Bedrock takes up to 3.75 MB each). */
export const MAX_GATEWAY_BODY_BYTES = 20 * 1024 * 1024;

/** The request as bytes (SigV4 signs them), read up to the limit: past it, a 413 without reading the rest. */
export async function readGatewayRequest(request: Request, limit = MAX_GATEWAY_BODY_BYTES): Promise<GatewayRequestParts> {
  const body = await readBodyBytes(request, limit);
  const url = new URL(request.url);
  return { method: request.method, pathWithQuery: `${url.pathname}${url.search}`, headers: request.headers, body };
}
