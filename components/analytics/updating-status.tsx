import { Loader2 } from "lucide-react";
import { cn } from "@/lib/utils";

/** "Updating…" while a filter or period change re-renders the page, in a polite live region that is always there. */
export function UpdatingStatus({ pending, className }: { pending: boolean; className?: string }) {
  return (
    <span role="status" aria-live="polite" className={cn("flex items-center gap-1.5 text-xs text-muted-foreground", className)}>
      {pending ? (
        <>
          <Loader2 aria-hidden="true" className="size-3.5 animate-spin motion-reduce:animate-none" />
          Updating…
        </>
      ) : null}
    </span>
  );
}
