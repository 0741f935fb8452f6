import "server-only";
import type { WebHandler } from "../node-listener";
import { handleBedrockConverse, handleBedrockConverseStream } from "./bedrock-converse";
import { handleChatCompletions } from "./openai-chat";
import { handleListModels } from "./openai-models";

/** The gateway's handler for a method and path (what the route handlers under app/v1 and app/bedrock serve), or null. */
export function gatewayRoute(method: string, pathname: string): WebHandler | null {
  if (method === "POST" && pathname === "/v1/chat/completions") return handleChatCompletions;
  if (method === "GET" && pathname === "/v1/models") return handleListModels;
  if (method === "POST" && /^\/bedrock\/model\/[^/]+\/converse$/.test(pathname)) return handleBedrockConverse;
  if (method === "POST" && /^\/bedrock\/model\/[^/]+\/converse-stream$/.test(pathname)) return handleBedrockConverseStream;
  return null;
}
