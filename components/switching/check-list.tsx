import { CircleCheck, CircleX, TriangleAlert } from "lucide-react";
import { cn } from "@/lib/utils";
import type { CheckResult } from "./types";

const STATUS = {
  pass: { icon: CircleCheck, label: "Pass", className: "text-green-700 dark:text-success" },
  warn: { icon: TriangleAlert, label: "Warning", className: "text-amber-700 dark:text-warning" },
  fail: { icon: CircleX, label: "Fail", className: "text-red-700 dark:text-destructive" },
} as const;

/** "region" → "Region", "input-price" → "Input price". */
function checkLabel(name: string): string {
  const words = name.replace(/[-_]+/g, " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Validation checks, one per line: an icon and a word for the status (not colour alone), the check and its detail. */
export function CheckList({ checks, className }: { checks: readonly CheckResult[]; className?: string }) {
  return (
    <ul className={cn("flex flex-col gap-2", className)} aria-label="Checks" data-slot="check-list">
      {checks.map((check) => {
        const s = STATUS[check.status];
        return (
          <li key={check.name} data-check={check.name} data-status={check.status} className="flex gap-2 text-sm">
            <s.icon aria-hidden="true" className={cn("mt-0.5 size-4 shrink-0", s.className)} />
            <div className="min-w-0">
              <p className="font-medium">
                {checkLabel(check.name)} <span className={cn("text-xs font-normal", s.className)}>· {s.label}</span>
              </p>
              <p className="text-muted-foreground break-words">{check.detail}</p>
            </div>
          </li>
        );
      })}
    </ul>
  );
}
