import { Badge } from "@/components/ui/badge";
import { cn } from "@/lib/utils";
import { labelForUseCase } from "@/lib/labels";

export function UseCaseBadges({ useCases, className }: { useCases: readonly string[]; className?: string }) {
  if (useCases.length === 0) return <span className="text-muted-foreground">—</span>;
  return (
    <ul className={cn("flex flex-wrap gap-1", className)} aria-label="Use cases">
      {useCases.map((u) => (
        <li key={u}>
          <Badge variant="outline" className="font-normal">
            {labelForUseCase(u)}
          </Badge>
        </li>
      ))}
    </ul>
  );
}
