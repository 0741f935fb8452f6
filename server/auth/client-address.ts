import "server-only";
import http from "node:http";

// The client's address for sign-in throttling. Next.js passes the socket's address on as `X-Forwarded-For` only
// when the request has none, so a client could name any address it likes. The server therefore rewrites the header
// as each request arrives (installClientAddressHeader, from startup): the socket's address, unless
// SWITCHBOARD_TRUST_PROXY=true says a proxy in front sets it, and then its first hop is the client.

const UNKNOWN = "unknown";

/** The first hop of X-Forwarded-For, as the server left it (see above). */
export function clientAddress(headers: Pick<Headers, "get">): string {
  const first = headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  return first ? first.slice(0, 100) : UNKNOWN;
}

/** What X-Forwarded-For becomes for one incoming request. */
export function forwardedFor(socketAddress: string | undefined, header: string | string[] | undefined, trustProxy: boolean): string {
  const given = Array.isArray(header) ? header.join(",") : header;
  if (trustProxy && given?.split(",")[0]?.trim()) return given;
  return socketAddress ?? UNKNOWN;
}

const g = globalThis as unknown as { __switchboardClientAddress?: { trustProxy: boolean } };

/** Rewrites X-Forwarded-For on every request any HTTP server of this process receives, before Next.js sees it. */
export function installClientAddressHeader(trustProxy: boolean): void {
  if (g.__switchboardClientAddress) {
    g.__switchboardClientAddress.trustProxy = trustProxy;
    return;
  }
  const state = { trustProxy };
  g.__switchboardClientAddress = state;
  const emit = http.Server.prototype.emit;
  http.Server.prototype.emit = function (this: http.Server, event: string | symbol, ...args: unknown[]) {
    if (event === "request") {
      const req = args[0] as http.IncomingMessage;
      req.headers["x-forwarded-for"] = forwardedFor(req.socket?.remoteAddress, req.headers["x-forwarded-for"], state.trustProxy);
    }
    return (emit as (this: http.Server, event: string | symbol, ...rest: unknown[]) => boolean).call(this, event, ...args);
  } as typeof emit;
}
