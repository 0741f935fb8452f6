// The lean front's node:http <-> Web adapter, over real HTTP: what a route handler sees of the request, and what the
// caller gets of the Response (status, repeated headers, a body streamed piece by piece, a cancel when the caller leaves).
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { serveWeb } from "@/server/front/node-web";
import { frontRouteFor } from "@/server/front/routes";

type Handler = (request: Request) => Promise<Response>;
let server: http.Server | undefined;

async function serve(handler: Handler, onError: (err: unknown) => Response = () => new Response("failed", { status: 500 })): Promise<string> {
  server = http.createServer((req, res) => void serveWeb(handler, onError, req, res));
  await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

afterEach(async () => {
  server?.closeAllConnections();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

describe("serveWeb", () => {
  it("hands the handler the method, URL with query, headers and body", async () => {
    let seen: { method: string; url: string; auth: string | null; body: string } | undefined;
    const url = await serve(async (request) => {
      seen = { method: request.method, url: request.url, auth: request.headers.get("authorization"), body: await request.text() };
      return Response.json({ ok: true }, { status: 201 });
    });
    const res = await fetch(`${url}/v1/chat/completions?x=1`, { method: "POST", headers: { authorization: "Bearer k" }, body: '{"model":"health"}' });
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual({ ok: true });
    expect(seen).toEqual({ method: "POST", url: `${url}/v1/chat/completions?x=1`, auth: "Bearer k", body: '{"model":"health"}' });
  });

  it("keeps repeated Set-Cookie headers apart", async () => {
    const url = await serve(async () => {
      const headers = new Headers({ "x-switchboard-model-id": "m" });
      headers.append("set-cookie", "a=1; Path=/");
      headers.append("set-cookie", "b=2; Path=/");
      return new Response(null, { status: 204, headers });
    });
    const res = await fetch(url);
    expect(res.status).toBe(204);
    expect(res.headers.getSetCookie()).toEqual(["a=1; Path=/", "b=2; Path=/"]);
    expect(res.headers.get("x-switchboard-model-id")).toBe("m");
  });

  it("streams the body as it is produced, not at the end", async () => {
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const url = await serve(async () => {
      const enc = new TextEncoder();
      const body = new ReadableStream<Uint8Array>({
        async start(controller) {
          controller.enqueue(enc.encode("data: first\n\n"));
          await held; // the second piece waits until the caller has read the first
          controller.enqueue(enc.encode("data: [DONE]\n\n"));
          controller.close();
        },
      });
      return new Response(body, { headers: { "content-type": "text/event-stream" } });
    });
    const res = await fetch(url);
    const reader = res.body!.getReader();
    const first = new TextDecoder().decode((await reader.read()).value);
    expect(first).toBe("data: first\n\n");
    release();
    let rest = "";
    for (let r = await reader.read(); !r.done; r = await reader.read()) rest += new TextDecoder().decode(r.value);
    expect(rest).toBe("data: [DONE]\n\n");
  });

  it("cancels the body and aborts the request when the caller leaves mid-stream", async () => {
    let cancelled!: () => void;
    const wasCancelled = new Promise<void>((r) => (cancelled = r));
    let aborted!: () => void;
    const wasAborted = new Promise<void>((r) => (aborted = r));
    const url = await serve(async (request) => {
      request.signal.addEventListener("abort", () => aborted());
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(new TextEncoder().encode("data: first\n\n"));
        },
        cancel() {
          cancelled();
        },
      });
      return new Response(body, { headers: { "content-type": "text/event-stream" } });
    });
    const caller = new AbortController();
    const res = await fetch(url, { signal: caller.signal });
    await res.body!.getReader().read();
    caller.abort();
    await Promise.all([wasCancelled, wasAborted]);
  });

  it("answers with the door's error responder when a handler throws", async () => {
    const url = await serve(
      async () => {
        throw new Error("boom /internal/path");
      },
      () => Response.json({ error: { message: "Internal error" } }, { status: 500 }),
    );
    const res = await fetch(url);
    expect(res.status).toBe(500);
    expect(await res.text()).not.toContain("/internal/path");
  });
});

describe("front routes", () => {
  it.each([
    ["POST", "/v1/chat/completions", true],
    ["GET", "/v1/models", true],
    ["POST", "/bedrock/model/health/converse", true],
    ["POST", "/bedrock/model/eu.amazon.nova-lite-v1%3A0/converse-stream", true],
    // Everything else is Next's: pages, the API, other methods on gateway paths (Next answers 405).
    ["GET", "/v1/chat/completions", false],
    ["POST", "/api/orchestrate", false],
    ["GET", "/", false],
    ["POST", "/bedrock/model/health/invoke", false],
  ])("%s %s → lean front: %s", (method, path, lean) => {
    expect(frontRouteFor(method, path) !== null).toBe(lean);
  });
});
