import "server-only";

// Switches of one scope wait their turn here, first come first served, before taking the row lock. Postgres does not
// grant waiting row locks in arrival order, so without this queue some callers starved behind others (p99 1.4 s at
// 16 callers on one scope, p50 16 ms). The row lock stays: it is what keeps several server processes consistent.
const g = globalThis as unknown as { __switchboardScopeQueues?: Map<string, Promise<void>> };
g.__switchboardScopeQueues ??= new Map();
const queues = g.__switchboardScopeQueues;

export async function inScopeOrder<T>(scopeKey: string, fn: () => Promise<T>): Promise<T> {
  const previous = queues.get(scopeKey) ?? Promise.resolve();
  const run = previous.then(() => fn());
  const tail = run.then(
    () => undefined,
    () => undefined,
  );
  queues.set(scopeKey, tail);
  try {
    return await run;
  } finally {
    if (queues.get(scopeKey) === tail) queues.delete(scopeKey);
  }
}
