// A Bedrock stand-in on loopback: Bedrock Runtime's Converse and ConverseStream and the control-plane reads of the
// catalog sync, on the wire as AWS speaks them, with faults to inject per model. Not for production: it checks that
// a request is signed (SigV4) or carries a bearer token, and verifies neither.
//
// One port speaks HTTP/1.1 and cleartext HTTP/2 (prior knowledge): the runtime client of the AWS SDK for JavaScript
// uses HTTP/2 (NodeHttp2Handler), the control-plane client, curl, fetch and other gateways use HTTP/1.1. The first
// bytes of each connection decide which server takes it.
import { randomUUID } from "node:crypto";
import http from "node:http";
import http2 from "node:http2";
import net from "node:net";
import { z } from "zod";
import { catalogSnapshot, type CatalogSnapshotEntry } from "@/db/seed/catalog-snapshot";
import { idFromIdentifier, StandInCatalog } from "./catalog";
import { chunksOf, converseRequestSchema, replyTo, type ConverseRequest, type Reply } from "./replies";
import { errorAnswer, eventFrame, exceptionFrame, STREAM_EXCEPTIONS, type ErrorAnswer } from "./wire";

export const standInFaultSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("throttle"), retryAfterSeconds: z.number().int().min(0).default(1) }),
  z.object({ kind: z.literal("unavailable") }),
  /** Holds the answer back for `ms` (past the client's timeout), then answers normally if the caller is still there. */
  z.object({ kind: z.literal("timeout"), ms: z.number().int().min(1) }),
  /** ConverseStream only: `afterChunks` text deltas (default 1), then an exception frame (default modelStreamErrorException). */
  z.object({ kind: z.literal("midstream"), exception: z.enum(STREAM_EXCEPTIONS).optional(), afterChunks: z.number().int().min(0).optional() }),
  z.object({ kind: z.literal("validation") }),
  z.object({ kind: z.literal("access_denied") }),
]);
export type StandInFault = z.input<typeof standInFaultSchema>;
type Fault = z.output<typeof standInFaultSchema>;

export type StandInOperation =
  | "Converse"
  | "ConverseStream"
  | "ListFoundationModels"
  | "GetFoundationModel"
  | "ListInferenceProfiles"
  | "GetInferenceProfile"
  | "GetFoundationModelAvailability"
  | "Unknown";

export type StandInCall = {
  operation: StandInOperation;
  /** The model (or profile) id of the path, decoded. */
  modelId?: string;
  auth: "sigv4" | "bearer" | "none";
  /** HTTP/1.1 or 2. */
  httpVersion: string;
  /** The connection (HTTP/1.1) or session (HTTP/2) it came on, numbered from 1: shows whether clients reuse them. */
  connection: number;
  status: number;
  /** The fault that shaped the answer, if any. */
  fault?: Fault["kind"];
  /** The parsed request body of a runtime call. */
  request?: ConverseRequest;
};

export type BedrockStandInOptions = {
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  /** The catalog it serves (default: the bundled eu-central-1 snapshot). */
  catalog?: CatalogSnapshotEntry[];
  region?: string;
  /** Characters per contentBlockDelta of ConverseStream (default 16). */
  chunkChars?: number;
  /** Added before every runtime answer (default 0: answer at once). */
  latencyMs?: number;
  /** Largest page of ListInferenceProfiles whatever maxResults asks (default 1000), to exercise nextToken. */
  profilesPageSize?: number;
  /** Calls kept in `calls` (default 10,000; the oldest go first). */
  maxCalls?: number;
  /** Clock for end-of-life checks. */
  now?: () => Date;
};

export type BedrockStandIn = {
  url: string;
  port: number;
  /** Every call received, oldest first (bounded by maxCalls); `status` is 0 until the answer is complete. */
  readonly calls: StandInCall[];
  clearCalls(): void;
  /** Faults for one model id, or '*' for every model without its own; null clears. */
  setFault(target: string, fault: StandInFault | null): void;
  close(): Promise<void>;
};

