"use client";

import { useState } from "react";
import { useAction } from "@/components/use-action";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { revokeKeyAction } from "@/actions/settings";
import type { ApiKeyView } from "@/lib/api-keys";
import { formatDateTime } from "@/lib/format";

/** Every key with its last use; revoking asks first. */
export function ApiKeysTable({ keys }: { keys: ApiKeyView[] }) {
  const [confirming, setConfirming] = useState<ApiKeyView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { run: revokeKey, pending } = useAction(revokeKeyAction);

  if (keys.length === 0) return <p className="text-sm text-muted-foreground">No API keys yet.</p>;

  const revoke = async (key: ApiKeyView) => {
    const r = await revokeKey({ id: key.id });
    if (!r.ok) return setError(r.error);
    setError(null);
    setConfirming(null);
  };

  return (
    <>
      <Table aria-label="API keys">
        <TableHeader>
          <TableRow>
            <TableHead>Name</TableHead>
            <TableHead>Token</TableHead>
            <TableHead>Access key id</TableHead>
            <TableHead>Use cases</TableHead>
            <TableHead>Created</TableHead>
            <TableHead>Last used</TableHead>
            <TableHead>
              <span className="sr-only">Status</span>
            </TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {keys.map((k) => (
            <TableRow key={k.id} data-testid="api-key-row" data-key-id={k.id}>
              <TableCell className="font-medium">{k.name}</TableCell>
              <TableCell className="font-mono text-xs">{k.tokenPrefix}…</TableCell>
              <TableCell className="font-mono text-xs">{k.accessKeyId}</TableCell>
              <TableCell>{k.useCases.length ? k.useCases.join(", ") : <span className="text-muted-foreground">all</span>}</TableCell>
              <TableCell className="text-xs">
                {formatDateTime(k.createdAt)}
                <div className="text-muted-foreground">by {k.createdBy}</div>
              </TableCell>
              <TableCell className="text-xs">{k.lastUsedAt ? formatDateTime(k.lastUsedAt) : <span className="text-muted-foreground">never</span>}</TableCell>
              <TableCell className="text-right">
                {k.revokedAt ? (
                  <Badge variant="destructive" title={`Revoked ${formatDateTime(k.revokedAt)}`}>
                    Revoked
                  </Badge>
                ) : (
                  <Button type="button" variant="outline" size="sm" onClick={() => setConfirming(k)} aria-label={`Revoke ${k.name}`}>
                    Revoke
                  </Button>
                )}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <Dialog open={confirming !== null} onOpenChange={(open) => (open ? undefined : setConfirming(null))}>
        <DialogContent>
          <DialogHeader>
            <DialogTitle>Revoke {confirming?.name}?</DialogTitle>
            <DialogDescription>
              Backends using this key get 401 from their next request, on every Switchboard instance. This cannot be undone.
            </DialogDescription>
          </DialogHeader>
          {error ? <p className="text-sm text-destructive">{error}</p> : null}
          <DialogFooter>
            <Button type="button" variant="outline" onClick={() => setConfirming(null)}>
              Cancel
            </Button>
            <Button type="button" variant="destructive" disabled={pending} onClick={() => confirming && revoke(confirming)}>
              {pending ? "Revoking…" : "Revoke key"}
            </Button>
          </DialogFooter>
        </DialogContent>
      </Dialog>
    </>
  );
}
