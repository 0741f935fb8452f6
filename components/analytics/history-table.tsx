import Link from "next/link";
import { History } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { actorDisplay, labelForUseCase } from "@/lib/labels";
import { formatDateTime } from "@/lib/format";
import type { HistoryRow } from "@/server/analytics/history";
import { filterToParams, SWITCH_TYPE_LABELS, type HistoryFilter, type SwitchTypeName } from "@/lib/history-filter";
import { labelOf, type ModelLabels } from "@/lib/model-labels";

const TYPE_VARIANT: Record<SwitchTypeName, "success" | "info" | "warning"> = { auto: "success", manual: "info", fallback: "warning" };

export function SwitchTypeBadge({ type }: { type: SwitchTypeName }) {
  return (
    <Badge variant={TYPE_VARIANT[type]} data-switch-type={type}>
      {SWITCH_TYPE_LABELS[type]}
    </Badge>
  );
}

/** "Nova Pro → Nova Lite" (a text arrow: fifty rows of SVG icons weigh more than the rows themselves). */
export function ModelChange({ from, to, labels }: { from: string | null; to: string; labels: ModelLabels }) {
  return (
    <span>
      <span className="text-muted-foreground" title={from ?? undefined}>
        {labelOf(labels, from)}
      </span>
      <span aria-hidden="true" className="px-1.5 text-muted-foreground">
        →
      </span>
      <span className="sr-only"> to </span>
      <span className="font-medium" title={to}>
        {labelOf(labels, to)}
      </span>
    </span>
  );
}

/** One page of the switch log. */
export function HistoryTable({ rows, labels, filter }: { rows: readonly HistoryRow[]; labels: ModelLabels; filter: HistoryFilter }) {
  if (!rows.length) {
    return (
      <EmptyState
        icon={<History />}
        title="No switches match"
        description="Nothing was switched in this range with these filters. Widen the dates or clear a filter."
      />
    );
  }
  const byUser = (userId: string) => {
    const params = filterToParams({ ...filter, user: userId });
    return `/history?${params.toString()}`;
  };
  return (
    <Table containerClassName="rounded-md border" data-testid="history-table">
      <caption className="sr-only">Switches, newest first</caption>
      <TableHeader>
        <TableRow>
          <TableHead scope="col">When (UTC)</TableHead>
          <TableHead scope="col">Scope</TableHead>
          <TableHead scope="col">Change</TableHead>
          <TableHead scope="col">Type</TableHead>
          <TableHead scope="col">By</TableHead>
          <TableHead scope="col">Reason</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {rows.map((r) => (
          <TableRow key={r.id} data-switch-id={r.id}>
            <TableCell className="font-mono text-xs whitespace-nowrap tabular-nums">
              <time dateTime={r.timestamp}>{formatDateTime(r.timestamp).replace(" UTC", "")}</time>
            </TableCell>
            <TableCell className="whitespace-nowrap">
              {labelForUseCase(r.useCase)}
              {r.scope === "conversation" ? (
                <span className="ml-1.5 text-xs text-muted-foreground" title={`Conversation ${r.conversationId}`}>
                  conversation
                </span>
              ) : null}
            </TableCell>
            <TableCell className="min-w-64">
              <ModelChange from={r.previousModelId} to={r.newModelId} labels={labels} />
            </TableCell>
            <TableCell>
              <SwitchTypeBadge type={r.switchType} />
            </TableCell>
            <TableCell className="whitespace-nowrap">
              {r.userId && r.userEmail ? (
                <Link href={byUser(r.userId)} className="underline-offset-4 hover:underline" title={`Only ${r.userEmail}`} data-actor>
                  {actorDisplay(r)}
                </Link>
              ) : (
                <span className="text-muted-foreground" data-actor>
                  {actorDisplay(r)}
                </span>
              )}
            </TableCell>
            <TableCell className="max-w-md text-muted-foreground">
              <span className="line-clamp-2" title={r.reason ?? undefined}>
                {r.reason ?? "—"}
              </span>
              {r.errorCode ? <span className="block font-mono text-xs">{r.errorCode}</span> : null}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
