import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const root = fileURLToPath(new URL("./", import.meta.url));

// Test files share their worker process (isolate: false): a fresh module graph per file cost about a second of
// imports each, half of the suite's time. tests/support/setup.ts resets the environment and the process-wide
// configuration before every file, and a file restores what it replaced (e.g. aws-sdk-client-mock's restore()).
// No file replaces a module with vi.mock: a module an earlier file loaded would keep the real one, and the mock would
// leak into the files after it. Modules that cannot work outside Next.js are stood in for here, for every file.

export default defineConfig({
  resolve: {
    alias: [
      { find: /^@\//, replacement: root },
      // server-only throws outside React's server condition; under vitest every module is server-side.
      { find: /^server-only$/, replacement: `${root}tests/support/empty-module.ts` },
      // cookies() outside a Next.js request: the jar the test sets (tests/support/next-headers.ts).
      { find: /^next\/headers$/, replacement: `${root}tests/support/next-headers.ts` },
    ],
  },
  test: {
    include: ["tests/**/*.test.ts"],
    environment: "node",
    globalSetup: ["tests/support/global-setup.ts"],
    setupFiles: ["tests/support/setup.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: "forks",
    // Vitest's default is one worker fewer than the cores: a single worker on this 2-core machine. The files are
    // independent (a database, a data folder and ports of their own), so both cores take files.
    maxWorkers: 2,
    isolate: false,
  },
});
