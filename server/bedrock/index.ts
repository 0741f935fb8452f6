import "server-only";
import type { CatalogModel } from "@/lib/catalog-model";
import { AwsBedrockGateway } from "./aws-gateway";
import type { BedrockGateway, BedrockMode } from "./gateway";
import { OfflineBedrockGateway } from "./offline-gateway";

export * from "./gateway";
export { AwsBedrockGateway, createAwsBedrockGateway, type AwsGatewayOptions } from "./aws-gateway";
export { OfflineBedrockGateway, createOfflineBedrockGateway, type OfflineGatewayOptions } from "./offline-gateway";
export { FAULT_KINDS, clearFaults, injectFault, listFaults, type FaultKind, type FaultSpec, type InjectedFault } from "./fault-injection";
export { planCatalogSync, type CatalogSyncPlan, type CatalogSyncInput } from "./catalog-sync";

export type GatewayOptions = {
  mode: BedrockMode;
  region: string;
  /** Endpoints other than AWS's for the aws gateway (BEDROCK_RUNTIME_ENDPOINT, BEDROCK_CONTROL_ENDPOINT). */
  runtimeEndpoint?: string;
  controlEndpoint?: string;
  /** Idle time of a runtime call before it fails with TimeoutError (BEDROCK_RUNTIME_TIMEOUT_MS). */
  runtimeTimeoutMs?: number;
  /** The catalog for the offline gateway (the caller reads the database; this module does not). */
  loadCatalog: () => Promise<CatalogModel[]>;
};

/** True when the default credential chain has something to find; a bare AWS_REGION is not a credential. */
function hasAwsCredentials(env: Record<string, string | undefined>): boolean {
  return Boolean(env.AWS_ACCESS_KEY_ID || env.AWS_PROFILE || env.AWS_WEB_IDENTITY_TOKEN_FILE || env.AWS_CONTAINER_CREDENTIALS_FULL_URI);
}

/** BEDROCK_MODE wins; unset, AWS mode needs credentials, so a fresh checkout runs offline. */
export function detectBedrockMode(env: Record<string, string | undefined>): BedrockMode {
  const explicit = env.BEDROCK_MODE?.trim().toLowerCase();
  if (explicit === "aws") return "aws";
  if (explicit === "offline") return "offline";
  return hasAwsCredentials(env) ? "aws" : "offline";
}

// One gateway per mode, region and endpoints for the whole process: the SDK clients keep connection pools, and Turbopack may
// load this module twice, so the instances live on globalThis rather than in a module variable.
const g = globalThis as unknown as { __switchboardBedrockGateways?: Map<string, BedrockGateway> };

/**
 * The process-wide gateway for this mode and region. The first call creates it; later calls get the same instance
 * (and their `loadCatalog` is not used, so pass one that always reads the current catalog).
 */
export function getBedrockGateway(opts: GatewayOptions): BedrockGateway {
  g.__switchboardBedrockGateways ??= new Map();
  const key =
    opts.mode === "aws"
      ? `aws:${opts.region}:${opts.runtimeEndpoint ?? ""}:${opts.controlEndpoint ?? ""}:${opts.runtimeTimeoutMs ?? ""}`
      : `offline:${opts.region}`;
  let gateway = g.__switchboardBedrockGateways.get(key);
  if (!gateway) {
    gateway =
      opts.mode === "aws"
        ? new AwsBedrockGateway({
            region: opts.region,
            runtimeEndpoint: opts.runtimeEndpoint,
            controlEndpoint: opts.controlEndpoint,
            runtimeTimeoutMs: opts.runtimeTimeoutMs,
          })
        : new OfflineBedrockGateway({ region: opts.region, loadCatalog: opts.loadCatalog });
    g.__switchboardBedrockGateways.set(key, gateway);
  }
  return gateway;
}

/** Forgets the process-wide gateways (tests, or after the mode changed). */
export function resetBedrockGateways(): void {
  g.__switchboardBedrockGateways?.clear();
}
