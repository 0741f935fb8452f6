import { Label } from "@/components/ui/label";
import { cn } from "@/lib/utils";

/** A small label above one filter control (selects, search boxes, dates) in a filter bar. */
function FilterField({ label, htmlFor, className, children }: { label: string; htmlFor: string; className?: string; children: React.ReactNode }) {
  return (
    <div data-slot="filter-field" className={cn("flex min-w-0 flex-col gap-1.5", className)}>
      <Label htmlFor={htmlFor} className="text-xs text-muted-foreground">
        {label}
      </Label>
      {children}
    </div>
  );
}

export { FilterField };
