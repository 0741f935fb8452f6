import type { Metadata } from "next";
import { CostsExplorer } from "@/components/analytics/costs-explorer";
import { parseCostsView } from "@/lib/costs-view";
import { PageHeader } from "@/components/shell/page-header";
import { loadCosts } from "@/server/analytics/service";
import { requireStaff } from "@/server/auth/session";

export const metadata: Metadata = { title: "Costs" };

export default async function CostsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requireStaff();
  const data = await loadCosts({ actor: { kind: "user", user } });
  const initial = parseCostsView(await searchParams, {
    models: new Set(data.models.map((m) => m.modelId)),
    useCases: new Set(data.figures.map((f) => f.useCase)),
  });
  return (
    <>
      <PageHeader
        title="Costs"
        description="What each use case costs a month at its current model, against a baseline, and what a switch would change."
      />
      <CostsExplorer
        figures={data.figures}
        whatIfModels={data.whatIfModels}
        models={data.models.map((m) => ({
          modelId: m.modelId,
          name: m.name,
          provider: m.provider,
          enabled: m.enabled,
          inputPricePerMTok: m.inputPricePerMTok,
          outputPricePerMTok: m.outputPricePerMTok,
        }))}
        labels={data.labels}
        initial={initial}
        canSwitch={user.role === "admin"}
      />
    </>
  );
}
