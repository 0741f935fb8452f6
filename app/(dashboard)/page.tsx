import { CircleAlert } from "lucide-react";
import { NotBuiltCard } from "@/components/shell/not-built-card";
import { PageHeader } from "@/components/shell/page-header";
import { requireStaff } from "@/server/auth/session";

export default async function OverviewPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requireStaff();
  // requireAdminPage() sends analysts here with ?denied=admin; say why instead of silently landing them.
  const { denied } = await searchParams;
  return (
    <>
      {denied === "admin" ? (
        <div
          role="alert"
          className="flex items-center gap-2 rounded-md border border-warning/40 bg-warning/10 px-4 py-3 text-sm"
        >
          <CircleAlert aria-hidden="true" className="size-4 shrink-0" />
          That page is for admins only.
        </div>
      ) : null}
      <PageHeader title="Overview" description="Every use case at a glance." />
      <NotBuiltCard willShow="Each use case with its current model, monthly cost estimate and last switch, plus the headline numbers." />
    </>
  );
}
