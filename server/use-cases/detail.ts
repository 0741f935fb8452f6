import "server-only";
import { gt } from "drizzle-orm";
import { modelCooldowns } from "@/db/schema";
import type { CatalogModel, UseCase } from "@/lib/catalog-model";
import { assertCan, type Actor } from "@/server/auth/roles";
import { getDb } from "@/server/db";
import { AppError } from "@/server/errors";
import type { UseCaseMonthlyCost } from "@/lib/cost";
import { currentMonthlyCosts } from "@/server/costs/monthly-cost";
import { rankForUseCase } from "@/server/orchestration/get-for-use-case";
import { splitChoices } from "@/server/traffic/allowed";
import { getTrafficSplit } from "@/server/traffic/cache";
import { splitShares, type SplitRow } from "@/server/traffic/split";
import { findUseCase, listUseCases } from "./load";
import { modelDisplayName } from "@/lib/model-labels";

export type UseCaseCooldown = {
  modelId: string;
  name: string | null;
  /** ISO time until which the invoke path skips the model. */
  until: string;
  /** The Bedrock error that put it there (throttled, timeout, ...). */
  errorCode: string;
  /** Why it matters to this use case. */
  role: "current" | "fallback" | "candidate";
};

export type FallbackEntry = { modelId: string; name: string | null; enabled: boolean; coolingDownUntil: string | null };

/** One use case as its page shows it: the policy, the current model, the chain and what is cooling down. */
export type UseCaseDetail = {
  useCase: UseCase;
  currentModel: CatalogModel | null;
  fallbackChain: FallbackEntry[];
  cooldowns: UseCaseCooldown[];
  /** What it costs a month, on the basis every page shows (server/costs/monthly-cost.ts). */
  monthlyCost: UseCaseMonthlyCost | null;
  /** The traffic split: the stored rows, the shares with the current model's first, and the models a row may name. */
  traffic: { rows: SplitRow[]; shares: SplitRow[]; choices: { modelId: string; name: string }[] };
};

async function cooldownRows(now: Date) {
  const db = await getDb();
  return db.select().from(modelCooldowns).where(gt(modelCooldowns.until, now));
}

async function detailOf(useCase: UseCase, rows: Awaited<ReturnType<typeof cooldownRows>>, monthlyCost: UseCaseMonthlyCost | null): Promise<UseCaseDetail> {
  const [{ catalog, ranked }, split] = await Promise.all([rankForUseCase(useCase), getTrafficSplit(useCase.name)]);
  const byId = new Map(catalog.map((m) => [m.modelId, m]));
  const nameOf = (id: string) => {
    const m = byId.get(id);
    return m ? modelDisplayName(m) : null;
  };
  const coolingUntil = new Map(rows.map((r) => [r.modelId, r.until.toISOString()]));
  // A cooling model matters here when it serves the use case, backs it up, or would fit its policy but for the cooldown.
  const fitsButCooling = new Set(ranked.filter((r) => r.coolingDownUntil && r.reasons.length === 1).map((r) => r.modelId));
  const cooldowns: UseCaseCooldown[] = [];
  for (const r of rows) {
    const role =
      r.modelId === useCase.currentModelId
        ? "current"
        : useCase.fallbackChain.includes(r.modelId)
          ? "fallback"
          : fitsButCooling.has(r.modelId)
            ? "candidate"
            : null;
    if (role) cooldowns.push({ modelId: r.modelId, name: nameOf(r.modelId), until: r.until.toISOString(), errorCode: r.errorCode, role });
  }
  cooldowns.sort((a, b) => (a.until < b.until ? -1 : a.until > b.until ? 1 : 0));
  return {
    useCase,
    currentModel: byId.get(useCase.currentModelId) ?? null,
    fallbackChain: useCase.fallbackChain.map((modelId) => ({
      modelId,
      name: nameOf(modelId),
      enabled: byId.get(modelId)?.enabled ?? false,
      coolingDownUntil: coolingUntil.get(modelId) ?? null,
    })),
    cooldowns,
    monthlyCost,
    traffic: {
      rows: split.rows,
      shares: splitShares(split.rows, useCase.currentModelId),
      choices: splitChoices(useCase, catalog),
    },
  };
}

export async function getUseCaseDetail({ actor, name }: { actor: Actor; name: string }): Promise<UseCaseDetail> {
  assertCan(actor, "catalog:read");
  const useCase = await findUseCase({ db: await getDb(), name });
  if (!useCase) throw new AppError("not_found", `Use case ${name} does not exist.`);
  const [rows, [figure]] = await Promise.all([cooldownRows(new Date()), currentMonthlyCosts({ useCase: name })]);
  return detailOf(useCase, rows, figure ?? null);
}

export async function listUseCaseDetails({ actor }: { actor: Actor }): Promise<UseCaseDetail[]> {
  assertCan(actor, "catalog:read");
  const [all, rows, figures] = await Promise.all([listUseCases({ db: await getDb() }), cooldownRows(new Date()), currentMonthlyCosts()]);
  const byName = new Map(figures.map((f) => [f.useCase, f]));
  return Promise.all(all.map((u) => detailOf(u, rows, byName.get(u.name) ?? null)));
}
