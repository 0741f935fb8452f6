#!/usr/bin/env node
// `npm start`: serve the production build on PORT (default 3000), building it first when there is none.
// One process: the lean front (server/front/serve.ts) answers the gateway paths (/v1/*, /bedrock/*) with the same
// Web handlers as the route handlers, and hands everything else to Next's request handler. The server's TypeScript is
// loaded with tsx (a dependency); `server-only` is mapped to an empty module outside Next's bundler.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import { register } from "node:module";
import path from "node:path";
import { register as registerTsx } from "tsx/esm/api";

// The app folder is the working directory, as for `next start` (npm runs scripts in the package's folder).
const root = process.cwd();
process.env.NEXT_TELEMETRY_DISABLED ??= "1";
process.env.NODE_ENV = "production";
const port = process.env.PORT ?? "3000";
if (!/^\d+$/.test(port) || Number(port) < 1 || Number(port) > 65535) {
  console.error(`[switchboard] cannot start: PORT must be a number from 1 to 65535 (got "${port}")`);
  process.exit(1);
}
const distDir = process.env.NEXT_DIST_DIR || ".next";
if (!fs.existsSync(path.join(root, distDir, "BUILD_ID"))) {
  console.log("[switchboard] no production build yet: running next build (about a minute, once)");
  const build = spawnSync(path.join(root, "node_modules", ".bin", "next"), ["build"], { cwd: root, stdio: "inherit" });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

register("./server-only-loader.mjs", import.meta.url);
registerTsx({ tsconfig: path.join(root, "tsconfig.json") });

// A graceful stop: no new connections, idle ones closed, then exit (server/shutdown.ts holds the exit until queued
// work is written). Installed before the server starts, so that modules which add their own steps beside an existing
// handler (the realtime hub ends its event streams) find it.
let server;
let stopping = false;
for (const signal of ["SIGTERM", "SIGINT"]) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    if (!server) process.exit(0);
    server.stopAccepting(() => process.exit(0));
    server.closeIdle();
    setTimeout(() => {
      server.destroyAll();
      process.exit(0);
    }, 10_000).unref();
  });
}

const { startFront } = await import("../server/front/serve.ts");

server = await startFront({ dir: root, port: Number(port) });
console.log(`[switchboard] ready on http://localhost:${port}`);
