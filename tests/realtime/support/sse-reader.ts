// Reads a Server-Sent Events body the way EventSource does: messages split on a blank line, `id:`, `event:`,
// `data:` fields, comment lines (`:`) ignored. Only what the tests need.
export type SseMessage = { id?: string; event?: string; data: string };

export class SseReader {
  private buffer = "";
  private readonly queue: SseMessage[] = [];
  private waiter: (() => void) | null = null;
  private readonly reader: ReadableStreamDefaultReader<Uint8Array>;
  private readonly decoder = new TextDecoder();
  ended = false;
  /** Raw text received, comments included (heartbeats, retry). */
  raw = "";

  constructor(body: ReadableStream<Uint8Array>) {
    this.reader = body.getReader();
    void this.pump();
  }

  private async pump(): Promise<void> {
    try {
      for (;;) {
        const { done, value } = await this.reader.read();
        if (done) break;
        const text = this.decoder.decode(value, { stream: true });
        this.raw += text;
        this.buffer += text;
        for (let cut = this.buffer.indexOf("\n\n"); cut >= 0; cut = this.buffer.indexOf("\n\n")) {
          const block = this.buffer.slice(0, cut);
          this.buffer = this.buffer.slice(cut + 2);
          const msg = parseBlock(block);
          if (msg) this.queue.push(msg);
        }
        this.wake();
      }
    } catch {
      /* cancelled */
    }
    this.ended = true;
    this.wake();
  }

  private wake(): void {
    const w = this.waiter;
    this.waiter = null;
    w?.();
  }

  /** The next message with data, or an error after `timeoutMs`. */
  async next(timeoutMs = 5_000): Promise<SseMessage> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const msg = this.queue.shift();
      if (msg) return msg;
      if (this.ended) throw new Error("the stream ended");
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no message within ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.waiter = () => {
          clearTimeout(t);
          resolve();
        };
      });
    }
  }

  /** Resolves once the raw text (comments included) matches, or fails after `timeoutMs`. */
  async rawUntil(pattern: RegExp, timeoutMs = 5_000): Promise<void> {
    await this.until(() => pattern.test(this.raw), timeoutMs, `nothing matching ${pattern} within ${timeoutMs} ms`);
  }

  /** Resolves once the body has ended. */
  async end(timeoutMs = 2_000): Promise<void> {
    await this.until(() => this.ended, timeoutMs, "the stream did not end");
  }

  /** Waits for each chunk (or the end) until `done` holds; fails after `timeoutMs`. */
  private async until(done: () => boolean, timeoutMs: number, failure: string): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!done()) {
      if (this.ended) throw new Error(`${failure}: the stream ended`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(failure);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.waiter = () => {
          clearTimeout(t);
          resolve();
        };
      });
    }
  }

  async cancel(): Promise<void> {
    await this.reader.cancel();
  }
}

function parseBlock(block: string): SseMessage | null {
  const msg: SseMessage = { data: "" };
  const data: string[] = [];
  for (const line of block.split("\n")) {
    if (!line || line.startsWith(":")) continue;
    const colon = line.indexOf(":");
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? "" : line.slice(colon + 1).replace(/^ /, "");
    if (field === "id") msg.id = value;
    else if (field === "event") msg.event = value;
    else if (field === "data") data.push(value);
  }
  if (!data.length) return null;
  msg.data = data.join("\n");
  return msg;
}
