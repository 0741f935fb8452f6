import "server-only";
import { actorFromAuthorization } from "@/server/auth/bearer";
import type { Actor } from "@/server/auth/roles";
import { listModels } from "@/server/catalog/service";
import { AppError } from "@/server/errors";
import { errorResponse, jsonOk } from "@/server/http/respond";
import { createApiKey } from "@/server/keys/create-key";
import { listApiKeys } from "@/server/keys/list-keys";
import { revokeApiKey } from "@/server/keys/revoke-key";
import { autoSwitch } from "@/server/orchestration/auto-switch";
import { clearCache } from "@/server/orchestration/clear-cache";
import { getForUseCase } from "@/server/orchestration/get-for-use-case";
import { validateOperation } from "@/server/orchestration/validate";
import { conversationIdFor } from "@/server/invoke/scope";
import { switchModel } from "@/server/switching/switch-model";
import { readJsonBody } from "@/server/http/read-body";
import { API_RATE_LIMIT, takeToken } from "./rate-limit";
import { describeZodError } from "@/lib/zod-message";
import { ACTION_NAMES, actionSchemas, type ActionName, type ActionParams } from "./schemas";

export const MAX_BODY_BYTES = 64 * 1024;

/** A backend's external conversation id (the gateway's `x-switchboard-conversation-id`) names the same conversation. */
async function withConversationId<P extends { conversationId?: string }>(p: P): Promise<P> {
  return p.conversationId === undefined ? p : { ...p, conversationId: await conversationIdFor(p.conversationId) };
}

const handlers: { [A in ActionName]: (actor: Actor, p: ActionParams<A>) => Promise<Record<string, unknown>> } = {
  "list-all": async (actor, p) => ({ models: await listModels({ actor, filter: p }) }),
  "get-for-use-case": async (actor, p) => getForUseCase({ actor, useCase: p.useCase }),
  validate: async (actor, p) => {
    const v = await validateOperation({ actor, ...p });
    return { valid: v.valid, modelId: v.modelId, checks: v.checks, ...(v.model ? { model: v.model } : {}) };
  },
  switch: async (actor, p) => {
    const r = await switchModel({ actor, input: await withConversationId(p) });
    return { switch: r.switch, ...(r.notification ? { notification: r.notification } : {}), ...(r.replayed ? { replayed: true } : {}) };
  },
  "auto-switch": async (actor, p) => autoSwitch({ actor, input: await withConversationId(p) }),
  "clear-cache": async (actor) => clearCache({ actor }),
  // Keys: admins (session token) and the service key only; the token and secret are in this answer and nowhere else.
  "keys-create": async (actor, p) => createApiKey({ actor, input: p }),
  "keys-list": async (actor) => ({ keys: await listApiKeys({ actor }) }),
  "keys-revoke": async (actor, p) => ({ key: await revokeApiKey({ actor, id: p.id }) }),
};

async function readBody(request: Request): Promise<Record<string, unknown>> {
  const body = await readJsonBody(request, MAX_BODY_BYTES, "The body is not valid JSON.");
  if (!body || typeof body !== "object" || Array.isArray(body)) {
    throw new AppError("invalid_request", 'The body must be a JSON object such as { "action": "list-all" }.');
  }
  return body as Record<string, unknown>;
}

async function dispatch(request: Request): Promise<Record<string, unknown>> {
  const actor = await actorFromAuthorization(request.headers.get("authorization"));
  if (actor.kind === "user") await takeToken(`user:${actor.user.id}`, API_RATE_LIMIT.perWindow, { windowSeconds: API_RATE_LIMIT.windowSeconds });
  const { action, ...params } = await readBody(request);
  if (typeof action !== "string" || !(ACTION_NAMES as string[]).includes(action)) {
    throw new AppError(
      "invalid_request",
      action === undefined
        ? `action: is required (one of ${ACTION_NAMES.join(", ")}).`
        : `action: unknown action ${JSON.stringify(action)} (one of ${ACTION_NAMES.join(", ")}).`,
    );
  }
  const name = action as ActionName;
  const parsed = actionSchemas[name].safeParse(params);
  if (!parsed.success) throw new AppError("invalid_request", describeZodError(parsed.error, params));
  return (handlers[name] as (a: Actor, p: unknown) => Promise<Record<string, unknown>>)(actor, parsed.data);
}

/** POST /api/orchestrate and /functions/v1/orchestrate-bedrock-models: the old edge function's contract. */
export async function handleOrchestrate(request: Request): Promise<Response> {
  try {
    const result = await dispatch(request);
    return jsonOk({ ok: true, ...result });
  } catch (err) {
    return errorResponse(err);
  }
}
