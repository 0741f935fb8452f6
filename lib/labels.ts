import type { FactSource, GeoScope } from "@/lib/catalog-model";

export const GEO_SCOPE_LABELS: Record<GeoScope, string> = {
  "in-region": "In-region",
  eu: "EU",
  global: "Global",
  us: "US",
};

export const GEO_SCOPE_DESCRIPTIONS: Record<GeoScope, string> = {
  "in-region": "Served in the caller's region only",
  eu: "EU cross-region inference profile: data stays in EU regions",
  global: "Global inference profile: requests may be served outside the EU",
  us: "US profile: not invocable from eu-central-1",
};

export function geoScopeLabel(scope: string): string {
  return GEO_SCOPE_LABELS[scope as GeoScope] ?? scope;
}

/** "clinical" -> "Clinical", "customer-support" -> "Customer support". */
export function labelForUseCase(name: string): string {
  const words = name.replace(/[-_]+/g, " ").trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export const SOURCE_LABELS: Record<FactSource, string> = {
  snapshot: "the bundled snapshot",
  "aws-sync": "an AWS sync",
  manual: "a manual edit",
};

/** What the switch log records as the actor when no person acted: shown as these words. */
const SYSTEM_ACTORS: Record<string, string> = { service: "service", policy: "policy", "invoke-path": "invoke path" };

/**
 * Who made a switch, in one form on every page: the person's email; the system's word ("service", "policy", "invoke
 * path") when no person acted. The log's actor column holds an email, a word, or (older rows) a role name or an
 * account id: with the account joined, its email wins; without one, a role name or an id reads as "unknown user".
 */
export function actorDisplay(row: { userEmail: string | null; actor: string }): string {
  if (row.userEmail) return row.userEmail;
  if (row.actor.includes("@")) return row.actor;
  return SYSTEM_ACTORS[row.actor] ?? "unknown user";
}
