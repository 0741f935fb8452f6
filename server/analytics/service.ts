import "server-only";
import { assertCan, type Actor } from "@/server/auth/roles";
import { cachedCatalog } from "@/server/catalog/cache";
import { getDb } from "@/server/db";
import { chooseBucket, dayOf, lastDays, type Bucket, type Day, type DayRange } from "@/lib/date-range";
import { costReport, defaultBaselineId, type TokenPrices, type UseCaseVolume } from "@/lib/cost";
import { PAGE_SIZE, parseHistoryParams, type ParsedHistory } from "@/lib/history-filter";
import { modelLabels, type ModelLabels } from "@/lib/model-labels";
import type { Point } from "@/lib/chart-shape";
import type { CatalogModel } from "@/lib/catalog-model";
import {
  adoptionByModel,
  autoSwitchOutcomes,
  firstActivityDay,
  PREFERENCES_PAGE_SIZE,
  trafficPoints,
  userPreferencesPage,
  type AutoOutcomes,
  type ModelAdoption,
  type UserPreference,
} from "./adoption";
import type { UseCaseMonthlyCost } from "@/lib/cost";
import { currentMonthlyCosts } from "@/server/costs/monthly-cost";
import { listUseCases } from "@/server/use-cases/load";
import { modelsFitFor } from "@/server/policy/fit";
import { costsByKey, servedShareByUseCase, type KeyCosts, type KeyTotals, type ModelShare } from "./traffic";
import { getTrafficSplit } from "@/server/traffic/cache";
import { splitShares, type SplitRow } from "@/server/traffic/split";
import { switchCsvChunks } from "./export";
import {
  countSwitches,
  findAccount,
  historyFilterOptions,
  switchChartPoints,
  switchPage,
  type HistoryUserOption,
  type SwitchChartPoints,
  type SwitchPage,
} from "./history";
import { conversationOverrideModels, lastSwitchPerUseCase, recentSwitchKpis, type LastSwitch, type SwitchKpis } from "./overview";

// What the analytics pages load, one function per page. Each checks the caller's permission itself (the pages check
// the role too, but a page is not the only way in) and returns only bounded, aggregated data: a page of rows, a
// chart's buckets, the catalog's prices. Nothing here writes.

type Params = Record<string, string | string[] | undefined>;

/** The model facts the analytics pages show: names, prices, lifecycle. About fifty entries. */
export type AnalyticsModel = Pick<
  CatalogModel,
  | "modelId"
  | "name"
  | "provider"
  | "geoScope"
  | "enabled"
  | "outputModalities"
  | "inputPricePerMTok"
  | "outputPricePerMTok"
  | "lifecycleStatus"
  | "legacyDate"
  | "endOfLifeDate"
>;

function toAnalyticsModel(m: CatalogModel): AnalyticsModel {
  return {
    modelId: m.modelId,
    name: m.name,
    provider: m.provider,
    geoScope: m.geoScope,
    enabled: m.enabled,
    outputModalities: m.outputModalities,
    inputPricePerMTok: m.inputPricePerMTok,
    outputPricePerMTok: m.outputPricePerMTok,
    lifecycleStatus: m.lifecycleStatus,
    legacyDate: m.legacyDate,
    endOfLifeDate: m.endOfLifeDate,
  };
}

async function catalogFacts(): Promise<{ models: AnalyticsModel[]; labels: ModelLabels }> {
  const catalog = await cachedCatalog();
  return { models: catalog.map(toAnalyticsModel), labels: modelLabels(catalog) };
}

// ---- History ----------------------------------------------------------------------------------------------------

export type HistoryData = ParsedHistory & {
  today: Day;
  total: number;
  totalPages: number;
  pageSize: number;
  result: SwitchPage;
  bucket: Bucket;
  charts: SwitchChartPoints;
  options: { useCases: string[]; users: HistoryUserOption[]; moreUsers: boolean; models: { id: string; label: string }[] };
  labels: ModelLabels;
};

export async function loadHistory({ actor, params }: { actor: Actor; params: Params }): Promise<HistoryData> {
  assertCan(actor, "analytics:read");
  const today = dayOf(new Date());
  const parsed = parseHistoryParams(params, today);
  const { filter } = parsed;
  const db = await getDb();
  const bucket = chooseBucket(filter);
  const [total, charts, options, facts] = await Promise.all([
    countSwitches({ db, filter }),
    switchChartPoints({ db, filter, bucket }),
    historyFilterOptions({ db }),
    catalogFacts(),
  ]);
  const result = await switchPage({ db, filter, position: parsed.position, total });
  const totalPages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const page = parsed.position.kind === "last" ? totalPages : Math.min(parsed.page, totalPages);
  // A user filter that names someone past the first options still shows as selected.
  if (filter.user && !options.users.some((u) => u.id === filter.user)) {
    const extra = await findAccount({ db, id: filter.user });
    if (extra) options.users = [extra, ...options.users];
  }
  const models = facts.models.map((m) => ({ id: m.modelId, label: facts.labels[m.modelId] ?? m.modelId })).sort((a, b) => a.label.localeCompare(b.label));
  return {
    ...parsed,
    page,
    today,
    total,
    totalPages,
    pageSize: PAGE_SIZE,
    result,
    bucket,
    charts,
    options: { ...options, models },
    labels: facts.labels,
  };
}

