import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { formatInteger, formatTokensCompact } from "@/lib/format";
import type { KeyCosts, KeyTotals } from "@/server/analytics/traffic";
import { formatUsd } from "@/lib/format";

function Cells({ t }: { t: KeyTotals }) {
  return (
    <>
      <TableCell className="py-1.5 text-right font-mono tabular-nums">{formatInteger(t.invocations)}</TableCell>
      <TableCell className="py-1.5 text-right font-mono tabular-nums">{formatInteger(t.failures)}</TableCell>
      <TableCell className="py-1.5 text-right font-mono tabular-nums">
        {formatTokensCompact(t.inputTokens)} / {formatTokensCompact(t.outputTokens)}
      </TableCell>
      <TableCell className="py-1.5 text-right font-mono tabular-nums" data-cell="cost">
        {formatUsd(t.costUsd)}
      </TableCell>
    </>
  );
}

/** What each API key's calls cost over the chosen period, at the price of the profile that served each call. */
export function KeyCostsCard({
  keys,
  withoutKey,
  periodText,
  periodSelect,
}: {
  keys: readonly KeyCosts[];
  withoutKey: KeyTotals;
  periodText: string;
  periodSelect: React.ReactNode;
}) {
  return (
    <Card className="gap-4" data-testid="key-costs">
      <CardHeader className="flex flex-wrap items-start justify-between gap-4">
        <div className="flex flex-col gap-1.5">
          <CardTitle>
            <h2 className="text-base">Spend per API key</h2>
          </CardTitle>
          <CardDescription>Gateway calls {periodText} by the key that made them; the chat and the service key have no key.</CardDescription>
        </div>
        {periodSelect}
      </CardHeader>
      <CardContent>
        <Table>
          <caption className="sr-only">Calls and cost per API key {periodText}</caption>
          <TableHeader>
            <TableRow>
              <TableHead scope="col">Key</TableHead>
              <TableHead scope="col" className="text-right">
                Calls
              </TableHead>
              <TableHead scope="col" className="text-right">
                Failed
              </TableHead>
              <TableHead scope="col" className="text-right">
                Tokens in / out
              </TableHead>
              <TableHead scope="col" className="text-right">
                Cost
              </TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {keys.map((k) => (
              <TableRow key={k.apiKeyId} data-key-id={k.apiKeyId}>
                <TableHead scope="row" className="h-auto py-1.5 font-normal text-foreground">
                  {k.name ?? <span className="font-mono text-xs">{k.apiKeyId}</span>} {k.revoked ? <Badge variant="outline">Revoked</Badge> : null}
                </TableHead>
                <Cells t={k} />
              </TableRow>
            ))}
            <TableRow data-key-id="none">
              <TableHead scope="row" className="h-auto py-1.5 font-normal text-muted-foreground">
                No key (chat, service key)
              </TableHead>
              <Cells t={withoutKey} />
            </TableRow>
          </TableBody>
        </Table>
      </CardContent>
    </Card>
  );
}
