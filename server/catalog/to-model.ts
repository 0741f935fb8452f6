import "server-only";
import type { bedrockModels } from "@/db/schema";
import type { CatalogModel } from "@/lib/catalog-model";

type Row = typeof bedrockModels.$inferSelect;

export function toCatalogModel(row: Row): CatalogModel {
  return {
    modelId: row.modelId,
    baseModelId: row.baseModelId,
    provider: row.provider,
    name: row.name,
    region: row.region,
    geoScope: row.geoScope,
    inputPricePerMTok: Number(row.inputPricePerMTok),
    outputPricePerMTok: Number(row.outputPricePerMTok),
    cacheReadPricePerMTok: row.cacheReadPricePerMTok === null ? null : Number(row.cacheReadPricePerMTok),
    cacheWritePricePerMTok: row.cacheWritePricePerMTok === null ? null : Number(row.cacheWritePricePerMTok),
    contextWindow: row.contextWindow,
    maxOutputTokens: row.maxOutputTokens,
    inputModalities: row.inputModalities,
    outputModalities: row.outputModalities,
    capabilities: row.capabilities,
    streamingSupported: row.streamingSupported,
    lifecycleStatus: row.lifecycleStatus,
    legacyDate: row.legacyDate,
    endOfLifeDate: row.endOfLifeDate,
    useCases: row.useCases,
    qualityTier: row.qualityTier,
    enabled: row.enabled,
    destinationRegions: row.destinationRegions,
    notes: row.notes,
    source: row.source,
    sourceUpdatedAt: row.sourceUpdatedAt.toISOString(),
    provenance: row.provenance,
  };
}
