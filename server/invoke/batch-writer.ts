// A queue that writes rows in batches off the request path: flushed every `flushEveryMs` after the first queued row,
// or as soon as `maxRows` are queued, one write at a time (rows keep their order). The timer is injected so tests
// drive time themselves. No server imports: the invocation recorder (record.ts) gives it the database write.

export type Timer = {
  setTimeout: (fn: () => void, ms: number) => unknown;
  clearTimeout: (handle: unknown) => void;
};

export const realTimer: Timer = {
  setTimeout: (fn, ms) => {
    const t = setTimeout(fn, ms);
    // A queued flush must not keep a finished process (a script, a test worker) alive; graceful stops flush explicitly.
    t.unref?.();
    return t;
  },
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

export type BatchWriterOptions<T> = {
  write: (rows: T[]) => Promise<void>;
  flushEveryMs: number;
  maxRows: number;
  timer?: Timer;
  /** A failed write keeps its rows queued for the next flush, up to this many rows; beyond, the oldest are dropped. */
  maxQueued?: number;
  onError?: (err: unknown, info: { rows: number; dropped: number }) => void;
};

export class BatchWriter<T> {
  private queue: T[] = [];
  private armed: unknown = null;
  private writing: Promise<void> = Promise.resolve();
  private stopped = false;
  private readonly timer: Timer;

  constructor(private readonly opts: BatchWriterOptions<T>) {
    this.timer = opts.timer ?? realTimer;
  }

  /** Rows waiting to be written. */
  get pending(): number {
    return this.queue.length;
  }

  /** Queues a row; never waits and never throws. After stop(), every row is written at once. */
  add(row: T): void {
    this.queue.push(row);
    if (this.stopped) {
      void this.flush();
    } else if (this.queue.length % this.opts.maxRows === 0) {
      // A full batch goes now; the rows after it wait for the window (or the next full batch).
      this.writing = this.writing.then(() => this.writeQueued(true));
    } else if (this.armed === null) {
      this.armed = this.timer.setTimeout(() => {
        this.armed = null;
        void this.flush();
      }, this.opts.flushEveryMs);
    }
  }

  /** Writes everything queued now (in batches of maxRows) and resolves when those rows are written or re-queued. */
  flush(): Promise<void> {
    if (this.armed !== null) {
      this.timer.clearTimeout(this.armed);
      this.armed = null;
    }
    this.writing = this.writing.then(() => this.writeQueued(false));
    return this.writing;
  }

  /** For a graceful stop: no more waiting for a batch window; writes what is queued and whatever arrives later at once. */
  stop(): Promise<void> {
    this.stopped = true;
    return this.flush();
  }

  private async writeQueued(fullBatchesOnly: boolean): Promise<void> {
    while (this.queue.length >= (fullBatchesOnly ? this.opts.maxRows : 1)) {
      const batch = this.queue.splice(0, this.opts.maxRows);
      try {
        await this.opts.write(batch);
      } catch (err) {
        // Keep the rows for the next flush (the database may be back by then), oldest first, within the bound.
        this.queue.unshift(...batch);
        const max = this.opts.maxQueued ?? 100_000;
        const dropped = Math.max(0, this.queue.length - max);
        if (dropped > 0) this.queue.splice(0, dropped);
        this.opts.onError?.(err, { rows: batch.length, dropped });
        if (!this.stopped && this.armed === null) {
          this.armed = this.timer.setTimeout(() => {
            this.armed = null;
            void this.flush();
          }, this.opts.flushEveryMs);
        }
        return;
      }
    }
    // Nothing left for the window to write.
    if (this.queue.length === 0 && this.armed !== null) {
      this.timer.clearTimeout(this.armed);
      this.armed = null;
    }
  }
}
