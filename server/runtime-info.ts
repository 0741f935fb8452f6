import "server-only";
import { detectBedrockMode, type BedrockMode } from "./bedrock";
import { env } from "./env";

export type RuntimeInfo = { bedrockMode: BedrockMode; database: "embedded" | "postgres"; region: string };

export function bedrockMode(): BedrockMode {
  return detectBedrockMode(process.env);
}

export function getRuntimeInfo(): RuntimeInfo {
  const e = env();
  return { bedrockMode: bedrockMode(), database: e.DATABASE_URL ? "postgres" : "embedded", region: e.AWS_REGION };
}
