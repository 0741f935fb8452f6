import { Badge } from "@/components/ui/badge";
import { geoScopeLabel } from "@/lib/labels";
import type { UseCasePolicy } from "@/lib/catalog-model";
import { formatPrice, formatTokensCompact } from "@/lib/format";

/** The policy in a line of chips, for the use-case cards. */
export function policyFacts(policy: UseCasePolicy): string[] {
  const facts = [`Objective: ${policy.objective}`];
  if (policy.minContext !== null) facts.push(`Context ≥ ${formatTokensCompact(policy.minContext)}`);
  if (policy.maxInputPricePerMTok !== null) facts.push(`Input ≤ ${formatPrice(policy.maxInputPricePerMTok)}/MTok`);
  if (policy.maxOutputPricePerMTok !== null) facts.push(`Output ≤ ${formatPrice(policy.maxOutputPricePerMTok)}/MTok`);
  if (policy.requiredCapabilities.length > 0) facts.push(`Needs ${policy.requiredCapabilities.join(", ")}`);
  facts.push(policy.allowedGeoScopes.length > 0 ? `Residency: ${policy.allowedGeoScopes.map(geoScopeLabel).join(", ")}` : "Any geo scope");
  if (policy.allowedProviders.length > 0) facts.push(`Providers: ${policy.allowedProviders.join(", ")}`);
  if (policy.excludeLegacy) facts.push("No legacy models");
  if (policy.candidates.length > 0) facts.push(`${policy.candidates.length} candidate${policy.candidates.length > 1 ? "s" : ""}`);
  facts.push(policy.allowAutoSwitch ? "Auto-switch on" : "Auto-switch off");
  facts.push(policy.allowUserChoice ? "Users may choose" : "Users may not choose");
  facts.push(`Cooldown ${policy.cooldownSeconds}s`);
  return facts;
}

export function PolicySummary({ policy }: { policy: UseCasePolicy }) {
  return (
    <ul className="flex flex-wrap gap-1" aria-label="Policy">
      {policyFacts(policy).map((fact) => (
        <li key={fact}>
          <Badge variant="outline" className="font-normal">
            {fact}
          </Badge>
        </li>
      ))}
    </ul>
  );
}
