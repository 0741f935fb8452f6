import type { Metadata } from "next";
import { PageHeader } from "@/components/shell/page-header";
import { NewUseCaseDialog } from "@/components/use-cases/new-use-case-dialog";
import { USE_CASE_PARAM } from "@/components/use-cases/params";
import { UseCasesView } from "@/components/use-cases/use-cases-view";
import type { Actor } from "@/server/auth/roles";
import { requireStaff } from "@/server/auth/session";
import { listModels } from "@/server/catalog/service";
import { getForUseCase } from "@/server/orchestration/get-for-use-case";
import { listUseCaseDetails } from "@/server/use-cases/detail";
import { modelDisplayName } from "@/lib/model-labels";

export const metadata: Metadata = { title: "Use cases" };

export default async function UseCasesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireStaff();
  const actor: Actor = { kind: "user", user };
  const [details, catalog, params] = await Promise.all([listUseCaseDetails({ actor }), listModels({ actor, filter: { includeDisabled: true } }), searchParams]);
  const ranked = Object.fromEntries(
    await Promise.all(details.map(async (d) => [d.useCase.name, await getForUseCase({ actor, useCase: d.useCase.name })] as const)),
  );
  const providers = [...new Set(catalog.map((m) => m.provider))].sort();
  const wanted = params[USE_CASE_PARAM];
  const selected = typeof wanted === "string" && details.some((d) => d.useCase.name === wanted) ? wanted : (details[0]?.useCase.name ?? "");

  return (
    <>
      <PageHeader
        title="Use cases"
        description="Which model serves each use case, under which policy, and what happens when it fails."
        actions={
          user.role === "admin" ? (
            <NewUseCaseDialog
              templates={details.map((d) => d.useCase)}
              models={catalog.filter((m) => m.enabled).map((m) => ({ modelId: m.modelId, name: modelDisplayName(m), provider: m.provider }))}
            />
          ) : null
        }
      />
      <UseCasesView details={details} ranked={ranked} providers={providers} isAdmin={user.role === "admin"} initialSelected={selected} />
    </>
  );
}