const H2_PREFACE = Buffer.from("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n");
type Req = http.IncomingMessage | http2.Http2ServerRequest;
type Res = http.ServerResponse | http2.Http2ServerResponse;

const FAULTS_PATH = "/_standin/faults/";
const RUNTIME_PATH = /^\/model\/([^/]+)\/(converse|converse-stream)$/;

function authOf(req: Req): StandInCall["auth"] {
  const h = req.headers.authorization;
  const value = Array.isArray(h) ? h[0] : h;
  if (value?.startsWith("AWS4-HMAC-SHA256 ")) return "sigv4";
  if (value?.startsWith("Bearer ") && value.length > 7) return "bearer";
  return "none";
}

async function readBody(req: Req): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

export async function startBedrockStandIn(opts: BedrockStandInOptions = {}): Promise<BedrockStandIn> {
  const region = opts.region ?? "eu-central-1";
  const catalog = new StandInCatalog(opts.catalog ?? catalogSnapshot, region);
  const chunkChars = Math.max(1, opts.chunkChars ?? 16);
  const latencyMs = Math.max(0, opts.latencyMs ?? 0);
  const pageSize = Math.max(1, opts.profilesPageSize ?? 1000);
  const maxCalls = Math.max(0, opts.maxCalls ?? 10_000);
  const now = opts.now ?? (() => new Date());
  const faults = new Map<string, Fault>();
  const calls: StandInCall[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const sockets = new Set<net.Socket>();
  let toolUses = 0;

  const closed = new WeakSet<Res>();
  /** Waits, then says whether the caller is still there to answer. */
  const wait = (ms: number, res: Res) =>
    new Promise<boolean>((resolve) => {
      if (ms <= 0) return resolve(!closed.has(res));
      const t = setTimeout(() => {
        timers.delete(t);
        resolve(!closed.has(res));
      }, ms);
      timers.add(t);
    });

  const record = (call: StandInCall) => {
    if (maxCalls === 0) return;
    calls.push(call);
    if (calls.length > maxCalls) calls.splice(0, calls.length - maxCalls);
  };

  const send = (res: Res, status: number, headers: Record<string, string>, body: string) => {
    res.writeHead(status, { "x-amzn-requestid": randomUUID(), ...headers, "content-length": String(Buffer.byteLength(body)) });
    res.end(body);
  };
  const sendJson = (res: Res, body: unknown) => send(res, 200, { "content-type": "application/json" }, JSON.stringify(body));
  const sendError = (res: Res, e: ErrorAnswer) => send(res, e.status, e.headers, e.body);

  /** The error a fault answers with before any byte of the reply, or null. */
  function faultAnswer(fault: Fault): ErrorAnswer | null {
    switch (fault.kind) {
      case "throttle":
        return errorAnswer("ThrottlingException", undefined, { "retry-after": String(fault.retryAfterSeconds) });
      case "unavailable":
        return errorAnswer("ServiceUnavailableException");
      case "validation":
        return errorAnswer("ValidationException", "Malformed input request, please reformat your input and try again.");
      case "access_denied":
        return errorAnswer("AccessDeniedException");
      default:
        return null;
    }
  }

  /** Parses and checks a runtime request as Bedrock does; an ErrorAnswer when Bedrock would refuse it. */
  function checkRuntime(modelId: string, raw: string): ConverseRequest | ErrorAnswer {
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      return errorAnswer("ValidationException", "Malformed input request, please reformat your input and try again.");
    }
    const parsed = converseRequestSchema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return errorAnswer(
        "ValidationException",
        `1 validation error detected: Value at '${issue?.path.join(".") ?? ""}' failed to satisfy constraint: ${issue?.message ?? "invalid"}`,
      );
    }
    if (parsed.data.messages[0]?.role !== "user") {
      return errorAnswer(
        "ValidationException",
        "A conversation must start with a user message. Try again with a conversation that starts with a user message.",
      );
    }
    const model = catalog.invocability(modelId);
    if (model.kind === "unknown") return errorAnswer("ValidationException", "The provided model identifier is invalid.");
    if (model.kind === "profile_only") {
      return errorAnswer(
        "ValidationException",
        `Invocation of model ID ${modelId} with on-demand throughput isn't supported. Retry your request with the ID or ARN of an inference profile that contains this model.`,
      );
    }
    if (model.entry.endOfLifeDate && model.entry.endOfLifeDate < now().toISOString().slice(0, 10)) {
      return errorAnswer(
        "ResourceNotFoundException",
        "This model version has reached the end of its life. Please refer to the AWS documentation for more details.",
      );
    }
    if (!model.entry.outputModalities.includes("TEXT")) {
      return errorAnswer("ValidationException", "This action doesn't support the model that you provided. Try again with a supported text or chat model.");
    }
    return parsed.data;
  }

  function streamFrames(reply: Reply, latency: number): Uint8Array[] {
    const frames = [eventFrame("messageStart", { role: "assistant" })];
    reply.content.forEach((block, i) => {
      if ("text" in block) {
        for (const text of chunksOf(block.text, chunkChars)) frames.push(eventFrame("contentBlockDelta", { contentBlockIndex: i, delta: { text } }));
      } else {
        frames.push(
          eventFrame("contentBlockStart", { contentBlockIndex: i, start: { toolUse: { toolUseId: block.toolUse.toolUseId, name: block.toolUse.name } } }),
        );
        frames.push(eventFrame("contentBlockDelta", { contentBlockIndex: i, delta: { toolUse: { input: JSON.stringify(block.toolUse.input) } } }));
      }
      frames.push(eventFrame("contentBlockStop", { contentBlockIndex: i }));
    });
    frames.push(eventFrame("messageStop", { stopReason: reply.stopReason }));
    const usage = { inputTokens: reply.inputTokens, outputTokens: reply.outputTokens, totalTokens: reply.inputTokens + reply.outputTokens };
    frames.push(eventFrame("metadata", { usage, metrics: { latencyMs: latency } }));
    return frames;
  }

  async function runtime(req: Req, res: Res, modelId: string, stream: boolean, call: StandInCall): Promise<void> {
    const started = performance.now();
    const checked = checkRuntime(modelId, await readBody(req));
    if ("status" in checked) return sendError(res, checked);
    call.request = checked;
    const fault = faults.get(modelId) ?? faults.get("*");
    if (fault) call.fault = fault.kind;
    const refused = fault ? faultAnswer(fault) : null;
    if (refused) return sendError(res, refused);
    if (fault?.kind === "timeout" && !(await wait(fault.ms, res))) return;
    if (!(await wait(latencyMs, res))) return;

    const reply = replyTo(modelId, checked, `tooluse_standin_${++toolUses}`);
    const latency = Math.round(performance.now() - started);
    if (!stream) {
      const usage = { inputTokens: reply.inputTokens, outputTokens: reply.outputTokens, totalTokens: reply.inputTokens + reply.outputTokens };
      return sendJson(res, {
        output: { message: { role: "assistant", content: reply.content } },
        stopReason: reply.stopReason,
        usage,
        metrics: { latencyMs: latency },
      });
    }
    res.writeHead(200, { "content-type": "application/vnd.amazon.eventstream", "x-amzn-requestid": randomUUID() });
    let frames = streamFrames(reply, latency);
    if (fault?.kind === "midstream") {
      // messageStart, then the first `afterChunks` deltas, then the exception.
      frames = [
        ...frames.slice(0, 1 + (fault.afterChunks ?? 1)),
        exceptionFrame(fault.exception ?? "modelStreamErrorException", "The model stream failed mid-way (stand-in fault)."),
      ];
    }
    for (const frame of frames) (res as http.ServerResponse).write(frame);
    res.end();
  }

  function controlPlane(method: string, url: URL, res: Res, call: StandInCall) {
    const parts = url.pathname.split("/").filter(Boolean).map(decodeURIComponent);
    const q = url.searchParams;
    if (method !== "GET") return sendError(res, errorAnswer("ValidationException", `Unsupported method ${method}.`));
    if (parts[0] === "foundation-models" && parts.length === 1) {
      call.operation = "ListFoundationModels";
      const filter = {
        byProvider: q.get("byProvider") ?? undefined,
        byInferenceType: q.get("byInferenceType") ?? undefined,
        byOutputModality: q.get("byOutputModality") ?? undefined,
      };
      return sendJson(res, { modelSummaries: catalog.foundationModels(filter) });
    }
    if (parts[0] === "foundation-models" && parts.length === 2) {
      call.operation = "GetFoundationModel";
      call.modelId = idFromIdentifier(parts[1]!);
      const m = catalog.foundationModel(call.modelId);
      return m ? sendJson(res, { modelDetails: m }) : sendError(res, errorAnswer("ResourceNotFoundException", "The specified model identifier is not found."));
    }
    if (parts[0] === "inference-profiles" && parts.length === 1) {
      call.operation = "ListInferenceProfiles";
      const all = catalog.profiles();
      const start = Math.max(0, Number(q.get("nextToken") ?? 0) || 0);
      const size = Math.min(pageSize, Math.max(1, Number(q.get("maxResults") ?? 1000) || 1000));
      const page = all.slice(start, start + size);
      const next = start + size < all.length ? String(start + size) : undefined;
      return sendJson(res, { inferenceProfileSummaries: page, ...(next ? { nextToken: next } : {}) });
    }
    if (parts[0] === "inference-profiles" && parts.length === 2) {
      call.operation = "GetInferenceProfile";
      call.modelId = idFromIdentifier(parts[1]!);
      const p = catalog.profile(call.modelId);
      return p ? sendJson(res, p) : sendError(res, errorAnswer("ResourceNotFoundException", "The specified inference profile is not found."));
    }
    if (parts[0] === "foundation-model-availability" && parts.length === 2) {
      call.operation = "GetFoundationModelAvailability";
      call.modelId = parts[1]!;
      const known = catalog.foundationModel(call.modelId) !== null;
      const denied = (faults.get(call.modelId) ?? faults.get("*"))?.kind === "access_denied";
      return sendJson(res, {
        modelId: call.modelId,
        agreementAvailability: { status: known ? "AVAILABLE" : "NOT_AVAILABLE" },
        authorizationStatus: known && !denied ? "AUTHORIZED" : "NOT_AUTHORIZED",
        entitlementAvailability: known ? "AVAILABLE" : "NOT_AVAILABLE",
        regionAvailability: known ? "AVAILABLE" : "NOT_AVAILABLE",
      });
    }
    return send(
      res,
      404,
      { "content-type": "application/json", "x-amzn-errortype": "UnknownOperationException" },
      JSON.stringify({ message: "Unknown operation" }),
    );
  }

  /** `PUT /_standin/faults/<model id or *>` with a fault as JSON, `DELETE` to clear: faults for a stand-in in another process. */
  async function faultsDoor(req: Req, res: Res, target: string): Promise<void> {
    if (!target) return send(res, 400, { "content-type": "application/json" }, JSON.stringify({ message: "name a model id or * after /_standin/faults/" }));
    if (req.method === "DELETE") {
      faults.delete(target);
      return sendJson(res, { target, fault: null });
    }
    if (req.method !== "PUT") return send(res, 405, { "content-type": "application/json", allow: "PUT, DELETE" }, JSON.stringify({ message: "PUT or DELETE" }));
    let parsed: ReturnType<typeof standInFaultSchema.safeParse>;
    try {
      parsed = standInFaultSchema.safeParse(JSON.parse(await readBody(req)));
    } catch {
      return send(res, 400, { "content-type": "application/json" }, JSON.stringify({ message: "the body must be JSON" }));
    }
    if (!parsed.success) return send(res, 400, { "content-type": "application/json" }, JSON.stringify({ message: z.prettifyError(parsed.error) }));
    faults.set(target, parsed.data);
    return sendJson(res, { target, fault: parsed.data });
  }

  const connections = new WeakMap<object, number>();
  let connectionCount = 0;
  const connectionOf = (req: Req): number => {
    const key: object = "stream" in req ? (req.stream.session ?? req.stream) : req.socket;
    let id = connections.get(key);
    if (id === undefined) {
      id = ++connectionCount;
      connections.set(key, id);
    }
    return id;
  };

  const handle = (req: Req, res: Res) => {
    const url = new URL(req.url ?? "/", "http://stand-in");
    const call: StandInCall = { operation: "Unknown", auth: authOf(req), httpVersion: req.httpVersion, connection: connectionOf(req), status: 0 };
    // Recorded on arrival; the status is filled in when the answer closes (0 until then, and when the caller left
    // before any answer, as a client does when a timeout fault outlives its patience).
    record(call);
    res.on("finish", () => {
      call.status = res.statusCode;
    });
    res.on("close", () => {
      closed.add(res);
      if (!res.headersSent) call.status = 0;
    });
    const run = async () => {
      if (url.pathname === "/_standin/health") return sendJson(res, { ok: true });
      if (url.pathname.startsWith(FAULTS_PATH)) return faultsDoor(req, res, decodeURIComponent(url.pathname.slice(FAULTS_PATH.length)));
      if (call.auth === "none") return sendError(res, errorAnswer("MissingAuthenticationTokenException"));
      const m = RUNTIME_PATH.exec(url.pathname);
      if (m && req.method === "POST") {
        call.operation = m[2] === "converse" ? "Converse" : "ConverseStream";
        call.modelId = idFromIdentifier(decodeURIComponent(m[1]!));
        return runtime(req, res, call.modelId, m[2] === "converse-stream", call);
      }
      return controlPlane(req.method ?? "GET", url, res, call);
    };
    run().catch((err: unknown) => {
      if (!res.headersSent) sendError(res, errorAnswer("InternalServerException", `stand-in failure: ${(err as Error).message}`));
      else res.end();
    });
  };

  const h1 = http.createServer({ keepAliveTimeout: 65_000 }, handle);
  const h2 = http2.createServer({}, handle);
  const tcp = net.createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.once("data", (first: Buffer) => {
      socket.pause();
      socket.unshift(first);
      const n = Math.min(first.length, H2_PREFACE.length);
      const isH2 = first.subarray(0, n).equals(H2_PREFACE.subarray(0, n));
      // HTTP/2 reads what is buffered itself (on the next tick); the HTTP/1.1 parser needs the stream flowing again.
      if (isH2) h2.emit("connection", socket);
      else {
        h1.emit("connection", socket);
        socket.resume();
      }
    });
  });
  const host = opts.host ?? "127.0.0.1";
  await new Promise<void>((resolve, reject) => {
    tcp.once("error", reject);
    tcp.listen(opts.port ?? 0, host, () => resolve());
  });
  const address = tcp.address() as net.AddressInfo;
  const url = `http://${host}:${address.port}`;

  return {
    url,
    port: address.port,
    calls,
    clearCalls: () => {
      calls.length = 0;
    },
    setFault(target, fault) {
      if (fault === null) faults.delete(target);
      else faults.set(target, standInFaultSchema.parse(fault));
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const t of timers) clearTimeout(t);
        timers.clear();
        tcp.close(() => resolve());
        for (const s of sockets) s.destroy();
      }),
  };
}
