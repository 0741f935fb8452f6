// Catalog sync through the service: in offline mode the gateway answers from the catalog itself, so a sync changes
// nothing a person curated; only admins may run it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { syncCatalog } from "@/server/catalog/sync";
import { resetBedrockGateways } from "@/server/bedrock";
import { codeOf } from "../support/errors";
import { drivers } from "../support/test-db";
import { createServiceFixture, type ServiceFixture } from "../support/service-fixture";

describe.each(drivers)("catalog sync on %s", (kind) => {
  let f: ServiceFixture;
  beforeAll(async () => {
    process.env.BEDROCK_MODE = "offline";
    resetBedrockGateways();
    f = await createServiceFixture(kind);
  });
  afterAll(async () => f?.t.drop());

  it("keeps prices, tiers, use cases and enabled flags", async () => {
    const before = await f.t.rows(
      "select model_id, input_price_per_mtok, output_price_per_mtok, quality_tier, use_cases, enabled from bedrock_models order by model_id",
    );
    const summary = await syncCatalog({ actor: f.admin });
    expect(summary.mode).toBe("offline");
    expect(summary.added).toEqual([]);
    const after = await f.t.rows(
      "select model_id, input_price_per_mtok, output_price_per_mtok, quality_tier, use_cases, enabled from bedrock_models order by model_id",
    );
    expect(after).toEqual(before);
  });

  it("is for admins only", async () => {
    expect(await codeOf(syncCatalog({ actor: f.analyst }))).toBe("forbidden");
    expect(await codeOf(syncCatalog({ actor: f.user }))).toBe("forbidden");
  });
});
