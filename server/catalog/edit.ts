import "server-only";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { bedrockModels } from "@/db/schema";
import type { CatalogModel } from "@/lib/catalog-model";
import { assertCan, type Actor } from "@/server/auth/roles";
import { getDb } from "@/server/db";
import { AppError } from "@/server/errors";
import { invalidateCatalog } from "./cache";
import { toCatalogModel } from "./to-model";

const price = z.number().min(0, "must be 0 or more").max(10_000, "looks too high");
const isoDate = z.iso.date("must be a date (YYYY-MM-DD)").nullable();

/** What an admin may edit by hand; every edited fact is marked as a manual edit with today's date. */
export const catalogPatchSchema = z.strictObject({
  enabled: z.boolean().optional(),
  name: z.string().trim().min(1).max(80).optional(),
  inputPricePerMTok: price.optional(),
  outputPricePerMTok: price.optional(),
  cacheReadPricePerMTok: price.nullable().optional(),
  cacheWritePricePerMTok: price.nullable().optional(),
  contextWindow: z.number().int().min(1).max(100_000_000).optional(),
  maxOutputTokens: z.number().int().min(0).max(10_000_000).optional(),
  qualityTier: z.number().int().min(1).max(5).optional(),
  useCases: z
    .array(z.string().regex(/^[a-z][a-z0-9_-]*$/))
    .max(20)
    .optional(),
  lifecycleStatus: z.enum(["active", "legacy"]).optional(),
  legacyDate: isoDate.optional(),
  endOfLifeDate: isoDate.optional(),
  notes: z.string().trim().max(2000).nullable().optional(),
});
export type CatalogPatch = z.infer<typeof catalogPatchSchema>;

export async function editCatalogEntry({ actor, modelId, patch }: { actor: Actor; modelId: string; patch: CatalogPatch }): Promise<CatalogModel> {
  assertCan(actor, "catalog:write");
  const db = await getDb();
  const updated = await db.transaction(async (tx) => {
    const [row] = await tx.select().from(bedrockModels).where(eq(bedrockModels.modelId, modelId)).for("update").limit(1);
    if (!row) throw new AppError("not_found", `Model ${modelId} is not in the catalog.`);
    const asOf = new Date().toISOString().slice(0, 10);
    const ref = actor.kind === "service" ? "service" : actor.user.email;
    const provenance = { ...row.provenance };
    for (const field of Object.keys(patch)) provenance[field] = { source: "manual", ref, asOf };
    const [next] = await tx
      .update(bedrockModels)
      .set({ ...patch, provenance, source: "manual", sourceUpdatedAt: new Date(), updatedAt: new Date() })
      .where(eq(bedrockModels.modelId, modelId))
      .returning();
    return next!;
  });
  await invalidateCatalog();
  return toCatalogModel(updated);
}
