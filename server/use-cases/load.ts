import "server-only";
import { asc, eq, inArray } from "drizzle-orm";
import type { Database } from "@/db/client";
import { useCaseFallbacks, useCases } from "@/db/schema";
import type { UseCase } from "@/lib/catalog-model";

type Row = typeof useCases.$inferSelect;
type Tx = Parameters<Parameters<Database["transaction"]>[0]>[0];

export function toUseCase(row: Row, fallbackChain: string[]): UseCase {
  return {
    name: row.name,
    description: row.description,
    currentModelId: row.currentModelId,
    objective: row.objective,
    minContext: row.minContext,
    maxInputPricePerMTok: row.maxInputPricePerMTok === null ? null : Number(row.maxInputPricePerMTok),
    maxOutputPricePerMTok: row.maxOutputPricePerMTok === null ? null : Number(row.maxOutputPricePerMTok),
    requiredCapabilities: row.requiredCapabilities,
    allowedProviders: row.allowedProviders,
    allowedGeoScopes: row.allowedGeoScopes,
    excludeLegacy: row.excludeLegacy,
    candidates: row.candidates,
    allowAutoSwitch: row.allowAutoSwitch,
    allowUserChoice: row.allowUserChoice,
    cooldownSeconds: row.cooldownSeconds,
    fallbackChain,
    monthlyInputTokens: Number(row.monthlyInputTokens),
    monthlyOutputTokens: Number(row.monthlyOutputTokens),
    detectionTerms: row.detectionTerms,
    version: row.version,
  };
}

async function chains(db: Database | Tx, names: string[]): Promise<Map<string, string[]>> {
  const map = new Map<string, string[]>(names.map((n) => [n, []]));
  if (!names.length) return map;
  const rows = await db
    .select()
    .from(useCaseFallbacks)
    .where(inArray(useCaseFallbacks.useCase, names))
    .orderBy(asc(useCaseFallbacks.useCase), asc(useCaseFallbacks.position));
  for (const r of rows) map.get(r.useCase)?.push(r.modelId);
  return map;
}

export async function listUseCases({ db }: { db: Database }): Promise<UseCase[]> {
  const rows = await db.select().from(useCases).orderBy(asc(useCases.name));
  const fallback = await chains(
    db,
    rows.map((r) => r.name),
  );
  return rows.map((r) => toUseCase(r, fallback.get(r.name) ?? []));
}

export async function findUseCase({ db, name }: { db: Database | Tx; name: string }): Promise<UseCase | null> {
  const [row] = await db.select().from(useCases).where(eq(useCases.name, name)).limit(1);
  if (!row) return null;
  return toUseCase(row, (await chains(db, [name])).get(name) ?? []);
}
