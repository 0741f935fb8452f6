import "server-only";

// Work that must finish before the process exits on a graceful stop (SIGTERM, SIGINT): queued invocation records, for
// one. Next's own signal handler closes the HTTP server (letting requests in flight finish) and then calls
// process.exit; a lean front or a test instance does the same. So the hooks start on the signal, and process.exit is
// held until they are done (at most STOP_BUDGET_MS), running them once more at that point for what the last
// requests queued meanwhile.

type Hook = () => Promise<void>;
const STOP_BUDGET_MS = 10_000;

type State = { hooks: Map<string, Hook>; installed: boolean; stopping: boolean };
const g = globalThis as unknown as { __switchboardShutdown?: State };
g.__switchboardShutdown ??= { hooks: new Map(), installed: false, stopping: false };
const state = g.__switchboardShutdown;

/** Registers (or replaces, by name) work to finish on a graceful stop. */
export function onGracefulStop(name: string, hook: Hook): void {
  state.hooks.set(name, hook);
}

/** Runs every hook once; failures are logged, not thrown. Exported for tests and for fronts that stop without a signal. */
export async function runGracefulStop(): Promise<void> {
  const work = [...state.hooks.entries()].map(([name, hook]) =>
    hook().catch((err: unknown) => console.error(`[switchboard] graceful stop: ${name} failed`, err)),
  );
  let timer: ReturnType<typeof setTimeout> | undefined;
  const budget = new Promise<void>((resolve) => {
    timer = setTimeout(() => {
      console.error(`[switchboard] graceful stop: still busy after ${STOP_BUDGET_MS} ms; exiting anyway`);
      resolve();
    }, STOP_BUDGET_MS);
  });
  await Promise.race([Promise.all(work).then(() => undefined), budget]);
  clearTimeout(timer);
}

/** Installs the signal handlers and the exit hold once per process (server start). */
export function installGracefulStop(): void {
  if (state.installed) return;
  state.installed = true;
  const realExit = process.exit.bind(process);
  let exiting = false;
  const exitAfterStop = (code?: number | string | null) => {
    if (exiting) return;
    exiting = true;
    void runGracefulStop().finally(() => realExit(code ?? undefined));
  };
  process.exit = ((code?: number | string | null) => {
    if (!state.stopping) return realExit(code ?? undefined);
    exitAfterStop(code);
    return undefined as never;
  }) as typeof process.exit;
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    process.on(signal, () => {
      if (state.stopping) return;
      state.stopping = true;
      void runGracefulStop();
      // Alone on this signal (no Next, no front to close a server and exit): exit ourselves once the hooks are done.
      if (process.listenerCount(signal) === 1) exitAfterStop(signal === "SIGTERM" ? 143 : 130);
    });
  }
}
