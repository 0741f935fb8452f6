import { CircleAlert } from "lucide-react";
import { OverviewKpis, UseCaseOverviewTable } from "@/components/analytics/overview-sections";
import { RefreshOnSwitch } from "@/components/analytics/refresh-on-switch";
import { SwitchesByTypeChart } from "@/components/analytics/switch-charts";
import { PageHeader } from "@/components/shell/page-header";
import { loadOverview } from "@/server/analytics/service";
import { requireStaff } from "@/server/auth/session";

export default async function OverviewPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireStaff();
  // requireAdminPage() sends analysts here with ?denied=admin; say why instead of silently landing them.
  const { denied } = await searchParams;
  const data = await loadOverview({ actor: { kind: "user", user } });
  return (
    <>
      {denied === "admin" ? (
        <div role="alert" className="flex items-center gap-2 rounded-md border border-warning/40 bg-warning/10 px-4 py-3 text-sm">
          <CircleAlert aria-hidden="true" className="size-4 shrink-0" />
          That page is for admins only.
        </div>
      ) : null}
      <PageHeader title="Overview" description="Every use case at a glance." />
      <RefreshOnSwitch />
      <OverviewKpis data={data} />
      <UseCaseOverviewTable data={data} />
      <SwitchesByTypeChart
        points={data.trend.points}
        range={data.trend.range}
        bucket="day"
        today={data.today}
        title="Switches, last 30 days"
        testId="chart-overview-trend"
      />
    </>
  );
}
