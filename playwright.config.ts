import { defineConfig, devices, type PlaywrightTestConfig } from "@playwright/test";

// The browser suite runs against the production server (`npm start`'s) on the embedded database, as a newcomer meets it: a fresh data
// folder per run, no DATABASE_URL, demo data on. With DATABASE_URL set (CI sets it to the local Postgres), a second
// server on that Postgres, in a database of its own for the run (scripts/e2e-postgres-server.mjs), runs the realtime
// suite again: two browsers seeing each other's switches live must hold on both drivers.
const PORT = Number(process.env.E2E_PORT ?? 3100);
const PG_PORT = Number(process.env.E2E_PG_PORT ?? 3101);
const DATA_DIR = process.env.E2E_DATA_DIR ?? `.data-e2e`;
const SERVICE_KEY = "e2e-service-key-0123456789abcdef";
const POSTGRES_URL = process.env.E2E_POSTGRES_URL || process.env.DATABASE_URL || "";

type WebServer = Extract<NonNullable<PlaywrightTestConfig["webServer"]>, unknown[]>[number];
const common = {
  timeout: 300_000,
  reuseExistingServer: false,
  stdout: "pipe",
  gracefulShutdown: { signal: "SIGTERM", timeout: 5_000 },
} satisfies Partial<WebServer>;

const webServers: WebServer[] = [
  {
    ...common,
    // This entry builds; Playwright starts the web servers one after another, each once its URL answers, so the
    // Postgres one below serves this build (and waits for it anyway).
    // The server `npm start` runs: the lean front for /v1 and /bedrock, Next for everything else.
    command: `rm -rf ${DATA_DIR} && npx next build && node scripts/start.mjs`,
    url: `http://127.0.0.1:${PORT}/api/health`,
    env: {
      PORT: String(PORT),
      DATABASE_URL: "",
      SWITCHBOARD_DATA_DIR: DATA_DIR,
      SWITCHBOARD_DEMO_DATA: "auto",
      SWITCHBOARD_SERVICE_KEY: SERVICE_KEY,
      NEXT_TELEMETRY_DISABLED: "1",
      BEDROCK_MODE: "offline",
      // The chat and realtime suites throttle a model through /api/test/faults, which exists only with this set.
      SWITCHBOARD_TEST_ROUTES: "1",
    },
  },
];
if (POSTGRES_URL) {
  webServers.push({
    ...common,
    command: `node scripts/e2e-postgres-server.mjs`,
    url: `http://127.0.0.1:${PG_PORT}/api/health`,
    env: {
      E2E_POSTGRES_URL: POSTGRES_URL,
      E2E_PG_PORT: String(PG_PORT),
      SWITCHBOARD_SERVICE_KEY: SERVICE_KEY,
      NEXT_TELEMETRY_DISABLED: "1",
      BEDROCK_MODE: "offline",
    },
  });
}

export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [["list"]],
  timeout: 30_000,
  expect: { timeout: 7_000 },
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    trace: "retain-on-failure",
    launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium" },
  },
  projects: [
    { name: "chromium", use: { ...devices["Desktop Chrome"] } },
    ...(POSTGRES_URL
      ? [{ name: "postgres", testMatch: /realtime\.spec\.ts$/, use: { ...devices["Desktop Chrome"], baseURL: `http://127.0.0.1:${PG_PORT}` } }]
      : []),
  ],
  webServer: webServers,
});