/** The CSV export: the same filter as the page, every matching row, streamed. */
export async function exportSwitches({
  actor,
  params,
}: {
  actor: Actor;
  params: URLSearchParams;
}): Promise<{ filter: ParsedHistory["filter"]; problems: string[]; chunks: () => AsyncGenerator<string> }> {
  assertCan(actor, "analytics:read");
  const { filter, problems } = parseHistoryParams(params, dayOf(new Date()));
  const db = await getDb();
  return { filter, problems, chunks: () => switchCsvChunks({ db, filter }) };
}

// ---- Costs ------------------------------------------------------------------------------------------------------

export const KEY_COST_RANGES = ["7d", "30d", "90d", "all"] as const;
export type KeyCostRangeKey = (typeof KEY_COST_RANGES)[number];

export type CostsData = {
  today: Day;
  /** Each use case's monthly cost figure (server/costs/monthly-cost.ts), the one every page shows. */
  figures: UseCaseMonthlyCost[];
  /** Per use case, the models its policy lets it use: the what-if offers only these. */
  whatIfModels: Record<string, string[]>;
  /** Gateway calls per API key over the chosen range, and the calls without a key (chat, service key). */
  byKey: { rangeKey: KeyCostRangeKey; keys: KeyCosts[]; withoutKey: KeyTotals };
  models: AnalyticsModel[];
  labels: ModelLabels;
  defaultBaselineId: string | null;
};

/** The figures as the cost report prices them (a use case whose model left the catalog keeps its volume). */
export function volumesOf(figures: readonly UseCaseMonthlyCost[]): UseCaseVolume[] {
  return figures.map((f) => ({ useCase: f.useCase, currentModelId: f.currentModelId, volume: f.volume }));
}

export async function loadCosts({ actor, params = {} }: { actor: Actor; params?: Params }): Promise<CostsData> {
  assertCan(actor, "analytics:read");
  const today = dayOf(new Date());
  const raw = typeof params.keyRange === "string" ? params.keyRange : undefined;
  const rangeKey: KeyCostRangeKey = (KEY_COST_RANGES as readonly string[]).includes(raw ?? "") ? (raw as KeyCostRangeKey) : "30d";
  const days = { "7d": 7, "30d": 30, "90d": 90 } as const;
  const keyRange = rangeKey === "all" ? null : lastDays(today, days[rangeKey]);
  const db = await getDb();
  const [figures, facts, catalog, cases, byKey] = await Promise.all([
    currentMonthlyCosts(),
    catalogFacts(),
    cachedCatalog(),
    listUseCases({ db }),
    costsByKey({ db, range: keyRange }),
  ]);
  const priced = new Map<string, TokenPrices>(facts.models.map((m) => [m.modelId, m]));
  const whatIfModels = Object.fromEntries(cases.map((u) => [u.name, modelsFitFor(u, catalog).map((m) => m.modelId)]));
  return {
    today,
    byKey: { rangeKey, ...byKey },
    figures,
    whatIfModels,
    models: facts.models,
    labels: facts.labels,
    defaultBaselineId: defaultBaselineId(volumesOf(figures), priced),
  };
}

// ---- Adoption ---------------------------------------------------------------------------------------------------

export const ADOPTION_RANGES = ["30d", "90d", "365d", "all"] as const;
export type AdoptionRangeKey = (typeof ADOPTION_RANGES)[number];

export type AdoptionData = {
  today: Day;
  rangeKey: AdoptionRangeKey;
  /** null: all time (the old query's definition). */
  range: DayRange | null;
  /** The range the traffic chart spans (all time starts at the first activity). */
  chartRange: DayRange;
  bucket: Bucket;
  byModel: ModelAdoption[];
  outcomes: AutoOutcomes;
  traffic: Point[];
  /** Per use case: the split as configured now, and each model's share of the calls it served in the range. */
  splitShares: UseCaseSplitShare[];
  preferences: { users: UserPreference[]; totalUsers: number; page: number; totalPages: number; pageSize: number };
  labels: ModelLabels;
};

export type UseCaseSplitShare = { useCase: string; currentModelId: string; configured: SplitRow[]; served: number; observed: ModelShare[] };

async function splitSharesByUseCase({ db, range }: { db: Awaited<ReturnType<typeof getDb>>; range: DayRange | null }): Promise<UseCaseSplitShare[]> {
  const [cases, served] = await Promise.all([listUseCases({ db }), servedShareByUseCase({ db, range })]);
  const byUseCase = new Map(served.map((s) => [s.useCase, s]));
  return Promise.all(
    cases.map(async (u) => {
      const split = await getTrafficSplit(u.name);
      const observed = byUseCase.get(u.name);
      return {
        useCase: u.name,
        currentModelId: u.currentModelId,
        configured: splitShares(split.rows, u.currentModelId),
        served: observed?.served ?? 0,
        observed: observed?.models ?? [],
      };
    }),
  );
}

