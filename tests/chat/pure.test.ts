// The chat's pure pieces: the SSE parser the browser reads the answer with, the history sent to the model, titles.
import { describe, expect, it } from "vitest";
import { createSseParser, type SseEvent } from "@/components/chat/sse";
import { titleFromMessage } from "@/server/chat/conversations";
import { toConverseHistory } from "@/server/chat/send-message";

function parseAll(chunks: string[]): SseEvent[] {
  const events: SseEvent[] = [];
  const p = createSseParser((e) => events.push(e));
  for (const c of chunks) p.push(c);
  p.end();
  return events;
}

describe("createSseParser", () => {
  it.each([
    ["one chunk", ['event: meta\ndata: {"a":1}\n\nevent: text\ndata: {"text":"hi"}\n\n']],
    ["split everywhere", ["ev", "ent: me", "ta\nda", 'ta: {"a":1}\n', "\nevent: text\ndata: ", '{"text":"hi"}\n', "\n"]],
    ["CRLF, split inside a CRLF", ['event: meta\r\ndata: {"a":1}\r', '\n\r\nevent: text\r\ndata: {"text":"hi"}\r\n\r\n']],
  ])("parses events (%s)", (_name, chunks) => {
    expect(parseAll(chunks)).toEqual([
      { event: "meta", data: '{"a":1}' },
      { event: "text", data: '{"text":"hi"}' },
    ]);
  });

  it("joins multi-line data, skips comments and data-less blocks, defaults the event name, flushes the tail", () => {
    expect(parseAll([": keep-alive\n\nevent: x\n\ndata: a\ndata: b\n\ndata:c"])).toEqual([
      { event: "message", data: "a\nb" },
      { event: "message", data: "c" },
    ]);
  });
});

describe("toConverseHistory", () => {
  it("starts with the user, alternates, merges an unanswered message into the next and drops a repeated one", () => {
    expect(
      toConverseHistory([
        { role: "assistant", content: "Welcome" },
        { role: "user", content: "A" },
        { role: "user", content: "A" },
        { role: "user", content: "B" },
        { role: "system", content: "ignored" },
        { role: "assistant", content: "answer" },
        { role: "user", content: "C" },
      ]),
    ).toEqual([
      { role: "user", text: "A\n\nB" },
      { role: "assistant", text: "answer" },
      { role: "user", text: "C" },
    ]);
  });

  it("keeps only the last messages", () => {
    const rows = Array.from({ length: 30 }, (_, i) => ({ role: i % 2 === 0 ? ("user" as const) : ("assistant" as const), content: `m${i}` }));
    const h = toConverseHistory(rows, 20);
    expect(h[0]).toEqual({ role: "user", text: "m10" });
    expect(h).toHaveLength(20);
    expect(toConverseHistory(rows, 5)[0]).toEqual({ role: "user", text: "m26" });
  });
});

describe("titleFromMessage", () => {
  it.each([
    ["  Hello   world \n", "Hello world"],
    ["", "New conversation"],
    ["x".repeat(60), "x".repeat(60)],
    ["x".repeat(80), `${"x".repeat(59)}…`],
    ["Can ibuprofen be taken together with lisinopril for a patient with hypertension?", "Can ibuprofen be taken together with lisinopril for a…"],
  ])("%j → %j", (input, title) => {
    expect(titleFromMessage(input)).toBe(title);
    expect(titleFromMessage(input).length).toBeLessThanOrEqual(60);
  });
});

describe("limits shared by the browser and the server", () => {
  it("the composer's limit is the server's", async () => {
    const { MESSAGE_MAX_CHARS: client } = await import("@/components/chat/composer");
    const { MESSAGE_MAX_CHARS: server } = await import("@/server/chat/send-message");
    expect(client).toBe(server);
  });
});
