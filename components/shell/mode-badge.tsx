import { Badge } from "@/components/ui/badge";
import { Tooltip, TooltipContent, TooltipTrigger } from "@/components/ui/tooltip";
import { cn } from "@/lib/utils";

export type RuntimeMode = { bedrockMode: "aws" | "offline"; database: "embedded" | "postgres"; region: string };

export function modeLabel({ bedrockMode, database }: RuntimeMode): string {
  return `${bedrockMode === "aws" ? "AWS Bedrock" : "Offline Bedrock"} · ${database === "embedded" ? "Embedded DB" : "Postgres"}`;
}

/** "Offline Bedrock · Embedded DB": which Bedrock and which database this instance runs on. */
export function ModeBadge({
  mode,
  className,
  withTooltip = true,
}: {
  mode: RuntimeMode;
  className?: string;
  /** Off where a tooltip would be in the way (inside the mobile navigation sheet); the title still explains. */
  withTooltip?: boolean;
}) {
  const detail =
    mode.bedrockMode === "aws"
      ? `Calls AWS Bedrock in ${mode.region}.`
      : `Bedrock is simulated from the bundled catalog (region ${mode.region}); no AWS calls are made.`;
  const db =
    mode.database === "embedded" ? "Data lives in the embedded PGlite database." : "Data lives in Postgres (DATABASE_URL).";
  const variant = mode.bedrockMode === "aws" ? "success" : "outline";
  if (!withTooltip) {
    return (
      <Badge variant={variant} title={`${detail} ${db}`} className={className}>
        {modeLabel(mode)}
      </Badge>
    );
  }
  return (
    <Tooltip>
      <TooltipTrigger asChild>
        <Badge
          variant={variant}
          tabIndex={0}
          data-testid="mode-badge"
          className={cn("cursor-default", className)}
        >
          {modeLabel(mode)}
        </Badge>
      </TooltipTrigger>
      <TooltipContent>
        {detail} {db}
      </TooltipContent>
    </Tooltip>
  );
}
