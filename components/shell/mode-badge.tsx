import { Badge } from "@/components/ui/badge";
import { Tooltip, TooltipContent, TooltipTrigger } from "@/components/ui/tooltip";
import { cn } from "@/lib/utils";

export type RuntimeMode = {
  bedrockMode: "aws" | "offline";
  database: "embedded" | "postgres";
  region: string;
  /** How browsers receive live switch events (server/realtime/transport-choice.ts). */
  realtime: "sse" | "supabase";
};

export function modeLabel({ bedrockMode, database, realtime }: RuntimeMode): string {
  return `${bedrockMode === "aws" ? "AWS Bedrock" : "Offline Bedrock"} · ${database === "embedded" ? "Embedded DB" : "Postgres"} · ${
    realtime === "supabase" ? "Supabase Realtime" : "SSE"
  }`;
}

/** "Offline Bedrock · Embedded DB · SSE": which Bedrock, which database and which live-update transport this instance uses. */
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
  const db = mode.database === "embedded" ? "Data lives in the embedded PGlite database." : "Data lives in Postgres (DATABASE_URL).";
  const live =
    mode.realtime === "supabase"
      ? "Live switch notifications arrive through Supabase Realtime (the database's broadcast trigger)."
      : "Live switch notifications arrive as Server-Sent Events from this server.";
  const variant = mode.bedrockMode === "aws" ? "success" : "outline";
  if (!withTooltip) {
    return (
      <Badge variant={variant} title={`${detail} ${db} ${live}`} className={className}>
        {modeLabel(mode)}
      </Badge>
    );
  }
  return (
    <Tooltip>
      <TooltipTrigger asChild>
        <Badge variant={variant} tabIndex={0} data-testid="mode-badge" className={cn("cursor-default", className)}>
          {modeLabel(mode)}
        </Badge>
      </TooltipTrigger>
      <TooltipContent>
        {detail} {db} {live}
      </TooltipContent>
    </Tooltip>
  );
}
