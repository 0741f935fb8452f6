import "server-only";
import http from "node:http";
import next from "next";
import { bedrockErrorResponse } from "@/server/gateway/errors";
import { listenHttp1AndH2c, nodeListener, type Listening } from "@/server/gateway/node-listener";
import { AppError } from "@/server/errors";
import { frontRouteFor } from "./routes";
import { serveWeb } from "./node-web";

// The lean front: one node:http server per process. The gateway paths (/v1/*, /bedrock/*) go straight to their Web
// handlers, without Next's per-request routing; everything else (pages, actions, /api/*) goes to Next's own request
// handler. Both halves share the process's one database (PGlite or Postgres pool), kept on globalThis by server/db.ts.
// One port speaks HTTP/1.1 and cleartext HTTP/2 (h2c): the AWS SDK for JavaScript sends Bedrock Runtime calls over
// HTTP/2 only, so an unchanged BedrockRuntimeClient pointed at <server>/bedrock works (server/gateway/node-listener.ts).

export type FrontOptions = { dir: string; port: number; hostname?: string };

export async function startFront({ dir, port, hostname }: FrontOptions): Promise<Listening> {
  const app = next({ dir, dev: false, port, ...(hostname ? { hostname } : {}) });
  await app.prepare();
  const handleNext = app.getRequestHandler();
  const server = http.createServer({ noDelay: true, keepAliveTimeout: 65_000 }, (req, res) => {
    const url = req.url ?? "/";
    const q = url.indexOf("?");
    const route = frontRouteFor(req.method, q < 0 ? url : url.slice(0, q));
    if (route) void serveWeb(route.handler, route.onError, req, res);
    else void handleNext(req, res);
  });
  // Over HTTP/2 only the gateway is served (the SDK calls nothing else that way); pages stay on HTTP/1.1.
  const http2Listener = nodeListener(
    (method, pathname) => frontRouteFor(method, pathname)?.handler ?? null,
    () => bedrockErrorResponse(new AppError("not_found", "Over HTTP/2 this server answers only the Bedrock gateway paths.")),
  );
  return listenHttp1AndH2c({ http1: server, http2Listener, port, ...(hostname ? { host: hostname } : {}) });
}
