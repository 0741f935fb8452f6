// The gateway comparison: one Bedrock stand-in as the common upstream, measured directly, through Switchboard
// (`POST /v1/chat/completions`, model `health`, BEDROCK_MODE=aws against the stand-in) and through the Portkey gateway
// (OpenAI-shaped, provider bedrock with the stand-in as custom host), at 1, 16 and 64 callers, streaming and not.
// Added latency is each gateway's percentile minus the direct one at the same setting; CPU per request is the gateway
// process's (and the stand-in's) from /proc.
import path from "node:path";
import { CpuMeter } from "./cpu";
import { postOnce, runClosedLoop, type Stats } from "./load";
import { ROOT, startProcess, type RunningServer } from "./server";

export const GATEWAY_MODEL = "eu.amazon.nova-lite-v1:0";
const QUESTION = "How much sleep do I need after a marathon?";
const EXPECTED_TEXT = `Stand-in reply from ${GATEWAY_MODEL}: ${QUESTION}`;
export const CALLERS = [1, 16, 64] as const;

/** switchboard: `npm start` (the lean front for /v1 and /bedrock); switchboard-next: plain `next start`. */
export type LegName = "direct" | "switchboard" | "switchboard-next" | "portkey";
export const SWITCHBOARD_LEGS = ["switchboard", "switchboard-next"] as const;
export type GatewaySetting = {
  leg: LegName;
  stream: boolean;
  concurrency: number;
  stats: Stats;
  /** CPU ms per request of the gateway process (for direct: none) and of the stand-in. */
  gatewayCpuMsPerReq: number | null;
  standInCpuMsPerReq: number;
  otherCores: number;
};
export type GatewayResult = { label: string; settings: GatewaySetting[]; skipped: { leg: LegName; reason: string }[] };

type Leg = {
  name: LegName;
  url: string;
  path: (stream: boolean) => string;
  headers: Record<string, string>;
  body: (stream: boolean) => string;
  /** Null when the answer is what the leg must answer; otherwise what is wrong. */
  check: (stream: boolean, status: number, body: string) => string | null;
  gatewayPid: number | null;
};

const openAiBody = (model: string) => (stream: boolean) =>
  JSON.stringify({ model, messages: [{ role: "user", content: QUESTION }], ...(stream ? { stream: true, stream_options: { include_usage: true } } : {}) });

function checkOpenAi(stream: boolean, status: number, body: string): string | null {
  if (status !== 200) return `HTTP ${status}: ${body.slice(0, 300)}`;
  if (!stream) {
    const content = (JSON.parse(body) as { choices?: { message?: { content?: string } }[] }).choices?.[0]?.message?.content;
    return content === EXPECTED_TEXT ? null : `unexpected content ${JSON.stringify(content)}`;
  }
  const text = body
    .split("\n")
    .filter((l) => l.startsWith("data: {"))
    .map((l) => (JSON.parse(l.slice(6)) as { choices?: { delta?: { content?: string } }[] }).choices?.[0]?.delta?.content ?? "")
    .join("");
  if (!body.includes("data: [DONE]")) return "no data: [DONE]";
  return text === EXPECTED_TEXT ? null : `unexpected streamed text ${JSON.stringify(text)}`;
}

function directLeg(standIn: RunningServer): Leg {
  const model = encodeURIComponent(GATEWAY_MODEL);
  return {
    name: "direct",
    url: standIn.url,
    path: (stream) => `/model/${model}/${stream ? "converse-stream" : "converse"}`,
    headers: { authorization: "Bearer bench-direct" },
    body: () => JSON.stringify({ messages: [{ role: "user", content: [{ text: QUESTION }] }] }),
    check: (stream, status, body) => {
      if (status !== 200) return `HTTP ${status}: ${body.slice(0, 300)}`;
      if (stream) return body.includes("messageStop") && body.includes("metadata") ? null : "no messageStop/metadata frame";
      const content = (JSON.parse(body) as { output?: { message?: { content?: { text?: string }[] } } }).output?.message?.content?.[0]?.text;
      return content === EXPECTED_TEXT ? null : `unexpected content ${JSON.stringify(content)}`;
    },
    gatewayPid: null,
  };
}

function portkeyLeg(portkey: RunningServer, standIn: RunningServer): Leg {
  return {
    name: "portkey",
    url: portkey.url,
    path: () => "/v1/chat/completions",
    headers: {
      "x-portkey-provider": "bedrock",
      "x-portkey-aws-access-key-id": "AKIDBENCHPORTKEY",
      "x-portkey-aws-secret-access-key": "bench-secret",
      "x-portkey-aws-region": "eu-central-1",
      "x-portkey-custom-host": standIn.url,
    },
    body: openAiBody(GATEWAY_MODEL),
    check: checkOpenAi,
    gatewayPid: portkey.pid,
  };
}

function switchboardLeg(name: LegName, server: RunningServer, serviceKey: string): Leg {
  return {
    name,
    url: server.url,
    path: () => "/v1/chat/completions",
    headers: { authorization: `Bearer ${serviceKey}` },
    body: openAiBody("health"),
    check: checkOpenAi,
    gatewayPid: server.pid,
  };
}

