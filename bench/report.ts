// Tables, targets and the JSON results file.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { CpuUse } from "./cpu";
import { CALLERS, type GatewayResult, type LegName } from "./gateway";
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
  return (
    `${r.label} (server ready in ${(r.serverStartMs / 1000).toFixed(1)} s)\n` +
    table(["scenario", "callers", "requests", "errors", "p50 ms", "p99 ms", "max ms", "req/s", "bytes", "srv cpu", "pg cpu", "gen cpu", "others"], rows) +
    `\n(bytes: mean response size; srv/pg/gen cpu: CPU ms per request used by the next server, its Postgres backends, the load generator; others: cores busy with other processes meanwhile)`
  );
}

function find(r: DatabaseResult, action: string, scope: ScenarioResult["scope"], concurrency: number) {
  return r.scenarios.find((s) => s.action === action && s.scope === scope && s.concurrency === concurrency);
}

export function evaluateTargets(results: DatabaseResult[]): TargetResult[] {
  const out: TargetResult[] = [];
  for (const r of results) {
    for (const scope of ["distinct", "shared"] as const) {
      const s = find(r, "switch", scope, 16);
      if (s)
        out.push({
          target: `switch p99 < 20 ms at 16 callers (${scope} scopes)`,
          database: r.database,
          measured: `p99 ${ms(s.stats.p99)} ms`,
          pass: s.stats.errors === 0 && s.stats.p99 < 20,
        });
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
      out.push({
        target: `list-all p99 < 5 ms (${s.concurrency} caller${s.concurrency === 1 ? "" : "s"})`,
        database: r.database,
        measured: `p99 ${ms(s.stats.p99)} ms`,
        pass: s.stats.errors === 0 && s.stats.p99 < 5,
      });
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

/** The gateway comparison: per setting, direct figures, then each gateway's added latency, throughput and CPU. */
export function gatewayTable(r: GatewayResult): string {
  const at = (leg: LegName, stream: boolean, c: number) => r.settings.find((s) => s.leg === leg && s.stream === stream && s.concurrency === c);
  const legs = (["switchboard", "switchboard-next", "portkey"] as const).filter((leg) => r.settings.some((s) => s.leg === leg));
  const rows: string[][] = [];
  for (const stream of [false, true]) {
    for (const c of CALLERS) {
      const d = at("direct", stream, c);
      if (!d) continue;
      const row = [stream ? "stream" : "json", String(c), ms(d.stats.p50), ms(d.stats.p99), d.stats.rps.toFixed(0), ms(d.standInCpuMsPerReq)];
      for (const leg of legs) {
        const g = at(leg, stream, c);
        row.push(
          g ? ms(g.stats.p50 - d.stats.p50) : "-",
          g ? ms(g.stats.p99 - d.stats.p99) : "-",
          g ? g.stats.rps.toFixed(0) : "-",
          g?.gatewayCpuMsPerReq != null ? ms(g.gatewayCpuMsPerReq) : "-",
          g ? String(g.stats.errors) : "-",
        );
      }
      rows.push(row);
    }
  }
  const head = ["mode", "callers", "direct p50", "direct p99", "direct req/s", "stand-in cpu"];
  for (const leg of legs) head.push(`${leg} +p50`, `+p99`, "req/s", "cpu/req", "errors");
  const skipped = r.skipped.map((s) => `\n${s.leg} not measured: ${s.reason}`).join("");
  return (
    `${r.label}\n` +
    table(head, rows) +
    "\n(+p50/+p99: added latency in ms over the direct call at the same setting; cpu/req: CPU ms per request of the gateway process; stand-in cpu: of the upstream per direct request)" +
    skipped
  );
}

/** Issue 10's goal: Switchboard adds no more latency than Portkey and serves at least as many requests per second. */
export function gatewayTargets(r: GatewayResult): TargetResult[] {
  const out: TargetResult[] = [];
  for (const stream of [false, true]) {
    for (const c of CALLERS) {
      const find = (leg: LegName) => r.settings.find((s) => s.leg === leg && s.stream === stream && s.concurrency === c);
      const [d, sb, pk] = [find("direct"), find("switchboard"), find("portkey")];
      if (!d || !sb || !pk) continue;
      const name = `${stream ? "stream" : "json"}, ${c} caller${c === 1 ? "" : "s"}`;
      out.push({
        target: `added p50 <= Portkey's (${name})`,
        database: "embedded",
        measured: `${ms(sb.stats.p50 - d.stats.p50)} vs ${ms(pk.stats.p50 - d.stats.p50)} ms`,
        pass: sb.stats.errors === 0 && sb.stats.p50 <= pk.stats.p50,
      });
      out.push({
        target: `req/s >= Portkey's (${name})`,
        database: "embedded",
        measured: `${sb.stats.rps.toFixed(0)} vs ${pk.stats.rps.toFixed(0)}/s`,
        pass: sb.stats.errors === 0 && sb.stats.rps >= pk.stats.rps,
      });
    }
  }
  return out;
}
