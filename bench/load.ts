// Closed-loop load generator over HTTP keep-alive (node:http, lighter than fetch on a small machine where the
// generator shares the cores with the server): each caller sends its next request when the previous one answered.
import http from "node:http";

export type Stats = {
  count: number;
  errors: number;
  p50: number;
  p99: number;
  max: number;
  mean: number;
  rps: number;
  seconds: number;
  /** Mean response body size. */
  meanBytes: number;
  firstErrors: string[];
};

export type LoadOptions = {
  url: string;
  path: string;
  headers: Record<string, string>;
  concurrency: number;
  warmupMs: number;
  durationMs: number;
  /** The JSON body for caller `caller`'s `n`-th request. */
  body: (caller: number, n: number) => string;
  /** The status that counts as success (200 unless told). */
  expectStatus?: number;
  /** Called when the warm-up ends (e.g. to take a CPU sample). */
  onMeasureStart?: () => void;
};

/** Nearest-rank percentile of an ascending array. */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

export function summarize(latencies: number[], errors: number, seconds: number, firstErrors: string[], bytes = 0): Stats {
  const sorted = Float64Array.from(latencies).sort();
  const sum = latencies.reduce((a, b) => a + b, 0);
  return {
    count: latencies.length,
    errors,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    max: sorted.length ? sorted[sorted.length - 1]! : NaN,
    mean: latencies.length ? sum / latencies.length : NaN,
    rps: seconds > 0 ? latencies.length / seconds : 0,
    seconds,
    meanBytes: latencies.length ? Math.round(bytes / latencies.length) : 0,
    firstErrors,
  };
}

type Reply = { status: number; body: string };

function post(agent: http.Agent, target: URL, path: string, headers: Record<string, string>, body: string): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        agent,
        host: target.hostname,
        port: target.port,
        path,
        method: "POST",
        headers: { ...headers, "content-type": "application/json", "content-length": Buffer.byteLength(body) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }));
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.setTimeout(30_000, () => req.destroy(new Error("timeout after 30 s")));
    req.end(body);
  });
}

/** One request, for sanity checks before a run. */
export async function postOnce(url: string, path: string, headers: Record<string, string>, body: string): Promise<Reply> {
  const agent = new http.Agent({ keepAlive: false });
  try {
    return await post(agent, new URL(url), path, headers, body);
  } finally {
    agent.destroy();
  }
}

/**
 * Runs `concurrency` callers for warm-up + duration. Requests that start during the warm-up are not recorded;
 * throughput is the recorded requests over the time from the end of the warm-up to the last recorded answer.
 */
export async function runClosedLoop(o: LoadOptions): Promise<Stats> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: o.concurrency, maxFreeSockets: o.concurrency });
  const target = new URL(o.url);
  const latencies: number[] = [];
  const firstErrors: string[] = [];
  let errors = 0;
  let bytes = 0;
  const expect = o.expectStatus ?? 200;
  const t0 = performance.now();
  const warmEnd = t0 + o.warmupMs;
  const end = warmEnd + o.durationMs;
  let lastDone = warmEnd;
  const timer = setTimeout(() => o.onMeasureStart?.(), o.warmupMs);

  const caller = async (i: number) => {
    for (let n = 0; ; n++) {
      const start = performance.now();
      if (start >= end) return;
      let status = 0;
      let text = "";
      try {
        const r = await post(agent, target, o.path, o.headers, o.body(i, n));
        status = r.status;
        text = r.body;
      } catch (err) {
        text = `request failed: ${(err as Error).message}`;
      }
      const done = performance.now();
      if (start < warmEnd) continue;
      latencies.push(done - start);
      bytes += Buffer.byteLength(text);
      if (done > lastDone) lastDone = done;
      if (status !== expect) {
        errors++;
        if (firstErrors.length < 3) firstErrors.push(`HTTP ${status}: ${text.slice(0, 500)}`);
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: o.concurrency }, (_, i) => caller(i)));
  } finally {
    clearTimeout(timer);
    agent.destroy();
  }
  return summarize(latencies, errors, (lastDone - warmEnd) / 1000, firstErrors, bytes);
}
