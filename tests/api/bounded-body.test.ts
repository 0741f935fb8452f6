// Bodies are read as a stream and refused with 413 at the limit, before the rest is read: a chunked body (no
// Content-Length) far over the limit is pulled only up to the limit, through the orchestrate handler and the helper
// every route uses.
import { describe, expect, it } from "vitest";
import { handleOrchestrate, MAX_BODY_BYTES } from "@/server/api/orchestrate";
import { readBodyText } from "@/server/http/read-body";
import { API_URL, SERVICE_KEY } from "./support/orchestrate-client";

const CHUNK = 16 * 1024;
const TOTAL = 8 * 1024 * 1024;

/** A chunked JSON-ish body of TOTAL bytes, produced on demand; `pulled()` says how much of it was asked for. */
function chunkedBody(): { body: ReadableStream<Uint8Array>; pulled: () => number } {
  let sent = 0;
  const chunk = new TextEncoder().encode("x".repeat(CHUNK));
  const head = new TextEncoder().encode('{"action":"list-all","provider":"');
  const body = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (sent >= TOTAL) return controller.close();
        const piece = sent === 0 ? head : chunk;
        sent += piece.byteLength;
        controller.enqueue(piece);
      },
    },
    { highWaterMark: 0 },
  );
  return { body, pulled: () => sent };
}

const streamed = (body: ReadableStream<Uint8Array>, headers: Record<string, string> = {}) =>
  new Request(API_URL, { method: "POST", body, headers: { "content-type": "application/json", ...headers }, duplex: "half" } as RequestInit);

describe("bounded bodies", () => {
  it("POST /api/orchestrate answers 413 to a chunked body over 64 KiB after reading no more than the limit", async () => {
    const { body, pulled } = chunkedBody();
    const response = await handleOrchestrate(streamed(body, { authorization: `Bearer ${SERVICE_KEY}` }));
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({ ok: false, error: { code: "payload_too_large", message: "The request body is over 64 KiB." } });
    expect(pulled()).toBeLessThanOrEqual(MAX_BODY_BYTES + 2 * CHUNK);
    expect(pulled()).toBeLessThan(TOTAL);
  });

  it("reads a body at the limit whole, and refuses one byte more", async () => {
    const at = new Request(API_URL, { method: "POST", body: "a".repeat(1000) });
    expect(await readBodyText(at, 1000)).toBe("a".repeat(1000));
    const over = new Request(API_URL, { method: "POST", body: "a".repeat(1001) });
    await expect(readBodyText(over, 1000)).rejects.toMatchObject({ code: "payload_too_large", message: "The request body is over 1000 bytes." });
  });

  it("refuses a declared Content-Length over the limit without reading the body", async () => {
    const { body, pulled } = chunkedBody();
    await expect(readBodyText(streamed(body, { "content-length": String(TOTAL) }), 1024)).rejects.toMatchObject({ code: "payload_too_large" });
    expect(pulled()).toBe(0);
  });
});
