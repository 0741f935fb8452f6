// The gateway's Web-standard handlers (the lean front's routes, the functions the route handlers re-export) behind a real server on a free
// port that speaks HTTP/1.1 (the openai SDK) and h2c (the AWS SDK for JavaScript sends Bedrock Runtime calls over
// HTTP/2 only). The database is the caller's.
import http from "node:http";
import { frontRouteFor } from "@/server/front/routes";
import { listenHttp1AndH2c, nodeListener } from "@/server/gateway/node-listener";

export type GatewayServer = { url: string; close: () => Promise<void> };

export async function startGatewayServer(): Promise<GatewayServer> {
  const listener = nodeListener(
    (method, path) => frontRouteFor(method, path)?.handler ?? null,
    () => Response.json({ error: { message: "No such route." } }, { status: 404 }),
  );
  const listening = await listenHttp1AndH2c({ http1: http.createServer(listener), http2Listener: listener, port: 0, host: "127.0.0.1" });
  return { url: `http://127.0.0.1:${listening.port}`, close: listening.close };
}
