// One Switchboard instance for the invoke path's caches across processes (tests/gateway/hot-path-caches.test.ts): a
// tiny HTTP server over the real service layer (the use cases and cooldowns as the invoke path reads them, and their
// writers), on its own database connection (DATABASE_URL from the parent), on a free port. Every route needs the
// service key. Run with: node --import tsx tests/gateway/support/cache-instance.ts (see tests/cache/support/instance.ts).
import http from "node:http";
import { register } from "node:module";

const hook = `
export async function resolve(specifier, context, next) {
  if (specifier === "server-only") return next(specifier, { ...context, conditions: [...context.conditions, "react-server"] });
  return next(specifier, context);
}`;
register(`data:text/javascript,${encodeURIComponent(hook)}`);
const { cachedUseCase } = await import("@/server/use-cases/cache");
const { activeCooldowns, coolDown } = await import("@/server/orchestration/cooldowns");
const { switchModel } = await import("@/server/switching/switch-model");
const { updatePolicy } = await import("@/server/use-cases/update-policy");
const { setFallbackChain } = await import("@/server/use-cases/update-fallback-chain");
const { createUseCase } = await import("@/server/use-cases/create-use-case");
const { toPublicError, AppError } = await import("@/server/errors");
const { getDatabase } = await import("@/server/db");

const SERVICE_KEY = process.env.SWITCHBOARD_SERVICE_KEY;
const service = { kind: "service" } as const;
await getDatabase(); // migrate before listening

type Body = Record<string, any>;
const routes: Record<string, (body: Body) => Promise<unknown>> = {
  "/use-case": async (b) => ({ useCase: await cachedUseCase(b.name) }),
  "/switch": async (b) => (await switchModel({ actor: service, input: { useCase: b.useCase, modelId: b.modelId } })).switch,
  "/policy": async (b) => (await updatePolicy({ actor: service, name: b.name, expectedVersion: b.expectedVersion, policy: b.policy })).useCase,
  "/chain": async (b) => (await setFallbackChain({ actor: service, name: b.name, chain: b.chain })).useCase,
  "/create": async (b) => createUseCase({ actor: service, input: b as never }),
  "/cool-down": async (b) => coolDown({ modelId: b.modelId, seconds: b.seconds, errorCode: "ThrottlingException" }).then(() => ({ ok: true })),
  "/cooldowns": async (b) => activeCooldowns(b.now ? new Date(b.now) : undefined),
};

async function readBody(req: http.IncomingMessage): Promise<Body> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}") as Body;
}

const server = http.createServer(async (req, res) => {
  const route = req.method === "POST" ? routes[req.url ?? ""] : undefined;
  if (!route || req.headers.authorization !== `Bearer ${SERVICE_KEY}`) return void res.writeHead(404).end("{}");
  try {
    const result = await route(await readBody(req));
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(result ?? null));
  } catch (err) {
    const e = toPublicError(err);
    res.writeHead(err instanceof AppError ? err.status : 500, { "content-type": "application/json" }).end(JSON.stringify(e));
  }
});

server.listen(0, "127.0.0.1", () => {
  const address = server.address();
  if (address && typeof address === "object") console.log(`LISTENING ${address.port}`);
});

const stop = () => server.close(() => process.exit(0));
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
