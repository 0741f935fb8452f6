"use client";

import { RoleBadge } from "@/components/shell/user-info";
import { Button } from "@/components/ui/button";
import type { AccountRole } from "@/lib/enums";

export type DemoAccount = { email: string; role: AccountRole; label: string };

/** The embedded setup's seeded accounts; "Use" fills the form so one click plus "Sign in" gets you in. */
export function DemoAccounts({ accounts, password, onPick }: { accounts: DemoAccount[]; password: string; onPick: (account: DemoAccount) => void }) {
  return (
    <section aria-labelledby="demo-accounts-heading" className="flex flex-col gap-3 rounded-lg border bg-muted/40 p-4">
      <div className="flex flex-col gap-1">
        <h2 id="demo-accounts-heading" className="text-sm font-medium">
          Demo accounts
        </h2>
        <p className="text-xs text-muted-foreground">
          This embedded setup seeds these accounts. The password of each is <code className="rounded bg-muted px-1 py-0.5 font-mono">{password}</code>.
        </p>
      </div>
      <ul className="flex flex-col divide-y">
        {accounts.map((account) => (
          <li key={account.email} className="flex items-center justify-between gap-3 py-2">
            <div className="flex min-w-0 flex-col gap-1">
              <span className="truncate font-mono text-xs">{account.email}</span>
              <span className="text-xs text-muted-foreground">{account.label}</span>
            </div>
            <div className="flex shrink-0 items-center gap-2">
              <RoleBadge role={account.role} />
              <Button type="button" variant="outline" size="sm" aria-label={`Use ${account.email}`} onClick={() => onPick(account)}>
                Use
              </Button>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
