// Tables, targets and the JSON results file.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { CpuUse } from "./cpu";
import type { Stats } from "./load";

export type ScenarioResult = { name: string; action: string; scope: "distinct" | "shared" | null; concurrency: number; stats: Stats; cpu: CpuUse | null };
export type DatabaseResult = {
  database: "embedded" | "postgres";
  label: string;
  serverStartMs: number;
  scenarios: ScenarioResult[];
  /** Switch committed through the API → toast on an end user's page in Chromium. */
  toast?: import("./toast-latency").ToastLatencyResult;
};
export type TargetResult = { target: string; database: string; measured: string; pass: boolean };

export function machine() {
  const cpus = os.cpus();
  return {
    cores: cpus.length,
    cpu: cpus[0]?.model.trim() ?? "unknown",
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    loadAverage: os.loadavg().map((l) => Math.round(l * 100) / 100),
  };
}

const ms = (v: number) => (Number.isFinite(v) ? v.toFixed(2) : "-");

function table(headers: string[], rows: string[][], rightFrom = 1): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const fmt = (cells: string[]) => cells.map((c, i) => (i >= rightFrom ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join("  ");
  return [fmt(headers), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(fmt)].join("\n");
}

export function databaseTable(r: DatabaseResult): string {
  const rows = r.scenarios.map((s) => [
    s.name,
    String(s.concurrency),
    String(s.stats.count),
    String(s.stats.errors),
    ms(s.stats.p50),
    ms(s.stats.p99),
    ms(s.stats.max),
    s.stats.rps.toFixed(0),
    String(s.stats.meanBytes),
    s.cpu ? s.cpu.serverMsPerReq.toFixed(2) : "-",
    s.cpu ? s.cpu.databaseMsPerReq.toFixed(2) : "-",
    s.cpu ? s.cpu.clientMsPerReq.toFixed(2) : "-",
    s.cpu ? s.cpu.otherCores.toFixed(2) : "-",
  ]);
  return `${r.label} (server ready in ${(r.serverStartMs / 1000).toFixed(1)} s)\n` + table(["scenario", "callers", "requests", "errors", "p50 ms", "p99 ms", "max ms", "req/s", "bytes", "srv cpu", "pg cpu", "gen cpu", "others"], rows) +
    `\n(bytes: mean response size; srv/pg/gen cpu: CPU ms per request used by the next server, its Postgres backends, the load generator; others: cores busy with other processes meanwhile)`;
}

function find(r: DatabaseResult, action: string, scope: ScenarioResult["scope"], concurrency: number) {
  return r.scenarios.find((s) => s.action === action && s.scope === scope && s.concurrency === concurrency);
}

export function evaluateTargets(results: DatabaseResult[]): TargetResult[] {
  const out: TargetResult[] = [];
  for (const r of results) {
    for (const scope of ["distinct", "shared"] as const) {
      const s = find(r, "switch", scope, 16);
      if (s) out.push({ target: `switch p99 < 20 ms at 16 callers (${scope} scopes)`, database: r.database, measured: `p99 ${ms(s.stats.p99)} ms`, pass: s.stats.errors === 0 && s.stats.p99 < 20 });
    }
  }
  const pg = results.find((r) => r.database === "postgres");
  if (pg) {
    const distinct = pg.scenarios.filter((s) => s.action === "switch" && s.scope === "distinct");
    const best = distinct.reduce<ScenarioResult | undefined>((b, s) => (!b || s.stats.rps > b.stats.rps ? s : b), undefined);
    if (best) {
      out.push({
        target: ">= 1,000 switches/s on distinct scopes",
        database: "postgres",
        measured: `${best.stats.rps.toFixed(0)}/s (best, at ${best.concurrency} callers)`,
        pass: best.stats.errors === 0 && best.stats.rps >= 1000,
      });
    }
  }
  for (const r of results) {
    if (r.toast) {
      out.push({
        target: `switch-to-toast p95 < 500 ms (${r.toast.switches} switches)`,
        database: r.database,
        measured: `p50 ${ms(r.toast.toast.p50)} ms, p95 ${ms(r.toast.toast.p95)} ms`,
        pass: r.toast.toast.p95 < 500,
      });
    }
    for (const s of r.scenarios.filter((x) => x.action === "list-all")) {
      out.push({ target: `list-all p99 < 5 ms (${s.concurrency} caller${s.concurrency === 1 ? "" : "s"})`, database: r.database, measured: `p99 ${ms(s.stats.p99)} ms`, pass: s.stats.errors === 0 && s.stats.p99 < 5 });
    }
  }
  return out;
}

export function targetsTable(targets: TargetResult[]): string {
  return table(
    ["target", "database", "measured", "result"],
    targets.map((t) => [t.target, t.database, t.measured, t.pass ? "PASS" : "MISS"]),
    99,
  );
}

export function writeJson(file: string, data: unknown): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(data, null, 2)}\n`);
}
