// Starts `next start` (and the gateway bench's peers) on a free port as a child process, waits until it answers, and
// stops it cleanly.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

export const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");

export type RunningServer = {
  url: string;
  pid: number;
  startMs: number;
  /** The last lines the server printed (for error messages). */
  output: () => string;
  stop: () => Promise<void>;
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function readBuildId(dir: string): string | null {
  try {
    return fs.readFileSync(path.join(dir, ".next", "BUILD_ID"), "utf8").trim();
  } catch {
    return null;
  }
}

export type BuildSnapshot = { dir: string; buildId: string; remove: () => void };

/** Source files changed after the build was made (the benchmark then measures older code). */
export function staleSources(root: string = ROOT): string[] {
  let built: number;
  try {
    built = fs.statSync(path.join(root, ".next", "BUILD_ID")).mtimeMs;
  } catch {
    return [];
  }
  const newer: string[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) walk(full);
      else if (/\.(ts|tsx|mjs|js|css|sql|json)$/.test(e.name) && fs.statSync(full).mtimeMs > built) newer.push(path.relative(root, full));
    }
  };
  for (const d of ["app", "server", "db", "lib", "components", "instrumentation.ts", "proxy.ts", "next.config.ts"]) {
    const full = path.join(root, d);
    if (!fs.existsSync(full)) continue;
    if (fs.statSync(full).isDirectory()) walk(full);
    else if (fs.statSync(full).mtimeMs > built) newer.push(d);
  }
  return newer;
}

/**
 * Builds the app once when there is no production build, then copies the build (without .next/cache) into a
 * temporary app folder whose other entries are symlinks to the project. The servers run from that copy, so that
 * another `next build` in the project (tests, colleagues) cannot pull the build from under a running benchmark.
 */
export async function snapshotBuild({ root = ROOT, waitMs = 300_000 }: { root?: string; waitMs?: number } = {}): Promise<BuildSnapshot> {
  const deadline = Date.now() + waitMs;
  let built = false;
  for (;;) {
    if (Date.now() > deadline) throw new Error(`no stable production build in ${root}/.next after ${waitMs / 1000} s (another next build running?)`);
    const lock = fs.existsSync(path.join(root, ".next", "lock"));
    const id = readBuildId(root);
    if (lock) {
      // Another next build is writing .next: wait for it.
      await sleep(1000);
      continue;
    }
    if (!id) {
      if (built) throw new Error("next build succeeded but wrote no .next/BUILD_ID");
      console.log("[bench] no production build: running next build (once)");
      const r = spawnSync(path.join(root, "node_modules", ".bin", "next"), ["build"], {
        cwd: root,
        stdio: "inherit",
        env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
      });
      if (r.status !== 0) throw new Error(`next build failed (exit ${r.status ?? r.signal})`);
      built = true;
      continue;
    }
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sb-bench-app-"));
    const remove = () => fs.rmSync(dir, { recursive: true, force: true });
    try {
      for (const entry of fs.readdirSync(root)) {
        if (entry === ".next" || entry === ".git" || entry.startsWith(".data")) continue;
        fs.symlinkSync(path.join(root, entry), path.join(dir, entry));
      }
      fs.cpSync(path.join(root, ".next"), path.join(dir, ".next"), {
        recursive: true,
        filter: (src) => {
          const rel = path.relative(path.join(root, ".next"), src);
          return rel !== "cache" && rel !== "lock" && !rel.startsWith(`cache${path.sep}`);
        },
      });
    } catch (err) {
      remove();
      if ((err as NodeJS.ErrnoException).code === "ENOENT") continue; // a build started while copying
      throw err;
    }
    // The copy is whole only if no build started or finished while copying.
    if (readBuildId(root) === id && readBuildId(dir) === id && !fs.existsSync(path.join(root, ".next", "lock"))) return { dir, buildId: id, remove };
    remove();
  }
}

const NOT_COPIED = new Set([".next", ".git", "node_modules", "test-results", "playwright-report", "cache", "tsconfig.tsbuildinfo"]);

/**
 * BENCH_BUILD=fresh: builds the current sources in a private temporary copy (node_modules hard-linked, so no
 * copy of 700 MB and no symlink that Turbopack would refuse), without touching the project's .next, tsconfig.json
 * or next-env.d.ts. Takes about a minute.
 */
