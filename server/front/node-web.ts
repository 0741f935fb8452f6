import "server-only";
import { once } from "node:events";
import type { IncomingMessage, ServerResponse } from "node:http";
import { Readable } from "node:stream";

// node:http <-> the Web-standard Request/Response of the route handlers, for the lean front (server/front/serve.ts).
// Bodies stream both ways: the request body is read by the handler (with its own size limit), the response body is
// written as it comes (server-sent events, event-stream frames) with backpressure, and a caller who leaves cancels it.

/** The Request a route handler would get for this message; `signal` aborts when the caller goes away. */
export function toWebRequest(req: IncomingMessage, signal: AbortSignal): Request {
  const headers = new Headers();
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) headers.append(req.rawHeaders[i]!, req.rawHeaders[i + 1]!);
  const method = req.method ?? "GET";
  const url = new URL(req.url ?? "/", `http://${req.headers.host ?? "localhost"}`);
  if (method === "GET" || method === "HEAD") return new Request(url, { method, headers, signal });
  return new Request(url, { method, headers, signal, body: Readable.toWeb(req) as ReadableStream<Uint8Array>, duplex: "half" } as RequestInit);
}

/** Writes a Response to node:http, streaming its body; resolves when it is written or the caller left. */
export async function sendWebResponse(res: ServerResponse, response: Response): Promise<void> {
  const headers: Record<string, string | string[]> = {};
  response.headers.forEach((value, key) => {
    if (key !== "set-cookie") headers[key] = value;
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length) headers["set-cookie"] = cookies;
  res.writeHead(response.status, headers);
  if (!response.body) {
    res.end();
    return;
  }
  const reader = response.body.getReader();
  const gone = () => void reader.cancel().catch(() => {});
  res.once("close", gone);
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (!res.write(value)) await Promise.race([once(res, "drain"), once(res, "close")]);
      if (res.destroyed) return;
    }
    res.end();
  } catch {
    // The handler's stream failed after the head was sent: nothing more can be said on this response.
    res.destroy();
  } finally {
    res.off("close", gone);
  }
}

/** Runs a Web handler for a node:http request; `onError` answers should the handler throw (they answer their own errors). */
export async function serveWeb(
  handler: (request: Request) => Promise<Response>,
  onError: (err: unknown) => Response,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const abort = new AbortController();
  res.once("close", () => {
    if (!res.writableFinished) abort.abort();
  });
  let response: Response;
  try {
    response = await handler(toWebRequest(req, abort.signal));
  } catch (err) {
    response = onError(err);
  }
  await sendWebResponse(res, response);
}
