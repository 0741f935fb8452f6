import type { Metadata } from "next";
import { CostsExplorer } from "@/components/analytics/costs-explorer";
import { parseCostsView } from "@/lib/costs-view";
import { KeyCostsCard } from "@/components/analytics/key-costs";
import { PeriodSelect } from "@/components/analytics/period-select";
import { PageHeader } from "@/components/shell/page-header";
import { loadCosts, type KeyCostRangeKey } from "@/server/analytics/service";

const KEY_PERIODS: { value: KeyCostRangeKey; label: string; text: string }[] = [
  { value: "7d", label: "Last 7 days", text: "in the last 7 days" },
  { value: "30d", label: "Last 30 days", text: "in the last 30 days" },
  { value: "90d", label: "Last 90 days", text: "in the last 90 days" },
  { value: "all", label: "All time", text: "of all time" },
];
import { requireStaff } from "@/server/auth/session";
import { modelDisplayName } from "@/lib/model-labels";

export const metadata: Metadata = { title: "Costs" };

export default async function CostsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireStaff();
  const params = await searchParams;
  const data = await loadCosts({ actor: { kind: "user", user }, params });
  const keyPeriod = KEY_PERIODS.find((p) => p.value === data.byKey.rangeKey)!;
  const initial = parseCostsView(params, {
    models: new Set(data.models.map((m) => m.modelId)),
    useCases: new Set(data.figures.map((f) => f.useCase)),
  });
  return (
    <>
      <PageHeader title="Costs" description="What each use case costs a month at its current model, against a baseline, and what a switch would change." />
      <CostsExplorer
        figures={data.figures}
        whatIfModels={data.whatIfModels}
        models={data.models.map((m) => ({
          modelId: m.modelId,
          name: modelDisplayName(m),
          provider: m.provider,
          enabled: m.enabled,
          outputModalities: m.outputModalities,
          inputPricePerMTok: m.inputPricePerMTok,
          outputPricePerMTok: m.outputPricePerMTok,
        }))}
        labels={data.labels}
        initial={initial}
        canSwitch={user.role === "admin"}
      />
      <KeyCostsCard
        keys={data.byKey.keys}
        withoutKey={data.byKey.withoutKey}
        periodText={keyPeriod.text}
        periodSelect={<PeriodSelect value={data.byKey.rangeKey} options={KEY_PERIODS} param="keyRange" label="Key spend period" />}
      />
    </>
  );
}
