// A loopback server standing where the gateway's doors will: it hands the raw request parts to
// authenticateGatewayRequest (with the test's clock) and answers a Converse-shaped 200 naming the principal, or 401 with
// the refusal's message, so the real AWS SDK can be pointed at it. Cleartext HTTP/2, which BedrockRuntimeClient speaks
// by default (NodeHttp2Handler, prior knowledge); HTTP/2 has no Host header, so :authority stands for it, as a door must.
import http from "node:http";
import http2 from "node:http2";
import type { AddressInfo } from "node:net";
import { AppError } from "@/server/errors";
import type { GatewayPrincipal } from "@/server/gateway/principal";
import { authenticateGatewayRequest } from "@/server/keys/authenticate";

export type AuthEchoServer = {
  /** Cleartext HTTP/2 (the runtime client's default). */
  url: string;
  /** HTTP/1.1, as fetch, boto3 and Next's server speak it. */
  http1Url: string;
  /** The server's clock, as an offset from the real one. */
  setClockOffset: (ms: number) => void;
  /** Why the last request was refused, or null after an accepted one. */
  lastRefusal: () => string | null;
  /** The raw headers of the last request. */
  lastHeaders: () => http.IncomingHttpHeaders | http2.IncomingHttpHeaders;
  close: () => Promise<void>;
};

const principalText = (p: GatewayPrincipal) => (p.kind === "service" ? "service" : `key ${p.name} [${p.useCases.join(",")}]`);

export async function startAuthEchoServer(): Promise<AuthEchoServer> {
  let offset = 0;
  let refusal: string | null = null;
  let headersSeen: http.IncomingHttpHeaders | http2.IncomingHttpHeaders = {};
  const handle = (req: http.IncomingMessage | http2.Http2ServerRequest, res: http.ServerResponse | http2.Http2ServerResponse) => {
    void (async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      headersSeen = req.headers;
      const headers = new Headers();
      for (const [name, value] of Object.entries(req.headers)) {
        if (name.startsWith(":")) continue;
        for (const v of Array.isArray(value) ? value : value === undefined ? [] : [value]) headers.append(name, v);
      }
      const authority = req.headers[":authority"];
      if (!headers.has("host") && typeof authority === "string") headers.set("host", authority);
      try {
        const principal = await authenticateGatewayRequest(
          { method: req.method ?? "GET", pathWithQuery: req.url ?? "/", headers, body: new Uint8Array(Buffer.concat(chunks)) },
          { now: () => new Date(Date.now() + offset) },
        );
        refusal = null;
        res.writeHead(200, { "content-type": "application/json" });
        res.end(
          JSON.stringify({
            output: { message: { role: "assistant", content: [{ text: principalText(principal) }] } },
            stopReason: "end_turn",
            usage: { inputTokens: 1, outputTokens: 1, totalTokens: 2 },
            metrics: { latencyMs: 1 },
          }),
        );
      } catch (err) {
        refusal = err instanceof AppError ? err.message : String(err);
        const status = err instanceof AppError ? err.status : 500;
        res.writeHead(status, { "content-type": "application/json", "x-amzn-errortype": "UnrecognizedClientException" });
        res.end(JSON.stringify({ message: refusal }));
      }
    })();
  };
  const server = http2.createServer(handle);
  const server1 = http.createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  await new Promise<void>((resolve) => server1.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    http1Url: `http://127.0.0.1:${(server1.address() as AddressInfo).port}`,
    setClockOffset: (ms) => {
      offset = ms;
    },
    lastRefusal: () => refusal,
    lastHeaders: () => headersSeen,
    close: async () => {
      server1.closeAllConnections();
      await new Promise<void>((resolve) => server1.close(() => resolve()));
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
