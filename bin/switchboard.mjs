#!/usr/bin/env node
// `npx switchboard <command>`: runs the TypeScript CLI (cli/main.ts) through tsx's ESM API in this process, so
// arguments, stdio, signals and the exit code are the CLI's own.
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

let tsImport;
try {
  ({ tsImport } = await import("tsx/esm/api"));
} catch {
  process.stderr.write(
    "switchboard: the CLI needs the tsx package to run its TypeScript sources, and it is not installed.\n" +
      `Run \`npm install\` in ${root} (tsx is one of its dependencies) and try again.\n`,
  );
  process.exit(1);
}

// `switchboard list | head`: a reader that stops early is not an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (err) => {
    if (err.code !== "EPIPE") throw err;
    process.exit(process.exitCode ?? 0);
  });
}

const { main } = await tsImport("../cli/main.ts", { parentURL: import.meta.url, tsconfig: path.join(root, "tsconfig.json") });
process.exitCode = await main(process.argv.slice(2));
