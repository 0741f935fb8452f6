// The weighted pick the invoke path makes for a new conversation (or a call without one), and the shares the page shows.
import { describe, expect, it } from "vitest";
import { pickSplitModel, splitShares } from "@/server/traffic/split";

const CURRENT = "current";

/** A deterministic random source walking [0, 1) in equal steps: n picks land exactly in proportion to the weights. */
const steps = (n: number) => {
  let i = 0;
  return () => (i++ % n) / n;
};

describe("pickSplitModel", () => {
  it("sends each split model its weight in percent and the current model the rest (90/10)", () => {
    const random = steps(1000);
    const counts = new Map<string, number>();
    for (let i = 0; i < 1000; i++) {
      const m = pickSplitModel({ useCase: "health", rows: [{ modelId: "canary", weight: 10 }] }, CURRENT, random);
      counts.set(m, (counts.get(m) ?? 0) + 1);
    }
    expect(Object.fromEntries(counts)).toEqual({ canary: 100, current: 900 });
  });

  it("splits between several models by their weights", () => {
    const random = steps(100);
    const counts = new Map<string, number>();
    const rows = [
      { modelId: "a", weight: 20 },
      { modelId: "b", weight: 5 },
    ];
    for (let i = 0; i < 100; i++) {
      const m = pickSplitModel(rows, CURRENT, random);
      counts.set(m, (counts.get(m) ?? 0) + 1);
    }
    expect(Object.fromEntries(counts)).toEqual({ a: 20, b: 5, current: 75 });
  });

  it("answers the current model with no split, and at the edges of the random range", () => {
    expect(pickSplitModel(null, CURRENT, () => 0)).toBe(CURRENT);
    expect(pickSplitModel({ useCase: "x", rows: [] }, CURRENT, () => 0)).toBe(CURRENT);
    const rows = [{ modelId: "a", weight: 99 }];
    expect(pickSplitModel(rows, CURRENT, () => 0)).toBe("a");
    expect(pickSplitModel(rows, CURRENT, () => 0.9899)).toBe("a");
    expect(pickSplitModel(rows, CURRENT, () => 0.99)).toBe(CURRENT);
    expect(pickSplitModel(rows, CURRENT, () => 0.999999)).toBe(CURRENT);
  });

  it("treats a row naming the current model as the current model (a switch just made it current)", () => {
    const rows = [
      { modelId: CURRENT, weight: 50 },
      { modelId: "b", weight: 10 },
    ];
    // x = 5: without the skip, the 50% row would win and the 10% row would be shifted to 50..60.
    expect(pickSplitModel(rows, CURRENT, () => 0.05)).toBe("b");
    expect(pickSplitModel(rows, CURRENT, () => 0.2)).toBe(CURRENT);
  });
});

describe("splitShares", () => {
  it("puts the current model first with what the rows leave", () => {
    expect(splitShares([{ modelId: "a", weight: 10 }], CURRENT)).toEqual([
      { modelId: CURRENT, weight: 90 },
      { modelId: "a", weight: 10 },
    ]);
    expect(splitShares([], CURRENT)).toEqual([{ modelId: CURRENT, weight: 100 }]);
  });
});
