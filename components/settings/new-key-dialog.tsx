"use client";

import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import type { CreatedApiKey } from "@/lib/api-keys";
import { CopyButton } from "./copy-button";

function SecretRow({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <div className="flex flex-col gap-1">
      <span className="text-xs font-medium text-muted-foreground">{label}</span>
      <div className="flex items-center gap-2">
        <code data-testid={testId} className="min-w-0 flex-1 break-all rounded-md border bg-muted/40 px-2 py-1.5 font-mono text-xs">
          {value}
        </code>
        <CopyButton value={value} aria-label={`Copy the ${label.toLowerCase()}`} />
      </div>
    </div>
  );
}

/** The new key's token, access key id and secret access key, shown this once. */
export function NewKeyDialog({ created, onClose }: { created: CreatedApiKey | null; onClose: () => void }) {
  return (
    <Dialog open={created !== null} onOpenChange={(open) => (open ? undefined : onClose())}>
      <DialogContent className="sm:max-w-xl" onInteractOutside={(e) => e.preventDefault()}>
        {created ? (
          <>
            <DialogHeader>
              <DialogTitle>API key {created.key.name} created</DialogTitle>
              <DialogDescription>
                {created.key.useCases.length ? `Limited to ${created.key.useCases.join(", ")}.` : "It may call every use case."}
              </DialogDescription>
            </DialogHeader>
            <p role="alert" className="rounded-md border border-warning/40 bg-warning/15 px-3 py-2 text-sm text-amber-800 dark:text-warning">
              Copy these now: you will not see the token or the secret access key again. Switchboard keeps only a hash of the token and the secret encrypted.
            </p>
            <SecretRow label="Token" value={created.token} testId="new-key-token" />
            <SecretRow label="Access key id" value={created.accessKeyId} testId="new-key-access-key-id" />
            <SecretRow label="Secret access key" value={created.secretAccessKey} testId="new-key-secret" />
            <p className="text-xs text-muted-foreground">
              OpenAI SDK: the token as <code>apiKey</code>. AWS SDK or boto3: the access key id and secret as credentials (SigV4), or the token as a bearer
              token.
            </p>
            <DialogFooter>
              <Button type="button" onClick={onClose}>
                I have copied them
              </Button>
            </DialogFooter>
          </>
        ) : null}
      </DialogContent>
    </Dialog>
  );
}
