import { Badge } from "@/components/ui/badge";
import type { GeoScope } from "@/lib/catalog-model";
import { GEO_SCOPE_DESCRIPTIONS, GEO_SCOPE_LABELS } from "@/lib/labels";

const VARIANTS: Record<GeoScope, "outline" | "info" | "warning" | "secondary"> = {
  "in-region": "outline",
  eu: "info",
  global: "warning",
  us: "secondary",
};

export function ScopeBadge({ scope }: { scope: GeoScope }) {
  return (
    <Badge variant={VARIANTS[scope] ?? "outline"} title={GEO_SCOPE_DESCRIPTIONS[scope]}>
      {GEO_SCOPE_LABELS[scope] ?? scope}
    </Badge>
  );
}
