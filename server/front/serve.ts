import "server-only";
import http from "node:http";
import next from "next";
import { frontRouteFor } from "./routes";
import { serveWeb } from "./node-web";

// The lean front: one node:http server per process. The gateway paths (/v1/*, /bedrock/*) go straight to their Web
// handlers, without Next's per-request routing; everything else (pages, actions, /api/*) goes to Next's own request
// handler. Both halves share the process's one database (PGlite or Postgres pool), kept on globalThis by server/db.ts.

export type FrontOptions = { dir: string; port: number; hostname?: string };

export async function startFront({ dir, port, hostname }: FrontOptions): Promise<http.Server> {
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
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, hostname, () => resolve());
  });
  return server;
}
