import "server-only";
import { AppError } from "@/server/errors";

// A token bucket per signed-in user for the API (the service key is trusted and not limited: backends and the CLI
// drive it, and the benchmark measures it). Per process: a rough guard against a runaway browser tab or script.
const CAPACITY = 120;
const REFILL_PER_SECOND = 20;

const g = globalThis as unknown as { __switchboardBuckets?: Map<string, { tokens: number; at: number }> };
const buckets = (g.__switchboardBuckets ??= new Map());

export function takeToken(key: string, now = Date.now()): void {
  const b = buckets.get(key) ?? { tokens: CAPACITY, at: now };
  b.tokens = Math.min(CAPACITY, b.tokens + ((now - b.at) / 1000) * REFILL_PER_SECOND);
  b.at = now;
  if (b.tokens < 1) {
    buckets.set(key, b);
    throw new AppError("rate_limited", `Too many requests: at most ${REFILL_PER_SECOND} per second per user. Slow down and retry.`);
  }
  b.tokens -= 1;
  buckets.set(key, b);
}
