// A Server-Sent Events parser for a fetch() body. EventSource cannot POST, and the chat sends its message in the
// request that streams the answer back, so the browser reads the stream itself. Pure: unit tested.

export type SseEvent = { event: string; data: string };

/** Feed it decoded chunks as they arrive; it calls `onEvent` once per complete event (a block ended by a blank line). */
export function createSseParser(onEvent: (event: SseEvent) => void): { push: (chunk: string) => void; end: () => void } {
  let buffer = "";

  const dispatch = (block: string) => {
    let event = "message";
    const data: string[] = [];
    for (const line of block.split("\n")) {
      if (!line || line.startsWith(":")) continue;
      const colon = line.indexOf(":");
      const field = colon < 0 ? line : line.slice(0, colon);
      // One optional space after the colon belongs to the syntax, not the value.
      const value = colon < 0 ? "" : line.slice(colon + 1).replace(/^ /, "");
      if (field === "event") event = value;
      else if (field === "data") data.push(value);
    }
    if (data.length) onEvent({ event, data: data.join("\n") });
  };

  const drain = () => {
    // A lone "\r" at the end may be the first half of "\r\n": wait for the next chunk before normalising it.
    const keep = buffer.endsWith("\r") ? 1 : 0;
    const ready = buffer.slice(0, buffer.length - keep).replace(/\r\n?/g, "\n");
    let rest = ready;
    for (let end = rest.indexOf("\n\n"); end >= 0; end = rest.indexOf("\n\n")) {
      dispatch(rest.slice(0, end));
      rest = rest.slice(end + 2);
    }
    buffer = rest + buffer.slice(buffer.length - keep);
  };

  return {
    push(chunk) {
      buffer += chunk;
      drain();
    },
    end() {
      buffer = buffer.replace(/\r\n?/g, "\n");
      drain();
      if (buffer.trim()) dispatch(buffer);
      buffer = "";
    },
  };
}
