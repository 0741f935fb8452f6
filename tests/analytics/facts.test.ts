import { describe, expect, test } from "vitest";
import { sofarIndex, toTimeSeries } from "@/lib/chart-shape";
import { formatPct } from "@/lib/format";
import { actorDisplay } from "@/lib/labels";
import { isEmbeddingModel, labelOf, modelDisplayName, modelLabels } from "@/lib/model-labels";

describe("one display name per model", () => {
  const models = [
    { modelId: "eu.amazon.nova-lite-v1:0", name: "Nova Lite", geoScope: "eu" as const },
    { modelId: "eu.anthropic.claude-haiku-4-5", name: "Claude Haiku 4.5", geoScope: "eu" as const },
    { modelId: "global.anthropic.claude-haiku-4-5", name: "Claude Haiku 4.5", geoScope: "global" as const },
    { modelId: "mistral.devstral-2-123b", name: "Devstral 2 123B", geoScope: "in-region" as const },
  ];

  test("the catalog name with the routing scope, whether or not another entry shares the name", () => {
    expect(models.map(modelDisplayName)).toEqual(["Nova Lite (EU)", "Claude Haiku 4.5 (EU)", "Claude Haiku 4.5 (Global)", "Devstral 2 123B"]);
  });

  test("the labels map is the same function, so a name does not depend on which other entries are listed", () => {
    const all = modelLabels(models);
    const alone = modelLabels([models[0]!]);
    expect(all["eu.amazon.nova-lite-v1:0"]).toBe("Nova Lite (EU)");
    expect(alone["eu.amazon.nova-lite-v1:0"]).toBe(all["eu.amazon.nova-lite-v1:0"]);
    expect(labelOf(all, "gone.model-v1")).toBe("gone.model-v1");
    expect(labelOf(all, null)).toBe("—");
  });

  test("an embedding model is told apart by its output modality", () => {
    expect(isEmbeddingModel({ outputModalities: ["EMBEDDING"] })).toBe(true);
    expect(isEmbeddingModel({ outputModalities: ["TEXT"] })).toBe(false);
  });
});

describe("one form for the actor", () => {
  test("the account's email when a person acted, whatever the log's actor column holds", () => {
    expect(actorDisplay({ userEmail: "admin@switchboard.local", actor: "admin" })).toBe("admin@switchboard.local");
    expect(actorDisplay({ userEmail: "user@switchboard.local", actor: "9b2d1c6e-0000-4000-8000-000000000001" })).toBe("user@switchboard.local");
    expect(actorDisplay({ userEmail: null, actor: "ops@example.com" })).toBe("ops@example.com");
  });

  test("the system's own words when no person acted; a bare role or id without an account is an unknown user", () => {
    expect(actorDisplay({ userEmail: null, actor: "service" })).toBe("service");
    expect(actorDisplay({ userEmail: null, actor: "policy" })).toBe("policy");
    expect(actorDisplay({ userEmail: null, actor: "invoke-path" })).toBe("invoke path");
    expect(actorDisplay({ userEmail: null, actor: "9b2d1c6e-0000-4000-8000-000000000001" })).toBe("unknown user");
  });
});

describe("today's partial bucket", () => {
  const points = [
    { bucket: "2026-12-01", series: "a", value: 20 },
    { bucket: "2026-12-02", series: "a", value: 22 },
    { bucket: "2026-12-03", series: "a", value: 3 },
  ];

  test("the bucket holding today is marked so far and its title says partial", () => {
    const ts = toTimeSeries({ points, range: { from: "2026-12-01", to: "2026-12-03" }, bucket: "day", today: "2026-12-03" });
    expect(ts.rows.map((r) => Boolean(r.sofar))).toEqual([false, false, true]);
    expect(ts.rows[2]!.title).toBe("2026-12-03 (partial, today so far)");
    expect(ts.rows[1]!.title).toBe("2026-12-02");
    expect(sofarIndex(ts.rows)).toBe(2);
  });

  test("a week holding today is so far; a range ending before today has no so-far bucket", () => {
    const week = toTimeSeries({ points, range: { from: "2026-11-16", to: "2026-12-03" }, bucket: "week", today: "2026-12-03" });
    expect(week.rows.at(-1)).toMatchObject({ bucket: "2026-11-30", sofar: true, title: "Week of 2026-11-30 (partial, today so far)" });
    const past = toTimeSeries({ points, range: { from: "2026-11-01", to: "2026-12-02" }, bucket: "day", today: "2026-12-03" });
    expect(sofarIndex(past.rows)).toBeNull();
  });

  test("a range that starts inside a week labels its first tick with the range's first day, as its sentence says", () => {
    const ts = toTimeSeries({ points: [], range: { from: "2026-09-04", to: "2026-09-20" }, bucket: "week" });
    expect(ts.rows.map((r) => r.label)).toEqual(["Sep 4", "Sep 7", "Sep 14"]);
    expect(ts.rows[0]!.title).toBe("Week of 2026-08-31 (partial)");
  });
});

describe("percent changes", () => {
  test("from 100% on, whole and grouped", () => {
    expect(formatPct(7279.3, true)).toBe("+7,279%");
    expect(formatPct(43.04)).toBe("43.0%");
  });
});
