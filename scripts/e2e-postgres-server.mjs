#!/usr/bin/env node
// The browser suite's second server: `npm start`'s server on a real Postgres, in a database of its own that exists only for
// this run. Playwright's "postgres" project starts it (playwright.config.ts, only when DATABASE_URL is set).
//
//   E2E_POSTGRES_URL (else DATABASE_URL)  a server to create the database on, e.g. postgres://postgres@127.0.0.1:5432/postgres
//   E2E_PG_PORT                           the port to serve on (default 3101)
//
// It serves the build the first webServer made (it never builds itself: two builds into one .next would collide),
// creates sb_e2e_<random>, starts the server (scripts/start.mjs, as `npm start`) with DATABASE_URL pointing at it (migrated and seeded with demo data on
// start), and drops the database when it is stopped (SIGTERM/SIGINT, as Playwright does) or when next exits.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const serverUrl = process.env.E2E_POSTGRES_URL || process.env.DATABASE_URL;
const port = process.env.E2E_PG_PORT ?? "3101";
const distDir = process.env.NEXT_DIST_DIR || ".next";
const log = (msg) => console.log(`[e2e-postgres] ${msg}`);

if (!serverUrl) {
  console.error("[e2e-postgres] set E2E_POSTGRES_URL or DATABASE_URL to a Postgres server");
  process.exit(2);
}

// Playwright starts its webServers one after the other, each once its URL answers, so the build is normally there
// already; waiting for it keeps this correct should that order ever change.
const buildId = path.join(root, distDir, "BUILD_ID");
const deadline = Date.now() + 300_000;
while (!fs.existsSync(buildId)) {
  if (Date.now() > deadline) {
    console.error(`[e2e-postgres] no build at ${buildId} after 5 minutes`);
    process.exit(1);
  }
  await new Promise((r) => setTimeout(r, 500));
}

const name = `sb_e2e_${process.pid}_${randomBytes(3).toString("hex")}`;
const dbUrl = new URL(serverUrl);
dbUrl.pathname = `/${name}`;
const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
await admin.unsafe(`drop database if exists ${name} with (force)`);
await admin.unsafe(`create database ${name}`);
log(`created database ${name}`);

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "sb-e2e-pg-"));
// The same server as `npm start`: the lean front for /v1 and /bedrock, Next for the rest (scripts/start.mjs).
const child = spawn(process.execPath, [path.join(root, "scripts", "start.mjs")], {
  cwd: root,
  stdio: "inherit",
  env: {
    ...process.env,
    PORT: port,
    DATABASE_URL: dbUrl.toString(),
    SWITCHBOARD_DATA_DIR: dataDir,
    SWITCHBOARD_DEMO_DATA: "true",
    SWITCHBOARD_SERVICE_KEY: process.env.SWITCHBOARD_SERVICE_KEY ?? "e2e-service-key-0123456789abcdef",
    SWITCHBOARD_TEST_ROUTES: "1",
    BEDROCK_MODE: process.env.BEDROCK_MODE ?? "offline",
    NEXT_TELEMETRY_DISABLED: "1",
  },
});

// Runs once: a second signal while the first clean-up is under way changes nothing.
let cleaning = false;
function cleanUp(code) {
  if (cleaning) return;
  cleaning = true;
  void (async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGTERM");
      await new Promise((r) => {
        const t = setTimeout(r, 3_000);
        child.once("exit", () => {
          clearTimeout(t);
          r();
        });
      });
    }
    try {
      // FORCE: a connection the server left open must not keep the database alive.
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      log(`dropped database ${name}`);
    } catch (err) {
      console.error(`[e2e-postgres] could not drop ${name}: ${err instanceof Error ? err.message : String(err)}`);
    }
    await admin.end({ timeout: 1 });
    fs.rmSync(dataDir, { recursive: true, force: true });
    process.exit(code);
  })();
}

for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => cleanUp(0));
child.on("exit", (code, signal) => cleanUp(code ?? (signal ? 1 : 0)));
