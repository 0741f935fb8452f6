// By hand: `node --import tsx tests/cli/support/serve.ts` serves the test API (in-memory database, offline Bedrock,
// service key test-service-key-0123456789abcdef) on a free port until interrupted.
import { register } from "node:module";

// server-only throws outside React's server condition (vitest aliases it away the same way).
const hook = `export async function resolve(s, c, next) {
  return s === "server-only" ? { url: "data:text/javascript,", shortCircuit: true } : next(s, c);
}`;
register(`data:text/javascript,${encodeURIComponent(hook)}`);
await import("../../support/setup");
const { startApiServer } = await import("./api-server");
const server = await startApiServer();
console.log(`SWITCHBOARD_URL=${server.url} SWITCHBOARD_SERVICE_KEY=${process.env.SWITCHBOARD_SERVICE_KEY}`);
process.on("SIGINT", () => void server.close().then(() => process.exit(0)));
