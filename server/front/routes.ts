import "server-only";
import { bedrockErrorResponse, openAiErrorResponse } from "@/server/gateway/errors";
import { handleBedrockConverse, handleBedrockConverseStream } from "@/server/gateway/http/bedrock-converse";
import { handleChatCompletions } from "@/server/gateway/http/openai-chat";
import { handleListModels } from "@/server/gateway/http/openai-models";

// The paths the lean front serves itself, with the same Web handlers as the route handlers under app/v1 and
// app/bedrock. Anything else, and these paths with another method, go to Next.

export type FrontRoute = {
  method: string;
  path: RegExp;
  handler: (request: Request) => Promise<Response>;
  /** The door's own error responder, should a handler ever throw. */
  onError: (err: unknown) => Response;
};

export const FRONT_ROUTES: FrontRoute[] = [
  { method: "POST", path: /^\/v1\/chat\/completions\/?$/, handler: handleChatCompletions, onError: openAiErrorResponse },
  { method: "GET", path: /^\/v1\/models\/?$/, handler: handleListModels, onError: openAiErrorResponse },
  { method: "POST", path: /^\/bedrock\/model\/[^/]+\/converse$/, handler: handleBedrockConverse, onError: bedrockErrorResponse },
  { method: "POST", path: /^\/bedrock\/model\/[^/]+\/converse-stream$/, handler: handleBedrockConverseStream, onError: bedrockErrorResponse },
];

/** The route for a method and path (without the query), or null for Next. */
export function frontRouteFor(method: string | undefined, pathname: string): FrontRoute | null {
  return FRONT_ROUTES.find((r) => r.method === method && r.path.test(pathname)) ?? null;
}
