// One Switchboard "instance" for the cross-process cache test: a tiny HTTP server that serves POST /api/orchestrate
// with the real handler, on its own database connection (DATABASE_URL from the parent), on a free port.
// Run with: node --import tsx tests/cache/support/instance.ts (tsx resolves the @/ alias from tsconfig's paths).
//
// `import "server-only"` throws outside React's server condition. Running under --conditions=react-server would fix
// that but breaks next/navigation (imported by server/auth/session.ts), whose module needs the client build of React
// (createContext). So, as vitest.config.ts does with an alias, only "server-only" is resolved under react-server
// (to its empty build), by a resolve hook registered before the service layer is imported.
import http from "node:http";
import { register } from "node:module";

const hook = `
export async function resolve(specifier, context, next) {
  if (specifier === "server-only") return next(specifier, { ...context, conditions: [...context.conditions, "react-server"] });
  return next(specifier, context);
}`;
register(`data:text/javascript,${encodeURIComponent(hook)}`);
const { handleOrchestrate } = await import("@/server/api/orchestrate");
const { editCatalogEntry, catalogPatchSchema } = await import("@/server/catalog/edit");

const SERVICE_KEY = process.env.SWITCHBOARD_SERVICE_KEY;

async function readBody(req: http.IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

// POST /api/orchestrate: the real handler. POST /catalog-edit: an admin's catalog edit through the app's own path
// (editCatalogEntry, which calls invalidateCatalog), for the test to edit on one instance and watch the other.
const server = http.createServer(async (req, res) => {
  try {
    if (req.method === "POST" && req.url === "/api/orchestrate") {
      const headers = new Headers();
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
      const response = await handleOrchestrate(
        new Request(`http://localhost${req.url}`, { method: "POST", headers, body: new Uint8Array(await readBody(req)) }),
      );
      res.writeHead(response.status, { "content-type": response.headers.get("content-type") ?? "application/json" });
      res.end(Buffer.from(await response.arrayBuffer()));
      return;
    }
    if (req.method === "POST" && req.url === "/catalog-edit" && req.headers.authorization === `Bearer ${SERVICE_KEY}`) {
      const { modelId, patch } = JSON.parse((await readBody(req)).toString("utf8")) as { modelId: string; patch: unknown };
      const model = await editCatalogEntry({ actor: { kind: "service" }, modelId, patch: catalogPatchSchema.parse(patch) });
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ ok: true, model }));
      return;
    }
    res.writeHead(404).end();
  } catch (err) {
    console.error(err);
    res.writeHead(500).end(String(err));
  }
});

server.listen(0, "127.0.0.1", () => {
  const address = server.address();
  if (address && typeof address === "object") console.log(`LISTENING ${address.port}`);
});

const stop = () => server.close(() => process.exit(0));
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