export function privateBuild(root: string = ROOT): BuildSnapshot {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sb-bench-build-"));
  const remove = () => fs.rmSync(dir, { recursive: true, force: true });
  try {
    for (const entry of fs.readdirSync(root)) {
      if (NOT_COPIED.has(entry) || entry.startsWith(".next-") || entry.startsWith(".data")) continue;
      fs.cpSync(path.join(root, entry), path.join(dir, entry), {
        recursive: true,
        filter: (src) => !src.startsWith(path.join(root, "bench", "results") + path.sep),
      });
    }
    const link = spawnSync("cp", ["-al", path.join(root, "node_modules"), path.join(dir, "node_modules")], { stdio: "inherit" });
    if (link.status !== 0) throw new Error("could not hard-link node_modules into the private build folder (another file system?)");
    console.log(`[bench] building the current sources privately in ${dir} (about a minute)`);
    const t0 = performance.now();
    const r = spawnSync(path.join(dir, "node_modules", ".bin", "next"), ["build"], {
      cwd: dir,
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", NEXT_DIST_DIR: "", SWITCHBOARD_SKIP_BUILD_TYPECHECK: "1" },
      maxBuffer: 64 * 1024 * 1024,
    });
    if (r.status !== 0)
      throw new Error(`next build failed (exit ${r.status ?? r.signal}):\n${String(r.stdout).slice(-3000)}\n${String(r.stderr).slice(-3000)}`);
    const buildId = readBuildId(dir);
    if (!buildId) throw new Error("next build wrote no .next/BUILD_ID");
    console.log(`[bench] built ${buildId} in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
    return { dir, buildId, remove };
  } catch (err) {
    remove();
    throw err;
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const addr = srv.address();
      const port = typeof addr === "object" && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

function exited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

function waitExit(child: ChildProcess, ms: number): Promise<boolean> {
  if (exited(child)) return Promise.resolve(true);
  return new Promise((resolve) => {
    const t = setTimeout(() => resolve(false), ms);
    child.once("exit", () => {
      clearTimeout(t);
      resolve(true);
    });
  });
}

/** Signals the child's own process group (it was started detached, so the group is exactly what we started). */
function signal(child: ChildProcess, sig: NodeJS.Signals): void {
  if (!child.pid || exited(child)) return;
  try {
    process.kill(-child.pid, sig);
  } catch {
    try {
      child.kill(sig);
    } catch {
      /* already gone */
    }
  }
}

export type ProcessSpec = {
  /** Arguments to node (process.execPath): options first, then the script and its arguments. */
  args: (port: number) => string[];
  cwd: string;
  env: Record<string, string>;
  label: string;
  /** The path polled until it answers 200. */
  readyPath: string;
  timeoutMs?: number;
};

/**
 * Starts a node process on a free loopback port in a process group of its own (so its CPU and its children's can be
 * counted, and a stop reaches them all), and waits until `readyPath` answers 200.
 */
export async function startProcess(spec: ProcessSpec): Promise<RunningServer> {
  const { cwd, env, label, readyPath, timeoutMs = 120_000 } = spec;
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const lines: string[] = [];
  const keep = (chunk: Buffer) => {
    for (const line of chunk.toString("utf8").split("\n")) if (line.trim()) lines.push(line);
    if (lines.length > 200) lines.splice(0, lines.length - 200);
  };
  const t0 = performance.now();
  const child = spawn(process.execPath, spec.args(port), {
    cwd,
    env: { ...process.env, ...env, PORT: String(port) },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  const output = () => lines.slice(-40).join("\n");

  let stopped: Promise<void> | undefined;
  const stop = () =>
    (stopped ??= (async () => {
      if (exited(child)) return;
      signal(child, "SIGTERM");
      if (await waitExit(child, 10_000)) return;
      console.warn(`[bench] ${label}: did not stop within 10 s of SIGTERM, sending SIGKILL`);
      signal(child, "SIGKILL");
      await waitExit(child, 5_000);
    })());

  try {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (exited(child)) throw new Error(`${label}: exited during start (code ${child.exitCode ?? child.signalCode})\n${output()}`);
      try {
        const res = await fetch(`${url}${readyPath}`, { signal: AbortSignal.timeout(3000) });
        await res.arrayBuffer();
        if (res.status === 200) break;
      } catch {
        /* not listening yet */
      }
      if (Date.now() > deadline) throw new Error(`${label}: ${readyPath} did not answer 200 within ${timeoutMs / 1000} s\n${output()}`);
      await sleep(150);
    }
  } catch (err) {
    await stop();
    throw err;
  }
  return { url, pid: child.pid!, startMs: performance.now() - t0, output, stop };
}

/** The app folder's server, ready when /api/health answers: `next start`, or `npm start`'s lean front (scripts/start.mjs). */
export function startServer({
  appDir,
  env,
  label,
  front = "next",
  nodeArgs = [],
  timeoutMs = 120_000,
}: {
  appDir: string;
  env: Record<string, string>;
  label: string;
  front?: "next" | "lean";
  /** Options for node itself, e.g. --cpu-prof (which NODE_OPTIONS does not accept). */
  nodeArgs?: string[];
  timeoutMs?: number;
}): Promise<RunningServer> {
  const nextJs = path.join(appDir, "node_modules", "next", "dist", "bin", "next");
  return startProcess({
    args: (port) =>
      front === "lean" ? [...nodeArgs, path.join(appDir, "scripts", "start.mjs")] : [...nodeArgs, nextJs, "start", "-p", String(port), "-H", "127.0.0.1"],
    cwd: appDir,
    env: { ...env, NODE_ENV: "production" },
    label,
    readyPath: "/api/health",
    timeoutMs,
  });
}
