// The real orchestrate handler behind a real node:http server on a free port, over a seeded in-memory PGlite:
// what the CLI talks to in its tests (and, through serve.ts, by hand).
import http from "node:http";
import type { AddressInfo } from "node:net";
import type { DatabaseKind } from "@/db/client";
import { seedDatabase } from "@/db/seed";
import { handleOrchestrate } from "@/server/api/orchestrate";
import { setDatabase } from "@/server/db";
import { createTestDatabase, type TestDatabase } from "../../support/test-db";

export type ApiServer = { url: string; t: TestDatabase; close: () => Promise<void> };

async function toWebRequest(req: http.IncomingMessage, origin: string): Promise<Request> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) headers.append(name, v);
  }
  const method = req.method ?? "GET";
  const body = method === "GET" || method === "HEAD" ? undefined : Buffer.concat(chunks);
  return new Request(new URL(req.url ?? "/", origin), { method, headers, body });
}

export async function startApiServer(kind: DatabaseKind = "embedded"): Promise<ApiServer> {
  const t = await createTestDatabase(kind);
  await seedDatabase(t.db, { demo: false });
  setDatabase(t);
  let origin = "";
  const server = http.createServer((req, res) => {
    void (async () => {
      try {
        const response =
          req.method === "POST" && (req.url === "/api/orchestrate" || req.url === "/functions/v1/orchestrate-bedrock-models")
            ? await handleOrchestrate(await toWebRequest(req, origin))
            : Response.json({ ok: false, error: { code: "not_found", message: "No such route." } }, { status: 404 });
        res.writeHead(response.status, Object.fromEntries(response.headers));
        res.end(Buffer.from(await response.arrayBuffer()));
      } catch (err) {
        res.writeHead(500).end(String(err));
      }
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: origin,
    t,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await t.drop();
    },
  };
}
