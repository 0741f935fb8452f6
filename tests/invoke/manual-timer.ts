// A timer the test drives: scheduled callbacks run only when the test says time has passed.
import type { Timer } from "@/server/invoke/batch-writer";

export function manualTimer() {
  let now = 0;
  let next = 1;
  const scheduled = new Map<number, { at: number; fn: () => void }>();
  const timer: Timer = {
    setTimeout: (fn, ms) => {
      const id = next++;
      scheduled.set(id, { at: now + ms, fn });
      return id;
    },
    clearTimeout: (id) => {
      scheduled.delete(id as number);
    },
  };
  return {
    timer,
    /** Callbacks waiting. */
    get waiting() {
      return scheduled.size;
    },
    /** Moves time on by `ms`, running what falls due. */
    advance(ms: number) {
      now += ms;
      for (const [id, s] of [...scheduled]) {
        if (s.at <= now) {
          scheduled.delete(id);
          s.fn();
        }
      }
    },
  };
}
