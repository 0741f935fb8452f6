import type { Metadata } from "next";
import { CircleAlert, Download } from "lucide-react";
import { HistoryFilters } from "@/components/analytics/history-filters";
import { filterToParams } from "@/lib/history-filter";
import { HistoryPagination } from "@/components/analytics/history-pagination";
import { HistoryTable } from "@/components/analytics/history-table";
import { RefreshOnSwitch } from "@/components/analytics/refresh-on-switch";
import { SwitchesByModelChart, SwitchesByTypeChart } from "@/components/analytics/switch-charts";
import { PageHeader } from "@/components/shell/page-header";
import { Button } from "@/components/ui/button";
import { formatInteger } from "@/lib/format";
import { loadHistory } from "@/server/analytics/service";
import { requireStaff } from "@/server/auth/session";

export const metadata: Metadata = { title: "History" };

export default async function HistoryPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireStaff();
  const data = await loadHistory({ actor: { kind: "user", user }, params: await searchParams });
  const { filter, result, total } = data;
  const exportHref = `/history/export?${filterToParams(filter).toString()}`;
  const first = result.rows[0]?.id ?? null;
  const last = result.rows[result.rows.length - 1]?.id ?? null;

  return (
    <>
      <PageHeader title="History" description="Every model switch: who made it, when and why." />
      {/* Live on the newest page only: a page further back keeps its rows while someone reads them. */}
      {data.position.kind === "first" ? <RefreshOnSwitch /> : null}
      <HistoryFilters
        filter={filter}
        useCases={data.options.useCases}
        models={data.options.models}
        users={data.options.users}
        moreUsers={data.options.moreUsers}
      />
      {data.problems.length ? (
        <div role="alert" data-testid="history-problems" className="flex items-start gap-2 rounded-md border border-warning/40 bg-warning/10 px-4 py-3 text-sm">
          <CircleAlert aria-hidden="true" className="mt-0.5 size-4 shrink-0" />
          <ul>
            {data.problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </div>
      ) : null}

      <div className="grid gap-6 xl:grid-cols-2">
        <SwitchesByModelChart points={data.charts.byModel} range={filter} bucket={data.bucket} labels={data.labels} today={data.today} />
        <SwitchesByTypeChart points={data.charts.byType} range={filter} bucket={data.bucket} today={data.today} />
      </div>

      <section aria-labelledby="log-heading" className="flex flex-col gap-3">
        <div className="flex flex-wrap items-end justify-between gap-3">
          <div>
            <h2 id="log-heading" className="text-lg font-semibold">
              Switch log
            </h2>
            <p className="text-sm text-muted-foreground" aria-live="polite">
              <span data-testid="history-count" data-count={total}>
                {formatInteger(total)} {total === 1 ? "switch" : "switches"}
              </span>{" "}
              from {filter.from} to {filter.to} (UTC), newest first
            </p>
          </div>
          {total > 0 ? (
            <Button asChild variant="outline" size="sm">
              <a href={exportHref} download data-testid="history-export">
                <Download aria-hidden="true" />
                Download CSV ({formatInteger(total)} rows)
              </a>
            </Button>
          ) : null}
        </div>
        <HistoryTable rows={result.rows} labels={data.labels} filter={filter} />
        {total > 0 ? (
          <HistoryPagination
            filter={filter}
            page={data.page}
            totalPages={data.totalPages}
            firstId={first}
            lastId={last}
            hasNewer={result.hasNewer}
            hasOlder={result.hasOlder}
          />
        ) : null}
      </section>
    </>
  );
}
