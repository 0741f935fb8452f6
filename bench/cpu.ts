// CPU accounting from /proc (Linux): how much CPU the server, the database backends, the load generator and
// everything else on the machine used during one setting. On a small shared machine this tells whether a number
// is the code's or the neighbours'.
import fs from "node:fs";

const TICK_MS = 10; // CLK_TCK 100 on Linux

/** utime + stime of one process in ms, or 0 when it is gone. */
function processCpuMs(pid: number): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
  } catch {
    return 0;
  }
}

/** Processes whose process group is `pgid` (the server was started detached, so its group is its own). */
function groupPids(pgid: number): number[] {
  const pids: number[] = [];
  let entries: string[] = [];
  try {
    entries = fs.readdirSync("/proc");
  } catch {
    return pids;
  }
  for (const e of entries) {
    if (!/^\d+$/.test(e)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${e}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (Number(fields[2]) === pgid) pids.push(Number(e));
    } catch {
      /* gone */
    }
  }
  return pids;
}

/** Busy and total CPU time of the whole machine in ms (all cores). */
function machineCpuMs(): { busy: number; total: number } {
  try {
    const line = fs.readFileSync("/proc/stat", "utf8").split("\n")[0]!;
    const v = line.trim().split(/\s+/).slice(1).map(Number);
    const idle = (v[3] ?? 0) + (v[4] ?? 0);
    const total = v.slice(0, 8).reduce((a, b) => a + b, 0);
    return { busy: (total - idle) * TICK_MS, total: total * TICK_MS };
  } catch {
    return { busy: 0, total: 0 };
  }
}

export type CpuSample = { server: number; database: number; client: number; machineBusy: number; wall: number };
export type CpuUse = {
  /** CPU ms per request. */
  serverMsPerReq: number;
  databaseMsPerReq: number;
  clientMsPerReq: number;
  /** Cores' worth of CPU used by processes other than the server, the database backends and the load generator. */
  otherCores: number;
};

export class CpuMeter {
  constructor(
    private readonly serverPgid: number,
    /** Pids of the database backends serving the server (Postgres); empty for the embedded database. */
    private readonly databasePids: () => Promise<number[]>,
  ) {}

  async sample(): Promise<CpuSample> {
    const server = groupPids(this.serverPgid).reduce((a, p) => a + processCpuMs(p), 0);
    const database = (await this.databasePids()).reduce((a, p) => a + processCpuMs(p), 0);
    const u = process.cpuUsage();
    return { server, database, client: (u.user + u.system) / 1000, machineBusy: machineCpuMs().busy, wall: performance.now() };
  }

  static use(a: CpuSample, b: CpuSample, requests: number): CpuUse {
    const n = Math.max(1, requests);
    const server = b.server - a.server;
    const database = Math.max(0, b.database - a.database); // backends that ended drop out of the sum
    const client = b.client - a.client;
    const other = Math.max(0, b.machineBusy - a.machineBusy - server - database - client);
    return {
      serverMsPerReq: server / n,
      databaseMsPerReq: database / n,
      clientMsPerReq: client / n,
      otherCores: other / Math.max(1, b.wall - a.wall),
    };
  }
}
