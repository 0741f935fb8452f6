import "server-only";
import { AppError } from "@/server/errors";
import type { GatewayPrincipal } from "@/server/gateway/principal";

/**
 * Whether the gateway's caller may call `useCase` (null: a catalog model called directly, outside any use case).
 * The service key and keys without a use-case list may call anything; a limited key only its use cases.
 */
export function keyMayUse(principal: GatewayPrincipal, useCase: string | null): boolean {
  if (principal.kind === "service" || principal.useCases.length === 0) return true;
  return useCase !== null && principal.useCases.includes(useCase);
}

/** Throws AppError forbidden (403) when the key is limited to other use cases. */
export function assertKeyMayUse(principal: GatewayPrincipal, useCase: string | null): void {
  if (keyMayUse(principal, useCase)) return;
  if (principal.kind === "service") return;
  const allowed = principal.useCases.join(", ");
  throw new AppError(
    "forbidden",
    useCase === null
      ? `The API key "${principal.name}" is limited to the use cases ${allowed}; call one of them instead of a model id.`
      : `The API key "${principal.name}" may not call the use case ${useCase}; it is limited to ${allowed}.`,
  );
}
