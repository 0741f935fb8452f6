import { defineConfig, devices } from "@playwright/test";

// The browser suite runs against `next start` on the embedded database, as a newcomer meets it: a fresh data
// folder per run, no DATABASE_URL, demo data on.
const PORT = Number(process.env.E2E_PORT ?? 3100);
const DATA_DIR = process.env.E2E_DATA_DIR ?? `.data-e2e`;

export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: process.env.CI ? [["list"]] : [["list"]],
  timeout: 30_000,
  expect: { timeout: 7_000 },
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    trace: "retain-on-failure",
    launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium" },
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"] } }],
  webServer: {
    command: `rm -rf ${DATA_DIR} && npx next build && npx next start -p ${PORT}`,
    url: `http://127.0.0.1:${PORT}/api/health`,
    timeout: 300_000,
    reuseExistingServer: false,
    stdout: "pipe",
    gracefulShutdown: { signal: "SIGTERM", timeout: 5_000 },
    env: {
      DATABASE_URL: "",
      SWITCHBOARD_DATA_DIR: DATA_DIR,
      SWITCHBOARD_DEMO_DATA: "auto",
      SWITCHBOARD_SERVICE_KEY: "e2e-service-key-0123456789abcdef",
      NEXT_TELEMETRY_DISABLED: "1",
      BEDROCK_MODE: "offline",
      // The chat suite throttles a model through /api/test/faults, which exists only with this set.
      SWITCHBOARD_TEST_ROUTES: "1",
    },
  },
});
