// Small timing helpers for bursts of switch events (an auto-switch sweep, a benchmark, a fallback storm): the first
// event acts at once, the rest are folded together. Client-safe, no React.
import { realTimers, type Timers } from "./transport";

/** Runs `fn` at once, then at most once per `ms` while calls keep coming (a trailing run catches the last ones). */
export function throttle(fn: () => void, ms: number, timers: Timers = realTimers): { call: () => void; cancel: () => void } {
  let last = -Infinity;
  let pending: unknown = null;
  const run = () => {
    pending = null;
    last = Date.now();
    fn();
  };
  return {
    call: () => {
      if (pending !== null) return;
      const wait = last + ms - Date.now();
      if (wait <= 0) run();
      else pending = timers.setTimeout(run, wait);
    },
    cancel: () => {
      if (pending !== null) timers.clearTimeout(pending);
      pending = null;
    },
  };
}

/**
 * Decides, per event, whether it gets its own toast: up to `limit` within `windowMs`; past that, the events of the
 * burst are counted into one summary toast instead of flooding the screen (and the screen reader).
 */
export class ToastBurst {
  private times: number[] = [];
  /** Events folded into the summary since the burst began. */
  folded = 0;

  constructor(
    private readonly limit = 4,
    private readonly windowMs = 3_000,
  ) {}

  /** "own": show the event's toast; "summary": update the summary toast with `folded`. */
  admit(now: number = Date.now()): "own" | "summary" {
    this.times = this.times.filter((t) => now - t < this.windowMs);
    if (this.times.length === 0) this.folded = 0;
    this.times.push(now);
    if (this.times.length <= this.limit) return "own";
    this.folded++;
    return "summary";
  }
}
