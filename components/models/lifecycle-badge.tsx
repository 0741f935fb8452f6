import { Badge } from "@/components/ui/badge";
import type { CatalogModel } from "@/lib/catalog-model";
import { formatDays } from "@/lib/format";
import { cn } from "@/lib/utils";
import { lifecycleOf } from "./lifecycle";

type LifecycleModel = Pick<CatalogModel, "lifecycleStatus" | "legacyDate" | "endOfLifeDate">;

/** A sentence for titles and the detail panel. */
export function describeLifecycle(model: LifecycleModel, today: string): string {
  const { kind, daysToEol } = lifecycleOf(model, today);
  switch (kind) {
    case "active":
      return model.endOfLifeDate ? `Active; end of life announced for ${model.endOfLifeDate}` : "Active";
    case "legacy": {
      const since = model.legacyDate ? ` since ${model.legacyDate}` : "";
      const eol = model.endOfLifeDate ? `end of life on ${model.endOfLifeDate} (in ${formatDays(daysToEol ?? 0)})` : "no end-of-life date announced yet";
      return `Legacy${since}; ${eol}`;
    }
    case "near-eol":
      return `Reaches end of life on ${model.endOfLifeDate} (in ${formatDays(daysToEol ?? 0)}); plan a replacement`;
    case "past-eol":
      return `End of life passed on ${model.endOfLifeDate}; Bedrock no longer serves this model`;
  }
}

/** "Active" / "Legacy" / "EOL soon" / "EOL passed", with the date that matters underneath. */
export function LifecycleBadge({ model, today, className }: { model: LifecycleModel; today: string; className?: string }) {
  const { kind } = lifecycleOf(model, today);
  const title = describeLifecycle(model, today);
  let badge: React.ReactNode;
  let detail: string | null = null;
  switch (kind) {
    case "active":
      badge = <Badge variant="success">Active</Badge>;
      break;
    case "legacy":
      badge = <Badge variant="secondary">Legacy</Badge>;
      detail = model.legacyDate ? `since ${model.legacyDate}` : model.endOfLifeDate ? `EOL ${model.endOfLifeDate}` : null;
      break;
    case "near-eol":
      badge = <Badge variant="warning">EOL soon</Badge>;
      detail = model.endOfLifeDate;
      break;
    case "past-eol":
      badge = <Badge variant="destructive">EOL passed</Badge>;
      detail = model.endOfLifeDate;
      break;
  }
  return (
    <span data-lifecycle={kind} title={title} className={cn("inline-flex flex-col items-start gap-0.5", className)}>
      {badge}
      {detail ? <span className="text-xs whitespace-nowrap text-muted-foreground">{detail}</span> : null}
    </span>
  );
}
