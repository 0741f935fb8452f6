import "server-only";
import { getBedrockGateway, type BedrockGateway } from "@/server/bedrock";
import { cachedCatalog } from "@/server/catalog/cache";
import { env } from "@/server/env";
import { bedrockMode } from "@/server/runtime-info";

/** The process's Bedrock gateway in the configured mode, region and endpoints. */
export function gateway(): BedrockGateway {
  const e = env();
  return getBedrockGateway({
    mode: bedrockMode(),
    region: e.AWS_REGION,
    runtimeEndpoint: e.BEDROCK_RUNTIME_ENDPOINT,
    controlEndpoint: e.BEDROCK_CONTROL_ENDPOINT,
    runtimeTimeoutMs: e.BEDROCK_RUNTIME_TIMEOUT_MS,
    loadCatalog: cachedCatalog,
  });
}
