import { Suspense } from "react";
import type { Metadata } from "next";
import { ModelsExplorer } from "@/components/models/models-explorer";
import { PageHeader } from "@/components/shell/page-header";
import { Skeleton } from "@/components/ui/skeleton";
import { requireStaff } from "@/server/auth/session";
import { listModels } from "@/server/catalog/service";

export const metadata: Metadata = { title: "Models" };

export default async function ModelsPage() {
  const user = await requireStaff();
  // The whole catalog (about 45 entries) goes to the client, which filters and sorts without round trips.
  const models = await listModels({ actor: { kind: "user", user }, filter: { includeDisabled: true } });
  const today = new Date().toISOString().slice(0, 10);

  return (
    <>
      <PageHeader
        title="Models"
        description="Every Bedrock target in the catalog: prices, limits, lifecycle and where each fact came from."
      />
      <Suspense fallback={<Skeleton className="h-96 w-full" />}>
        <ModelsExplorer models={models} today={today} />
      </Suspense>
    </>
  );
}
