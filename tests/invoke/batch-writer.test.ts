// The queue behind the invocation log: rows wait for the batch window or a full batch, are written in order in
// multi-row batches, survive a failed write, and are all written on a graceful stop.
import { describe, expect, it } from "vitest";
import { BatchWriter } from "@/server/invoke/batch-writer";
import { manualTimer } from "./manual-timer";

function setup(opts: { maxRows?: number; failures?: number } = {}) {
  const clock = manualTimer();
  const batches: number[][] = [];
  let failures = opts.failures ?? 0;
  const errors: unknown[] = [];
  const writer = new BatchWriter<number>({
    flushEveryMs: 100,
    maxRows: opts.maxRows ?? 10,
    timer: clock.timer,
    write: async (rows) => {
      if (failures > 0) {
        failures--;
        throw new Error("database down");
      }
      batches.push(rows);
    },
    onError: (err) => errors.push(err),
  });
  return { clock, batches, writer, errors };
}

const settle = () => new Promise((r) => setImmediate(r));

describe("BatchWriter", () => {
  it("writes nothing until the batch window has passed, then all queued rows in one batch", async () => {
    const { clock, batches, writer } = setup();
    writer.add(1);
    writer.add(2);
    writer.add(3);
    clock.advance(99);
    await settle();
    expect(batches).toEqual([]);
    expect(writer.pending).toBe(3);
    clock.advance(1);
    await settle();
    expect(batches).toEqual([[1, 2, 3]]);
    expect(writer.pending).toBe(0);
    expect(clock.waiting).toBe(0);
  });

  it("writes at once when a batch is full, without waiting for the window, in batches of at most maxRows", async () => {
    const { clock, batches, writer } = setup({ maxRows: 3 });
    for (let i = 1; i <= 3; i++) writer.add(i);
    await settle();
    expect(batches).toEqual([[1, 2, 3]]);
    writer.add(4);
    writer.add(5);
    await settle();
    expect(batches).toEqual([[1, 2, 3]]); // not full: these wait for the window
    for (let i = 6; i <= 10; i++) writer.add(i);
    await settle();
    expect(batches).toEqual([
      [1, 2, 3],
      [4, 5, 6],
      [7, 8, 9],
    ]);
    clock.advance(100);
    await settle();
    expect(batches.at(-1)).toEqual([10]);
  });

  it("keeps the rows of a failed write and writes them, in order, at the next flush", async () => {
    const { clock, batches, writer, errors } = setup({ failures: 1 });
    writer.add(1);
    writer.add(2);
    clock.advance(100);
    await settle();
    expect(batches).toEqual([]);
    expect(errors).toHaveLength(1);
    expect(writer.pending).toBe(2);
    writer.add(3);
    // The failure re-armed the window: the retry comes without another call.
    clock.advance(100);
    await settle();
    expect(batches).toEqual([[1, 2, 3]]);
  });

  it("on a graceful stop writes what is queued and then every later row at once", async () => {
    const { clock, batches, writer } = setup();
    writer.add(1);
    await writer.stop();
    expect(batches).toEqual([[1]]);
    expect(clock.waiting).toBe(0);
    writer.add(2); // a request that was still in flight when the signal came
    await writer.flush();
    expect(batches).toEqual([[1], [2]]);
  });
});
