import "server-only";
import { sql } from "drizzle-orm";
import { bedrockModels } from "@/db/schema";
import { assertCan, type Actor } from "@/server/auth/roles";
import { planCatalogSync } from "@/server/bedrock";
import { getDb } from "@/server/db";
import { env } from "@/server/env";
import { gateway } from "@/server/orchestration/gateway";
import { invalidateCatalog } from "./cache";
import { loadCatalog } from "./list-models";

export type SyncSummary = { mode: "aws" | "offline"; added: string[]; updated: string[]; unchanged: number; notInAws: string[]; notOnDemand: string[] };

/** Catalog sync from Bedrock: upserts models and profiles (facts from AWS), keeps prices and curated fields. */
export async function syncCatalog({ actor }: { actor: Actor }): Promise<SyncSummary> {
  assertCan(actor, "catalog:write");
  const gw = gateway();
  const db = await getDb();
  const [existing, foundationModels, profiles] = await Promise.all([loadCatalog({ db }), gw.listFoundationModels(), gw.listInferenceProfiles()]);
  const plan = planCatalogSync({ existing, foundationModels, profiles, region: env().AWS_REGION, now: new Date() });
  if (plan.upserts.length) {
    await db.transaction(async (tx) => {
      for (const m of plan.upserts) {
        const row = { ...m, sourceUpdatedAt: new Date(m.sourceUpdatedAt), updatedAt: new Date() };
        await tx
          .insert(bedrockModels)
          .values(row)
          .onConflictDoUpdate({ target: bedrockModels.modelId, set: { ...row, createdAt: sql`${bedrockModels.createdAt}` } });
      }
    });
    await invalidateCatalog();
  }
  return { mode: gw.mode, added: plan.added, updated: plan.updated, unchanged: plan.unchanged.length, notInAws: plan.notInAws, notOnDemand: plan.notOnDemand };
}
