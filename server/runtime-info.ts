import "server-only";
import { env } from "./env";

export type RuntimeInfo = { bedrockMode: "aws" | "offline"; database: "embedded" | "postgres"; region: string };

export function bedrockMode(): "aws" | "offline" {
  const e = env();
  if (e.BEDROCK_MODE) return e.BEDROCK_MODE;
  const hasCredentials = Boolean(
    e.AWS_ACCESS_KEY_ID || e.AWS_PROFILE || e.AWS_WEB_IDENTITY_TOKEN_FILE || e.AWS_CONTAINER_CREDENTIALS_FULL_URI,
  );
  return hasCredentials ? "aws" : "offline";
}

export function getRuntimeInfo(): RuntimeInfo {
  const e = env();
  return { bedrockMode: bedrockMode(), database: e.DATABASE_URL ? "postgres" : "embedded", region: e.AWS_REGION };
}
