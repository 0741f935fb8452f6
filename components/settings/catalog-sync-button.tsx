"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { syncCatalogAction } from "@/actions/settings";
import { useAction } from "@/components/use-action";

/** Runs a catalog sync from Bedrock and says what changed; prices and curated fields are kept. */
export function CatalogSyncButton() {
  const [message, setMessage] = useState<string | null>(null);
  const { run: syncCatalog, pending } = useAction(syncCatalogAction);
  return (
    <div className="flex flex-col gap-2">
      <Button
        type="button"
        className="self-start"
        disabled={pending}
        onClick={async () => {
          const r = await syncCatalog({});
          if (!r.ok) return setMessage(r.error);
          const d = r.data;
          setMessage(
            `Synced from ${d.mode === "aws" ? "AWS" : "the offline catalog"}: ${d.added.length} added, ${d.updated.length} updated, ${d.unchanged} unchanged` +
              (d.notInAws.length ? `; ${d.notInAws.length} not reported by Bedrock (kept, review them)` : "") +
              ".",
          );
        }}
      >
        {pending ? "Syncing…" : "Sync catalog"}
      </Button>
      {message ? (
        <p role="status" data-testid="sync-result" className="text-sm text-muted-foreground">
          {message}
        </p>
      ) : null}
    </div>
  );
}
