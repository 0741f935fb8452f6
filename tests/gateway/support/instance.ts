// One Switchboard instance for the gateway's many-instances tests: a tiny HTTP server over the real service layer
// (rate limits, traffic splits, the invoke path with cooldowns, the invocation recorder and the graceful stop; the use
// cases and cooldowns as the invoke path reads them from memory, and their writers), on its
// own database connection (DATABASE_URL from the parent), on a free port. Every route needs the service key.
// Run with: node --import tsx tests/gateway/support/instance.ts (see tests/cache/support/instance.ts for the hook).
import http from "node:http";
import { register } from "node:module";

const hook = `
export async function resolve(specifier, context, next) {
  if (specifier === "server-only") return next(specifier, { ...context, conditions: [...context.conditions, "react-server"] });
  return next(specifier, context);
}`;
register(`data:text/javascript,${encodeURIComponent(hook)}`);
const { takeToken } = await import("@/server/api/rate-limit");
const { getTrafficSplit } = await import("@/server/traffic/cache");
const { setTrafficSplit } = await import("@/server/traffic/update");
const { invoke } = await import("@/server/invoke/invoke");
const { configureInvocationRecording, recordInvocation } = await import("@/server/invoke/record");
const { installGracefulStop } = await import("@/server/shutdown");
const { injectFault } = await import("@/server/bedrock/fault-injection");
const { toPublicError, AppError } = await import("@/server/errors");
const { getDatabase } = await import("@/server/db");
const { cachedUseCase } = await import("@/server/use-cases/cache");
const { activeCooldowns, coolDown } = await import("@/server/orchestration/cooldowns");
const { switchModel } = await import("@/server/switching/switch-model");
const { updatePolicy } = await import("@/server/use-cases/update-policy");
const { setFallbackChain } = await import("@/server/use-cases/update-fallback-chain");
const { createUseCase } = await import("@/server/use-cases/create-use-case");

const SERVICE_KEY = process.env.SWITCHBOARD_SERVICE_KEY;
const service = { kind: "service" } as const;
// The parent may hold recorded calls back (a long window) to prove that a graceful stop writes them.
if (process.env.TEST_RECORD_FLUSH_MS) await configureInvocationRecording({ flushEveryMs: Number(process.env.TEST_RECORD_FLUSH_MS) });
installGracefulStop();
await getDatabase(); // migrate before listening

// biome-ignore lint/suspicious/noExplicitAny: request bodies of a test door, read loosely; the calls they drive are typed.
type Body = Record<string, any>;
const routes: Record<string, (body: Body) => Promise<unknown>> = {
  "/take-token": async (b) => takeToken(b.key, b.limit, { windowSeconds: b.windowSeconds, now: new Date(b.now) }),
  "/split/get": async (b) => getTrafficSplit(b.useCase),
  "/split/set": async (b) => setTrafficSplit({ actor: service, input: b as never }),
  "/fault": async (b) => injectFault(b.modelId, { kind: b.kind, remaining: b.remaining }),
  "/invoke": async (b) => {
    const r = await invoke({ actor: service, input: { useCase: b.useCase, messages: [{ role: "user", text: "hello" }] } });
    return { modelId: r.modelId, failedAttempts: r.failedAttempts };
  },
  "/use-case": async (b) => ({ useCase: await cachedUseCase(b.name) }),
  "/switch": async (b) => (await switchModel({ actor: service, input: { useCase: b.useCase, modelId: b.modelId } })).switch,
  "/policy": async (b) => (await updatePolicy({ actor: service, name: b.name, expectedVersion: b.expectedVersion, policy: b.policy })).useCase,
  "/chain": async (b) => (await setFallbackChain({ actor: service, name: b.name, chain: b.chain })).useCase,
  "/create": async (b) => createUseCase({ actor: service, input: b as never }),
  "/cool-down": async (b) => coolDown({ modelId: b.modelId, seconds: b.seconds, errorCode: "ThrottlingException" }).then(() => ({ ok: true })),
  "/cooldowns": async (b) => activeCooldowns(b.now ? new Date(b.now) : undefined),
  "/record": async (b) => {
    for (let i = 0; i < b.count; i++) {
      recordInvocation(
        {
          modelId: "eu.amazon.nova-lite-v1:0",
          useCase: "health",
          conversationId: null,
          userId: null,
          inputTokens: 1,
          outputTokens: 1,
          latencyMs: 1,
          outcome: "success",
          errorCode: null,
          endUser: b.endUser,
          source: "openai",
        },
        undefined,
      );
    }
    return { queued: b.count };
  },
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
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(result));
  } catch (err) {
    const e = toPublicError(err);
    res.writeHead(err instanceof AppError ? err.status : 500, { "content-type": "application/json" }).end(JSON.stringify(e));
  }
});

server.listen(0, "127.0.0.1", () => {
  const address = server.address();
  if (address && typeof address === "object") console.log(`LISTENING ${address.port}`);
});

// Like Next: stop accepting, let requests finish, then exit. The graceful-stop hooks hold the exit until queued
// invocation records are written.
const stop = () => server.close(() => process.exit(0));
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
