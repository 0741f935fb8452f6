import "server-only";
import { assertKeyMayUse } from "@/server/keys/may-use";
import type { FailedAttempt, CallOrigin } from "@/server/invoke/invoke";
import { EXTERNAL_CONVERSATION_MAX, resolveGatewayScope, type ServingScope } from "@/server/invoke/scope";
import { invalidParam } from "./parse";
import type { GatewayPrincipal } from "./principal";

// What both doors (OpenAI and Bedrock-native) do around a model call: the conversation header, the key's use-case
// limits, the scope, and the headers that say what served the answer.

export const CONVERSATION_HEADER = "x-switchboard-conversation-id";

/** `x-switchboard-conversation-id`: any string of 1 to 200 characters (no NUL: Postgres refuses it). */
export function conversationHeaderOf(headers: Headers): string | undefined {
  const value = headers.get(CONVERSATION_HEADER);
  if (value === null) return undefined;
  if (!value.length || value.length > EXTERNAL_CONVERSATION_MAX || value.includes("\u0000")) {
    throw invalidParam(CONVERSATION_HEADER, `must be 1 to ${EXTERNAL_CONVERSATION_MAX} characters`);
  }
  return value;
}

export type GatewayCallTarget = { model: string; headers: Headers; endUser?: string; source: "openai" | "bedrock" };

/** Resolves the scope (creating a gateway conversation on first sight) once the key is known to be allowed. */
export async function openGatewayScope(principal: GatewayPrincipal, target: GatewayCallTarget): Promise<{ scope: ServingScope; origin: CallOrigin }> {
  const externalConversationId = conversationHeaderOf(target.headers);
  const scope = await resolveGatewayScope({
    model: target.model,
    ...(externalConversationId ? { externalConversationId } : {}),
    ...(target.endUser ? { endUser: target.endUser } : {}),
    authorize: (t) => assertKeyMayUse(principal, "useCase" in t ? t.useCase : null),
  });
  return { scope, origin: { apiKeyId: principal.kind === "key" ? principal.keyId : null, endUser: target.endUser ?? null, source: target.source } };
}

/** `model=ErrorCode` for each model that failed before the one that served. */
export function fallbackHeaderValue(failed: FailedAttempt[]): string {
  return failed.map((f) => `${f.modelId}=${f.errorCode}`).join(", ");
}

/** The headers that say what served an answer. */
export function servedHeaders(scope: ServingScope, modelId: string, failed: FailedAttempt[]): Record<string, string> {
  return {
    "x-switchboard-model-id": modelId,
    "x-switchboard-use-case": scope.useCase.name,
    ...(failed.length ? { "x-switchboard-fallback": fallbackHeaderValue(failed) } : {}),
  };
}
