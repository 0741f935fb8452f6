import { Snowflake } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { formatDateTime } from "@/lib/format";
import type { UseCaseCooldown } from "@/server/use-cases/detail";

const ROLE_LABELS: Record<UseCaseCooldown["role"], string> = {
  current: "current model",
  fallback: "in the fallback chain",
  candidate: "fits the policy",
};

/** Models the invoke path is skipping after a failure, that matter to this use case, and until when. */
export function CooldownList({ cooldowns, useCase }: { cooldowns: UseCaseCooldown[]; useCase: string }) {
  if (cooldowns.length === 0) {
    return (
      <p className="text-sm text-muted-foreground" data-testid="cooldowns-empty">
        No model that {useCase} relies on is cooling down.
      </p>
    );
  }
  return (
    <ul className="flex flex-col gap-2" data-testid="cooldowns" aria-label={`Models cooling down for ${useCase}`}>
      {cooldowns.map((c) => (
        <li key={c.modelId} data-model-id={c.modelId} className="flex flex-wrap items-center gap-x-3 gap-y-1 rounded-md border px-3 py-2 text-sm">
          <Snowflake aria-hidden="true" className="size-4 text-amber-700 dark:text-warning" />
          <span className="font-medium">{c.name ?? c.modelId}</span>
          <span className="font-mono text-xs text-muted-foreground">{c.modelId}</span>
          <span>
            until <time dateTime={c.until}>{formatDateTime(c.until)}</time>
          </span>
          <Badge variant="warning">{c.errorCode}</Badge>
          <span className="text-xs text-muted-foreground">{ROLE_LABELS[c.role]}</span>
        </li>
      ))}
    </ul>
  );
}
