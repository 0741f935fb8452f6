import { describe, it, expect } from "vitest";
import { CAPABILITIES, GEO_SCOPES, LIFECYCLE_STATUSES } from "@/lib/catalog-model";
import { CATALOG_SNAPSHOT_DATE, catalogSnapshot, type CatalogSnapshotEntry } from "@/db/seed/catalog-snapshot";

const USE_CASES = ["clinical", "health", "operations", "general"];
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const isIsoDate = (s: unknown): boolean => typeof s === "string" && ISO_DATE.test(s) && new Date(`${s}T00:00:00Z`).toISOString().slice(0, 10) === s;

const isEmbedding = (m: CatalogSnapshotEntry) => m.outputModalities.includes("EMBEDDING");
/** Targets callable from eu-central-1 (enabled or not). */
const invocable = catalogSnapshot.filter((m) => m.region === "eu-central-1" && m.geoScope !== "us");
const byId = new Map(catalogSnapshot.map((m) => [m.modelId, m]));

describe("catalog snapshot", () => {
  it("is dated", () => {
    expect(CATALOG_SNAPSHOT_DATE).toBe("2026-08-22");
  });

  it("has at least 34 invocable eu-central-1 targets", () => {
    expect(invocable.length).toBeGreaterThanOrEqual(34);
  });

  it("has unique model ids", () => {
    const ids = catalogSnapshot.map((m) => m.modelId);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("derives baseModelId from profile ids and keeps bare ids for in-region models", () => {
    for (const m of catalogSnapshot) {
      const prefix = /^(eu|global|us)\./.exec(m.modelId)?.[1];
      if (prefix) {
        expect(m.baseModelId, m.modelId).toBe(m.modelId.slice(prefix.length + 1));
      } else {
        expect(m.baseModelId, m.modelId).toBe(m.modelId);
      }
      if (prefix === "eu" || prefix === "global") expect(m.geoScope, m.modelId).toBe(prefix);
      if (m.geoScope === "in-region") expect(prefix, m.modelId).toBeUndefined();
    }
  });

  it("uses only known enumerations and sane numbers", () => {
    for (const m of catalogSnapshot) {
      expect(GEO_SCOPES, m.modelId).toContain(m.geoScope);
      expect(LIFECYCLE_STATUSES, m.modelId).toContain(m.lifecycleStatus);
      for (const c of m.capabilities) expect(CAPABILITIES as readonly string[], m.modelId).toContain(c);
      for (const u of m.useCases) expect(USE_CASES, m.modelId).toContain(u);
      expect(Number.isInteger(m.qualityTier) && m.qualityTier >= 1 && m.qualityTier <= 5, m.modelId).toBe(true);
      expect(Number.isInteger(m.contextWindow) && m.contextWindow > 0, m.modelId).toBe(true);
      expect(Number.isInteger(m.maxOutputTokens) && m.maxOutputTokens >= 0, m.modelId).toBe(true);
      expect(m.capabilities.length, m.modelId).toBeGreaterThan(0);
    }
  });

  it("has non-negative prices, with a zero output price only for embeddings", () => {
    for (const m of catalogSnapshot) {
      expect(m.inputPricePerMTok, m.modelId).toBeGreaterThanOrEqual(0);
      expect(m.outputPricePerMTok, m.modelId).toBeGreaterThanOrEqual(0);
      for (const p of [m.cacheReadPricePerMTok, m.cacheWritePricePerMTok]) {
        if (p !== null) expect(p, m.modelId).toBeGreaterThanOrEqual(0);
      }
      if (isEmbedding(m)) {
        expect(m.outputPricePerMTok, m.modelId).toBe(0);
        expect(m.maxOutputTokens, m.modelId).toBe(0);
        expect(m.outputModalities, m.modelId).toEqual(["EMBEDDING"]);
        expect(m.capabilities, m.modelId).toEqual(["embedding"]);
        expect(m.streamingSupported, m.modelId).toBe(false);
      } else {
        expect(m.outputPricePerMTok, m.modelId).toBeGreaterThan(0);
        expect(m.maxOutputTokens, m.modelId).toBeGreaterThan(0);
        expect(m.streamingSupported, m.modelId).toBe(true);
      }
    }
  });

  it("records provenance for prices, limits, geo scope and lifecycle with valid dates", () => {
    const required = ["inputPricePerMTok", "outputPricePerMTok", "contextWindow", "maxOutputTokens", "geoScope", "lifecycleStatus"];
    for (const m of catalogSnapshot) {
      const keys = [...required];
      if (m.cacheReadPricePerMTok !== null) keys.push("cacheReadPricePerMTok");
      if (m.cacheWritePricePerMTok !== null) keys.push("cacheWritePricePerMTok");
      if (m.endOfLifeDate !== null) keys.push("endOfLifeDate");
      for (const key of keys) {
        const p = m.provenance[key];
        expect(p, `${m.modelId} ${key}`).toBeDefined();
        expect(p?.source, `${m.modelId} ${key}`).toBe("snapshot");
        expect(p?.ref.trim().length, `${m.modelId} ${key}`).toBeGreaterThan(0);
        expect(isIsoDate(p?.asOf), `${m.modelId} ${key} ${p?.asOf}`).toBe(true);
        expect(p!.asOf <= CATALOG_SNAPSHOT_DATE, `${m.modelId} ${key}`).toBe(true);
      }
    }
  });

  it("gives legacy entries an end-of-life date and disables those ending before 2026-11-24", () => {
    for (const m of invocable) {
      if (m.lifecycleStatus !== "legacy") continue;
      expect(isIsoDate(m.endOfLifeDate), m.modelId).toBe(true);
      if (m.endOfLifeDate! < "2026-11-24") expect(m.enabled, m.modelId).toBe(false);
    }
    for (const m of catalogSnapshot) {
      if (m.legacyDate !== null) expect(isIsoDate(m.legacyDate), m.modelId).toBe(true);
      if (m.endOfLifeDate !== null) expect(isIsoDate(m.endOfLifeDate), m.modelId).toBe(true);
    }
  });

  it("keeps US-only models disabled and out of eu-central-1", () => {
    for (const m of catalogSnapshot.filter((e) => e.geoScope === "us")) {
      expect(m.enabled, m.modelId).toBe(false);
      expect(m.region, m.modelId).not.toBe("eu-central-1");
      expect(m.notes ?? "", m.modelId).toMatch(/US only/);
    }
  });

  it("routes invocable targets through eu-central-1", () => {
    for (const m of invocable) {
      expect(m.destinationRegions, m.modelId).toContain("eu-central-1");
      if (m.geoScope === "in-region" || m.geoScope === "global") expect(m.destinationRegions, m.modelId).toEqual(["eu-central-1"]);
      if (m.geoScope === "eu")
        expect(
          m.destinationRegions.every((r) => r.startsWith("eu-")),
          m.modelId,
        ).toBe(true);
      if (m.geoScope === "global") expect(m.notes ?? "", m.modelId).toMatch(/global/i);
    }
  });

  it("covers the main providers", () => {
    const providers = new Set(invocable.map((m) => m.provider));
    for (const p of ["Amazon", "Anthropic", "Meta", "Mistral", "Cohere"]) expect(providers, p).toContain(p);
  });

  it("contains the three models of the old mix, enabled", () => {
    for (const id of ["eu.anthropic.claude-sonnet-4-5-20250929-v1:0", "eu.amazon.nova-lite-v1:0", "eu.amazon.nova-pro-v1:0"]) {
      const m = byId.get(id);
      expect(m, id).toBeDefined();
      expect(m?.enabled, id).toBe(true);
      expect(m?.region, id).toBe("eu-central-1");
    }
  });

  it("never enables a bare Claude id in-region (not on-demand in eu-central-1)", () => {
    const bare = catalogSnapshot.filter((m) => m.modelId.startsWith("anthropic.") && m.geoScope === "in-region");
    for (const m of bare) expect(m.enabled, m.modelId).toBe(false);
  });

  it("has eu cache prices where the reference lists them", () => {
    expect(byId.get("eu.anthropic.claude-sonnet-4-5-20250929-v1:0")?.cacheReadPricePerMTok).toBe(0.33);
    expect(byId.get("eu.anthropic.claude-haiku-4-5-20251001-v1:0")?.cacheWritePricePerMTok).toBe(1.375);
    expect(byId.get("eu.anthropic.claude-opus-4-6-v1")?.cacheReadPricePerMTok).toBe(0.55);
  });
});
