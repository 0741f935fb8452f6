// The shared fixed-window limit: one counter row per key and window in Postgres, whatever instance counts.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { takeToken, windowStart } from "@/server/api/rate-limit";
import { drivers } from "../support/test-db";
import { createServiceFixture, type ServiceFixture } from "../support/service-fixture";
import { failure } from "../support/errors";

describe.each(drivers)("takeToken on %s", (kind) => {
  let f: ServiceFixture;
  beforeAll(async () => {
    f = await createServiceFixture(kind);
  });
  afterAll(async () => f?.t.drop());

  it("lets exactly the limit through in a window, then answers rate_limited with the seconds left", async () => {
    const now = new Date("2026-12-03T10:00:03.500Z"); // 3.5 s into a 10 s window
    const taken = [];
    for (let i = 0; i < 5; i++) taken.push(await takeToken("key:a", 5, { windowSeconds: 10, now }));
    expect(taken.map((t) => t.remaining)).toEqual([4, 3, 2, 1, 0]);
    expect(taken[0]!.resetAt.toISOString()).toBe("2026-12-03T10:00:10.000Z");
    const err = await failure(takeToken("key:a", 5, { windowSeconds: 10, now }));
    expect(err.code).toBe("rate_limited");
    expect(err.details).toEqual({ retryAfterSeconds: 7 });
    expect(err.message).toMatch(/at most 5 per 10 seconds/);
    // Another key has its own count.
    expect((await takeToken("key:b", 5, { windowSeconds: 10, now })).count).toBe(1);
  });

  it("starts over in the next window and deletes the key's old windows", async () => {
    const t0 = new Date("2026-12-03T11:00:00.000Z");
    for (let i = 0; i < 3; i++) await takeToken("key:c", 3, { windowSeconds: 10, now: t0 });
    expect(await failure(takeToken("key:c", 3, { windowSeconds: 10, now: t0 }))).toMatchObject({ code: "rate_limited" });
    const t1 = new Date(t0.getTime() + 10_000);
    expect((await takeToken("key:c", 3, { windowSeconds: 10, now: t1 })).count).toBe(1);
    await expect
      .poll(async () => f.t.rows<{ window_start: Date | string }>("select window_start from rate_limit_windows where key = 'key:c'"), {
        timeout: 1_000,
        interval: 10,
      })
      .toHaveLength(1);
    expect(windowStart(t1, 10).toISOString()).toBe("2026-12-03T11:00:10.000Z");
  });

  it("counts concurrent requests exactly (one atomic upsert each)", async () => {
    const now = new Date("2026-12-03T12:00:00.000Z");
    const results = await Promise.allSettled(Array.from({ length: 30 }, () => takeToken("key:d", 20, { windowSeconds: 60, now })));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(20);
    expect(results.filter((r) => r.status === "rejected")).toHaveLength(10);
    const [row] = await f.t.rows<{ count: number }>("select count from rate_limit_windows where key = 'key:d'");
    expect(row!.count).toBe(30);
  });
});
