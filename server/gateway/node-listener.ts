import "server-only";
import type http from "node:http";
import http2 from "node:http2";
import net from "node:net";
import { Readable } from "node:stream";
import { sendWebResponse } from "@/server/front/node-web";

// Serves Web-standard handlers on one port over HTTP/1.1 and cleartext HTTP/2 (h2c) at once. The AWS SDK for
// JavaScript sends Bedrock Runtime calls over HTTP/2 only (NodeHttp2Handler; over `http://` that is h2c with prior
// knowledge), while the openai SDK, curl and boto3 speak HTTP/1.1. Node 20 has no cleartext server for both, so the
// first bytes of each connection pick the server: the HTTP/2 preface starts with "PRI ".

export type WebHandler = (request: Request) => Promise<Response>;
export type Router = (method: string, pathname: string) => WebHandler | null;

type NodeRequest = http.IncomingMessage | http2.Http2ServerRequest;
type NodeResponse = http.ServerResponse | http2.Http2ServerResponse;

function toWebRequest(req: NodeRequest): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (name.startsWith(":") || value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) headers.append(name, v);
  }
  const authority = (req.headers[":authority"] as string | undefined) ?? req.headers.host ?? "localhost";
  // HTTP/2 has no Host header: :authority stands for it (SigV4 over HTTP/2 signs :authority, verified as Host).
  if (!headers.has("host")) headers.set("host", authority);
  const method = req.method ?? "GET";
  const hasBody = method !== "GET" && method !== "HEAD";
  return new Request(`http://${authority}${req.url ?? "/"}`, {
    method,
    headers,
    ...(hasBody ? { body: Readable.toWeb(req as Readable) as ReadableStream<Uint8Array>, duplex: "half" } : {}),
  } as RequestInit);
}

/** A Node request listener (HTTP/1.1 or HTTP/2 compatibility API) that answers through the router's handlers. */
export function nodeListener(router: Router, notFound: () => Response): (req: NodeRequest, res: NodeResponse) => void {
  return (req, res) => {
    void (async () => {
      try {
        const pathname = new URL(req.url ?? "/", "http://x").pathname;
        const handler = router(req.method ?? "GET", pathname);
        // HTTP/2's compatibility response has the same writing surface as HTTP/1.1's.
        await sendWebResponse(res as http.ServerResponse, handler ? await handler(toWebRequest(req)) : notFound());
      } catch (err) {
        console.error("[switchboard] gateway listener", err);
        if (!res.headersSent) (res as http.ServerResponse).writeHead(500, { "content-type": "application/json" });
        (res as http.ServerResponse).end();
      }
    })();
  };
}

export type Listening = {
  port: number;
  /** Destroys every connection and stops listening (tests). */
  close: () => Promise<void>;
  /** A graceful stop: no new connections; `done` runs once the open ones have ended (end idle ones with `closeIdle`). */
  stopAccepting: (done: () => void) => void;
  /** Ends idle HTTP/1.1 keep-alive connections and asks HTTP/2 sessions to finish (GOAWAY). */
  closeIdle: () => void;
  /** Destroys every connection still open. */
  destroyAll: () => void;
};

/**
 * Listens on one port for HTTP/1.1 and h2c, dispatching each connection by its first bytes: HTTP/1.1 connections go
 * to `http1` (an existing server, e.g. the lean front that hands other paths to Next; it is not listened on itself),
 * HTTP/2 ones to `http2Listener` (the AWS SDK for JavaScript only calls the gateway's /bedrock paths that way).
 */
export async function listenHttp1AndH2c({
  http1,
  http2Listener,
  port,
  host,
}: {
  http1: http.Server;
  http2Listener: ReturnType<typeof nodeListener>;
  port: number;
  /** The interface to listen on; all of them when left out. */
  host?: string;
}): Promise<Listening> {
  const h2 = http2.createServer(http2Listener as (req: http2.Http2ServerRequest, res: http2.Http2ServerResponse) => void);
  const sockets = new Set<net.Socket>();
  const front = net.createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.once("data", (chunk: Buffer) => {
      socket.pause();
      socket.unshift(chunk);
      (chunk.subarray(0, 4).toString("latin1") === "PRI " ? h2 : http1).emit("connection", socket);
      process.nextTick(() => socket.resume());
    });
  });
  await new Promise<void>((resolve, reject) => {
    front.once("error", reject);
    front.listen(port, host, () => resolve());
  });
  const destroyAll = () => {
    for (const s of sockets) s.destroy();
  };
  return {
    port: (front.address() as net.AddressInfo).port,
    close: async () => {
      destroyAll();
      await new Promise<void>((resolve) => front.close(() => resolve()));
    },
    stopAccepting: (done) => {
      front.close(() => done());
      h2.close();
    },
    closeIdle: () => http1.closeIdleConnections(),
    destroyAll,
  };
}