/** The stand-in as its own process (its CPU is counted apart from the load generator's). */
export function startStandIn(): Promise<RunningServer> {
  return startProcess({
    args: (port) => ["--import", "tsx", path.join(ROOT, "stand-ins", "bedrock", "cli.ts"), "--port", String(port)],
    cwd: ROOT,
    env: {},
    label: "Bedrock stand-in",
    readyPath: "/_standin/health",
  });
}

export function startPortkey(): Promise<RunningServer> {
  return startProcess({
    args: (port) => [path.join(ROOT, "node_modules", "@portkey-ai", "gateway", "build", "start-server.js"), "--headless", `--port=${port}`],
    cwd: ROOT,
    env: { NODE_ENV: "production" },
    label: "Portkey gateway",
    readyPath: "/",
  });
}

/** The environment that points a Switchboard server at the stand-in in the aws mode. */
export function switchboardAwsEnv(standIn: RunningServer): Record<string, string> {
  return {
    BEDROCK_MODE: "aws",
    BEDROCK_RUNTIME_ENDPOINT: standIn.url,
    BEDROCK_CONTROL_ENDPOINT: standIn.url,
    AWS_ACCESS_KEY_ID: "AKIDBENCHSWITCHBOARD",
    AWS_SECRET_ACCESS_KEY: "bench-secret",
    AWS_REGION: "eu-central-1",
  };
}

async function sanity(leg: Leg, stream: boolean): Promise<string | null> {
  const r = await postOnce(leg.url, leg.path(stream), leg.headers, leg.body(stream));
  return leg.check(stream, r.status, r.body);
}

export type GatewayBenchInput = {
  label: string;
  standIn: RunningServer;
  portkey: RunningServer;
  /** Switchboard servers, started one at a time (each on its own embedded database) after the other legs. */
  switchboards: { name: (typeof SWITCHBOARD_LEGS)[number]; start: () => Promise<RunningServer> }[];
  serviceKey: string;
  warmupMs: number;
  durationMs: number;
};

export async function runGatewayBench(input: GatewayBenchInput): Promise<GatewayResult> {
  const result: GatewayResult = { label: input.label, settings: [], skipped: [] };
  await measureLeg(input, directLeg(input.standIn), result);
  await measureLeg(input, portkeyLeg(input.portkey, input.standIn), result);
  for (const sb of input.switchboards) {
    let server: RunningServer;
    try {
      server = await sb.start();
    } catch (err) {
      console.log(`[bench] gateway: ${sb.name} did not start: ${(err as Error).message.slice(0, 400)}`);
      result.skipped.push({ leg: sb.name, reason: "the server did not start" });
      continue;
    }
    try {
      await measureLeg(input, switchboardLeg(sb.name, server, input.serviceKey), result);
    } finally {
      await server.stop();
    }
  }
  return result;
}

async function measureLeg(input: GatewayBenchInput, leg: Leg, result: GatewayResult): Promise<void> {
  const problems = (await Promise.all([false, true].map((s) => sanity(leg, s)))).filter((p): p is string => p !== null).map((p) => p.slice(0, 160));
  if (problems.length) {
    console.log(`[bench] gateway: ${leg.name} leg skipped: ${problems.join("; ")}`);
    result.skipped.push({ leg: leg.name, reason: problems.join("; ") });
    return;
  }
  // The gateway is the "server" of the meter and the stand-in its "database"; for the direct leg the stand-in is the server.
  const meter = leg.gatewayPid ? new CpuMeter(leg.gatewayPid, async () => [input.standIn.pid]) : new CpuMeter(input.standIn.pid, async () => []);
  for (const stream of [false, true]) {
    for (const concurrency of CALLERS) {
      process.stdout.write(
        `[bench] gateway: ${leg.name}, ${stream ? "streaming" : "not streaming"}, ${concurrency} caller${concurrency === 1 ? "" : "s"} ... `,
      );
      let before: ReturnType<CpuMeter["sample"]> | undefined;
      const stats = await runClosedLoop({
        url: leg.url,
        path: leg.path(stream),
        headers: leg.headers,
        concurrency,
        warmupMs: input.warmupMs,
        durationMs: input.durationMs,
        body: () => leg.body(stream),
        onMeasureStart: () => {
          before = meter.sample();
        },
      });
      const cpu = before ? CpuMeter.use(await before, await meter.sample(), stats.count) : null;
      const setting: GatewaySetting = {
        leg: leg.name,
        stream,
        concurrency,
        stats,
        gatewayCpuMsPerReq: cpu && leg.gatewayPid ? cpu.serverMsPerReq : null,
        standInCpuMsPerReq: cpu ? (leg.gatewayPid ? cpu.databaseMsPerReq : cpu.serverMsPerReq) : NaN,
        otherCores: cpu ? cpu.otherCores : NaN,
      };
      result.settings.push(setting);
      console.log(
        `${stats.count} requests, p50 ${stats.p50.toFixed(2)} ms, p99 ${stats.p99.toFixed(2)} ms, ${stats.rps.toFixed(0)}/s` +
          (setting.gatewayCpuMsPerReq !== null ? `, gateway cpu/req ${setting.gatewayCpuMsPerReq.toFixed(2)} ms` : "") +
          `, stand-in cpu/req ${setting.standInCpuMsPerReq.toFixed(2)} ms` +
          (stats.errors ? `, ${stats.errors} ERRORS ${stats.firstErrors[0] ?? ""}` : ""),
      );
    }
  }
}
