import { Suspense } from "react";
import type { Metadata } from "next";
import { ModelsExplorer } from "@/components/models/models-explorer";
import { PageHeader } from "@/components/shell/page-header";
import { Skeleton } from "@/components/ui/skeleton";
import { requireStaff } from "@/server/auth/session";
import { listModels } from "@/server/catalog/service";
import { listUseCaseSummaries } from "@/server/use-cases/summaries";

export const metadata: Metadata = { title: "Models" };

export default async function ModelsPage() {
  const user = await requireStaff();
  // The whole catalog (about 45 entries) goes to the client, which filters and sorts without round trips.
  const actor = { kind: "user", user } as const;
  const [models, useCases] = await Promise.all([listModels({ actor, filter: { includeDisabled: true } }), listUseCaseSummaries({ actor })]);
  const today = new Date().toISOString().slice(0, 10);

  return (
    <>
      <PageHeader title="Models" description="Every Bedrock target in the catalog: prices, limits, lifecycle and where each fact came from." />
      <Suspense fallback={<Skeleton className="h-96 w-full" />}>
        <ModelsExplorer models={models} today={today} role={user.role === "admin" ? "admin" : "analyst"} useCases={useCases} />
      </Suspense>
    </>
  );
}
