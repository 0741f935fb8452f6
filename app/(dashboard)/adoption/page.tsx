import type { Metadata } from "next";
import { AdoptionByModel, AutoOutcomesCard, PreferencesTable, TrafficShareChart } from "@/components/analytics/adoption-sections";
import { PeriodSelect } from "@/components/analytics/period-select";
import { SplitShareCard } from "@/components/analytics/split-share";
import { PageHeader } from "@/components/shell/page-header";
import { loadAdoption, type AdoptionRangeKey } from "@/server/analytics/service";
import { requireStaff } from "@/server/auth/session";

export const metadata: Metadata = { title: "Adoption" };

const PERIODS: { value: AdoptionRangeKey; label: string; text: string }[] = [
  { value: "30d", label: "Last 30 days", text: "in the last 30 days" },
  { value: "90d", label: "Last 90 days", text: "in the last 90 days" },
  { value: "365d", label: "Last 365 days", text: "in the last 365 days" },
  { value: "all", label: "All time", text: "of all time" },
];

export default async function AdoptionPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireStaff();
  const params = await searchParams;
  const data = await loadAdoption({ actor: { kind: "user", user }, params });
  const period = PERIODS.find((p) => p.value === data.rangeKey)!;
  const pageHref = (page: number) => {
    const next = new URLSearchParams();
    if (data.rangeKey !== "all") next.set("range", data.rangeKey);
    if (page > 1) next.set("usersPage", String(page));
    const query = next.toString();
    return query ? `/adoption?${query}` : "/adoption";
  };
  return (
    <>
      <PageHeader
        title="Adoption"
        description="How often automatic switching is used and kept, who prefers which model, and where the traffic goes."
        actions={<PeriodSelect value={data.rangeKey} options={PERIODS} />}
      />
      {/* One above the other: side by side, the short outcomes card stood beside the tall chart as a half-empty panel. */}
      <AutoOutcomesCard outcomes={data.outcomes} periodText={period.text} />
      <AdoptionByModel rows={data.byModel} labels={data.labels} periodText={period.text} />
      <SplitShareCard rows={data.splitShares} labels={data.labels} periodText={period.text} />
      <TrafficShareChart points={data.traffic} range={data.chartRange} bucket={data.bucket} labels={data.labels} today={data.today} />
      <PreferencesTable
        users={data.preferences.users}
        labels={data.labels}
        page={data.preferences.page}
        totalPages={data.preferences.totalPages}
        totalUsers={data.preferences.totalUsers}
        pageHref={pageHref}
      />
    </>
  );
}
