import "server-only";
import { getBedrockGateway, type BedrockGateway } from "@/server/bedrock";
import { cachedCatalog } from "@/server/catalog/cache";
import { env } from "@/server/env";
import { bedrockMode } from "@/server/runtime-info";

/** The process's Bedrock gateway in the configured mode and region. */
export function gateway(): BedrockGateway {
  return getBedrockGateway({ mode: bedrockMode(), region: env().AWS_REGION, loadCatalog: cachedCatalog });
}
