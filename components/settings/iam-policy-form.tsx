"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { iamPolicyAction } from "@/actions/settings";
import { useAction } from "@/components/use-action";
import { CopyButton } from "./copy-button";

/** Account id in, least-privilege policy JSON out, with a copy button. */
export function IamPolicyForm() {
  const [accountId, setAccountId] = useState("");
  const [policy, setPolicy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { run: generatePolicy, pending } = useAction(iamPolicyAction);

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    const r = await generatePolicy({ accountId });
    if (r.ok) {
      setPolicy(r.data);
      setError(null);
    } else {
      setPolicy(null);
      setError(r.fieldErrors?.accountId ?? r.error);
    }
  };

  return (
    <div className="flex flex-col gap-3">
      <form onSubmit={submit} className="flex flex-wrap items-end gap-2" noValidate>
        <div className="flex flex-col gap-1.5">
          <Label htmlFor="iam-account">AWS account id</Label>
          <Input
            id="iam-account"
            inputMode="numeric"
            placeholder="123456789012"
            value={accountId}
            onChange={(e) => setAccountId(e.target.value)}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? "iam-account-error" : undefined}
            className="w-48 font-mono"
          />
        </div>
        <Button type="submit" disabled={pending}>
          {pending ? "Generating…" : "Generate policy"}
        </Button>
      </form>
      {error ? (
        <p id="iam-account-error" className="text-sm text-destructive">
          {error}
        </p>
      ) : null}
      {policy ? (
        <div className="flex flex-col gap-2">
          <div className="flex items-center gap-2">
            <CopyButton value={policy} label="Copy JSON" />
            <span className="text-xs text-muted-foreground">{policy.split("\n").length} lines</span>
          </div>
          <section
            aria-label="IAM policy JSON"
            // biome-ignore lint/a11y/noNoninteractiveTabindex: the policy scrolls; keyboard users must be able to scroll it.
            tabIndex={0}
            className="max-h-[28rem] overflow-auto rounded-md border bg-muted/40 outline-none focus-visible:ring-[3px] focus-visible:ring-ring/50"
          >
            <pre data-testid="iam-policy" className="p-3 font-mono text-xs">
              {policy}
            </pre>
          </section>
        </div>
      ) : null}
    </div>
  );
}
