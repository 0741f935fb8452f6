import "server-only";
import { detectBedrockMode, type BedrockMode } from "./bedrock";
import { env } from "./env";
import { realtimeTransport, type RealtimeTransportKind } from "./realtime/transport-choice";

export type RuntimeInfo = { bedrockMode: BedrockMode; database: "embedded" | "postgres"; region: string };
/** RuntimeInfo and the live-update transport browsers use (decided from the database, see realtime/transport-choice.ts). */
export type RuntimeMode = RuntimeInfo & { realtime: RealtimeTransportKind };

export function bedrockMode(): BedrockMode {
  return detectBedrockMode(process.env);
}

export function getRuntimeInfo(): RuntimeInfo {
  const e = env();
  return { bedrockMode: bedrockMode(), database: e.DATABASE_URL ? "postgres" : "embedded", region: e.AWS_REGION };
}

export async function getRuntimeMode(): Promise<RuntimeMode> {
  return { ...getRuntimeInfo(), realtime: (await realtimeTransport()).kind };
}