export async function loadAdoption({ actor, params }: { actor: Actor; params: Params }): Promise<AdoptionData> {
  assertCan(actor, "analytics:read");
  const now = new Date();
  const today = dayOf(now);
  const raw = typeof params.range === "string" ? params.range : undefined;
  const rangeKey: AdoptionRangeKey = (ADOPTION_RANGES as readonly string[]).includes(raw ?? "") ? (raw as AdoptionRangeKey) : "all";
  const days = { "30d": 30, "90d": 90, "365d": 365 } as const;
  const range = rangeKey === "all" ? null : lastDays(today, days[rangeKey]);
  const pageRaw = Number(typeof params.usersPage === "string" ? params.usersPage : 1);
  const page = Number.isInteger(pageRaw) && pageRaw >= 1 && pageRaw <= 1_000_000 ? pageRaw : 1;
  const db = await getDb();
  const first = range ? null : await firstActivityDay({ db });
  const chartRange = range ?? { from: first && first < today ? first : today, to: today };
  const bucket = chooseBucket(chartRange, "coarse");
  const [byModel, outcomes, traffic, shares, prefs, facts] = await Promise.all([
    adoptionByModel({ db, range }),
    autoSwitchOutcomes({ db, range, now }),
    trafficPoints({ db, range: chartRange, bucket }),
    splitSharesByUseCase({ db, range }),
    userPreferencesPage({ db, page }),
    catalogFacts(),
  ]);
  return {
    today,
    rangeKey,
    range,
    chartRange,
    bucket,
    byModel,
    outcomes,
    traffic,
    splitShares: shares,
    preferences: {
      ...prefs,
      page,
      pageSize: PREFERENCES_PAGE_SIZE,
      totalPages: Math.max(1, Math.ceil(prefs.totalUsers / PREFERENCES_PAGE_SIZE)),
    },
    labels: facts.labels,
  };
}

// ---- Overview ---------------------------------------------------------------------------------------------------

export type OverviewUseCase = {
  name: string;
  currentModelId: string;
  /** The use case's monthly cost figure; null when its model left the catalog. */
  monthlyUsd: number | null;
  basisLabel: string;
  lastSwitch: LastSwitch | null;
};

export type OverviewData = {
  today: Day;
  kpis: SwitchKpis;
  costs: { currentUsd: number; baselineUsd: number; savingUsd: number; savingPct: number | null; baselineModelId: string | null };
  useCases: OverviewUseCase[];
  /** Current use-case models and conversation overrides, each once. */
  modelsInUse: { modelId: string; useCases: string[]; conversations: number }[];
  models: AnalyticsModel[];
  labels: ModelLabels;
  trend: { range: DayRange; points: Point[] };
};

export async function loadOverview({ actor }: { actor: Actor }): Promise<OverviewData> {
  assertCan(actor, "analytics:read");
  const now = new Date();
  const today = dayOf(now);
  const db = await getDb();
  const trendRange = lastDays(today, 30);
  const [kpis, figures, lastSwitches, overrides, facts, trend] = await Promise.all([
    recentSwitchKpis({ db, now }),
    currentMonthlyCosts(),
    lastSwitchPerUseCase({ db }),
    conversationOverrideModels({ db }),
    catalogFacts(),
    switchChartPoints({ db, filter: trendRange, bucket: "day" }),
  ]);
  const priced = new Map<string, TokenPrices>(facts.models.map((m) => [m.modelId, m]));
  const volumes = volumesOf(figures);
  const baselineModelId = defaultBaselineId(volumes, priced);
  const report = baselineModelId ? costReport({ volumes, models: priced, baselineModelId }) : null;
  const inUse = new Map<string, { modelId: string; useCases: string[]; conversations: number }>();
  for (const v of volumes) {
    const entry = inUse.get(v.currentModelId) ?? { modelId: v.currentModelId, useCases: [], conversations: 0 };
    entry.useCases.push(v.useCase);
    inUse.set(v.currentModelId, entry);
  }
  for (const o of overrides) {
    const entry = inUse.get(o.modelId) ?? { modelId: o.modelId, useCases: [], conversations: 0 };
    entry.conversations += o.conversations;
    inUse.set(o.modelId, entry);
  }
  return {
    today,
    kpis,
    costs: {
      currentUsd: report?.totals.currentUsd ?? 0,
      baselineUsd: report?.totals.baselineUsd ?? 0,
      savingUsd: report?.totals.savingUsd ?? 0,
      savingPct: report?.totals.savingPct ?? null,
      baselineModelId,
    },
    useCases: figures.map((f) => ({
      name: f.useCase,
      currentModelId: f.currentModelId,
      monthlyUsd: f.monthlyUsd,
      basisLabel: f.basisLabel,
      lastSwitch: lastSwitches.get(f.useCase) ?? null,
    })),
    modelsInUse: [...inUse.values()].sort((a, b) => b.useCases.length - a.useCases.length || b.conversations - a.conversations),
    models: facts.models,
    labels: facts.labels,
    trend: { range: trendRange, points: trend.byType },
  };
}
