import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { labelForUseCase } from "@/lib/labels";
import { formatInteger, formatPct } from "@/lib/format";
import type { UseCaseSplitShare } from "@/server/analytics/service";
import { labelOf, type ModelLabels } from "@/lib/model-labels";

/**
 * Each use case's traffic by model: the split as configured now next to the share of the calls each model served in
 * the period, so a 90/10 canary shows as about 90% and 10% (and a model that served without being in the split, e.g.
 * after a fallback or before a switch, shows with no configured share).
 */
export function SplitShareCard({ rows, labels, periodText }: { rows: readonly UseCaseSplitShare[]; labels: ModelLabels; periodText: string }) {
  return (
    <Card className="gap-4" data-testid="split-share">
      <CardHeader>
        <CardTitle>
          <h2 className="text-base">Traffic share per use case</h2>
        </CardTitle>
        <CardDescription>
          Each model&apos;s share of the calls it served {periodText} (gateway and chat), beside the use case&apos;s traffic split as configured now.
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-6 lg:grid-cols-2">
        {rows.map((u) => {
          const models = [...new Set([...u.configured.map((c) => c.modelId), ...u.observed.map((o) => o.modelId)])];
          return (
            <Table key={u.useCase} data-use-case={u.useCase}>
              <caption className="mb-2 text-left text-sm font-medium">
                {labelForUseCase(u.useCase)} <span className="font-normal text-muted-foreground">· {formatInteger(u.served)} calls served</span>
              </caption>
              <TableHeader>
                <TableRow>
                  <TableHead scope="col">Model</TableHead>
                  <TableHead scope="col" className="text-right">
                    Split
                  </TableHead>
                  <TableHead scope="col" className="text-right">
                    Calls
                  </TableHead>
                  <TableHead scope="col" className="text-right">
                    Share
                  </TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {models.map((m) => {
                  const configured = u.configured.find((c) => c.modelId === m);
                  const observed = u.observed.find((o) => o.modelId === m);
                  return (
                    <TableRow key={m} data-model-id={m}>
                      <TableHead scope="row" className="h-auto py-1.5 font-normal text-foreground" title={m}>
                        {labelOf(labels, m)}
                        {m === u.currentModelId ? <span className="text-muted-foreground"> (current)</span> : null}
                      </TableHead>
                      <TableCell className="py-1.5 text-right font-mono tabular-nums" data-cell="configured">
                        {configured ? `${configured.weight}%` : "—"}
                      </TableCell>
                      <TableCell className="py-1.5 text-right font-mono tabular-nums">{formatInteger(observed?.served ?? 0)}</TableCell>
                      <TableCell className="py-1.5 text-right font-mono tabular-nums" data-cell="observed">
                        {observed ? formatPct(observed.sharePct) : "—"}
                      </TableCell>
                    </TableRow>
                  );
                })}
              </TableBody>
            </Table>
          );
        })}
      </CardContent>
    </Card>
  );
}
