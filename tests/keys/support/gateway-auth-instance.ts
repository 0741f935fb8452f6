// One Switchboard instance for the cross-process key test: POST /api/orchestrate with the real handler (keys-create,
// keys-revoke, ...), and every other request authenticated by authenticateGatewayRequest as a gateway door does,
// answering 200 with the principal or 401 with the reason. Its own database connection (DATABASE_URL from the parent).
// Run with: node --import tsx tests/keys/support/gateway-auth-instance.ts (see tests/cache/support/instance.ts).
import http from "node:http";
import { register } from "node:module";

const hook = `
export async function resolve(specifier, context, next) {
  if (specifier === "server-only") return next(specifier, { ...context, conditions: [...context.conditions, "react-server"] });
  return next(specifier, context);
}`;
register(`data:text/javascript,${encodeURIComponent(hook)}`);
const { handleOrchestrate } = await import("@/server/api/orchestrate");
const { authenticateGatewayRequest } = await import("@/server/keys/authenticate");
const { AppError } = await import("@/server/errors");

async function readBody(req: http.IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

const server = http.createServer(async (req, res) => {
  const headers = new Headers();
  for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
  const body = new Uint8Array(await readBody(req));
  try {
    if (req.method === "POST" && req.url === "/api/orchestrate") {
      const response = await handleOrchestrate(new Request(`http://localhost${req.url}`, { method: "POST", headers, body }));
      res.writeHead(response.status, { "content-type": "application/json" });
      res.end(Buffer.from(await response.arrayBuffer()));
      return;
    }
    const principal = await authenticateGatewayRequest({ method: req.method ?? "GET", pathWithQuery: req.url ?? "/", headers, body });
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify({ ok: true, principal }));
  } catch (err) {
    if (!(err instanceof AppError)) console.error(err);
    res.writeHead(err instanceof AppError ? err.status : 500, { "content-type": "application/json" });
    res.end(JSON.stringify({ ok: false, message: err instanceof Error ? err.message : String(err) }));
  }
});

server.listen(0, "127.0.0.1", () => {
  const address = server.address();
  if (address && typeof address === "object") console.log(`LISTENING ${address.port}`);
});

const stop = () => server.close(() => process.exit(0));
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
