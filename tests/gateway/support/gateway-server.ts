// The gateway's Web-standard handlers behind a real node:http server on a free port, as the route handlers serve
// them (the same functions), so that the official SDKs talk to them over real HTTP. The database is the caller's.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";
import { handleBedrockConverse, handleBedrockConverseStream } from "@/server/gateway/http/bedrock-converse";
import { handleChatCompletions } from "@/server/gateway/http/openai-chat";
import { handleListModels } from "@/server/gateway/http/openai-models";

export type GatewayServer = { url: string; close: () => Promise<void> };

function route(method: string, pathname: string): ((r: Request) => Promise<Response>) | null {
  if (method === "POST" && pathname === "/v1/chat/completions") return handleChatCompletions;
  if (method === "GET" && pathname === "/v1/models") return handleListModels;
  if (method === "POST" && /^\/bedrock\/model\/[^/]+\/converse$/.test(pathname)) return handleBedrockConverse;
  if (method === "POST" && /^\/bedrock\/model\/[^/]+\/converse-stream$/.test(pathname)) return handleBedrockConverseStream;
  return null;
}

export async function startGatewayServer(): Promise<GatewayServer> {
  let origin = "";
  const server = http.createServer((req, res) => {
    void (async () => {
      try {
        const url = new URL(req.url ?? "/", origin);
        const handler = route(req.method ?? "GET", url.pathname);
        if (!handler) {
          res.writeHead(404, { "content-type": "application/json" }).end('{"error":{"message":"No such route."}}');
          return;
        }
        const headers = new Headers();
        for (const [name, value] of Object.entries(req.headers)) {
          for (const v of Array.isArray(value) ? value : value === undefined ? [] : [value]) headers.append(name, v);
        }
        const hasBody = req.method !== "GET" && req.method !== "HEAD";
        const request = new Request(url, {
          method: req.method,
          headers,
          ...(hasBody ? { body: Readable.toWeb(req) as ReadableStream, duplex: "half" } : {}),
        } as RequestInit);
        const response = await handler(request);
        res.writeHead(response.status, Object.fromEntries(response.headers));
        if (!response.body) return void res.end();
        for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) res.write(chunk);
        res.end();
      } catch (err) {
        res.writeHead(500).end(String(err));
      }
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: origin,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
