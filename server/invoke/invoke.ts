import "server-only";
import type { Actor } from "@/server/auth/roles";
import {
  BedrockCallError,
  toBedrockCallError,
  type ContentBlock,
  type ContentMessage,
  type ConverseInput,
  type ConverseMessage,
  type ConverseStreamEvent,
  type InferenceConfig,
  type ToolConfig,
} from "@/server/bedrock";
import { StreamAssembler } from "@/server/bedrock/content";
import { cachedCatalog } from "@/server/catalog/cache";
import { AppError } from "@/server/errors";
import { activeCooldowns, coolDown } from "@/server/orchestration/cooldowns";
import { gateway } from "@/server/orchestration/gateway";
import { switchModel } from "@/server/switching/switch-model";
import type { SwitchNotification, SwitchRecord } from "@/server/switching/types";
import { recordInvocation, type InvocationRecord } from "./record";
import { resolveServingScope, type ServingScope } from "./scope";

export type InvokeInput = {
  conversationId?: string;
  useCase?: string;
  messages: (ConverseMessage | ContentMessage)[];
  system?: ConverseInput["system"];
  maxTokens?: number;
  inferenceConfig?: InferenceConfig;
  toolConfig?: ToolConfig;
  /** Called with each piece of text as it streams in. */
  onText?: (text: string) => void;
};

export type FailedAttempt = { modelId: string; errorCode: string; httpStatus: number };

/** What a streaming door needs: the model that answers (once its first event arrived), then every event. */
export type InvokeHooks = {
  /** Called once, before the first event is passed on: from here on no other model can take the answer over. */
  onStart?: (start: { modelId: string; failedAttempts: FailedAttempt[] }) => void;
  onEvent?: (event: ConverseStreamEvent) => void;
};

/** Who made the call, for the invocation record (the gateway doors fill it; the chat leaves it out). */
export type CallOrigin = Pick<InvocationRecord, "apiKeyId" | "endUser" | "source">;

export type InvokeResult = {
  text: string;
  /** The answer's content blocks (text and toolUse) in order. */
  content: ContentBlock[];
  stopReason: string;
  modelId: string;
  inputTokens: number;
  outputTokens: number;
  latencyMs: number;
  failedAttempts: FailedAttempt[];
  fallback: { switch: SwitchRecord; notification: SwitchNotification | null } | null;
};

export const COOLING_DOWN = "ModelCoolingDown";

/** Failures that say "too many requests now", which a caller should retry later rather than treat as an outage. */
const THROTTLE_CODES = new Set(["ThrottlingException", "ServiceQuotaExceededException", "ModelNotReadyException", COOLING_DOWN]);

/** The models to try in order: the serving one, then the fallback chain. */
function chainOf(scope: Pick<ServingScope, "modelId" | "useCase">): string[] {
  return [...new Set([scope.modelId, ...scope.useCase.fallbackChain])];
}

/** Seconds until the first model of the chain may serve again (at least 1). */
export function retryAfterSeconds(chain: string[], cooldowns: Record<string, string>, cooledSeconds: number, now: number): number {
  const waits = chain.map((m) => (cooldowns[m] ? (Date.parse(cooldowns[m]) - now) / 1000 : cooledSeconds));
  return Math.max(1, Math.ceil(Math.min(...waits)));
}

/**
 * The invoke path. A throttle, quota, timeout, not-ready or 5xx error moves to the next model of the use case's
 * fallback chain, cools the failing model down and records a `fallback` switch of the scope with the error code.
 * Errors another model cannot fix (validation, access denied) are answered as they are.
 */
export async function invoke({
  actor,
  input,
  now = () => new Date(),
}: {
  actor: Actor;
  input: InvokeInput;
  /** The clock cooldowns are read and set by; tests pass one they move. */
  now?: () => Date;
}): Promise<InvokeResult> {
  const scope = await resolveServingScope({ actor, conversationId: input.conversationId, useCase: input.useCase });
  const userId = actor.kind === "user" ? actor.user.id : scope.ownerId;
  const onText = input.onText;
  return invokeInScope({ scope, input, userId, now, hooks: onText ? { onEvent: (e) => e.type === "text" && onText(e.text) } : {} });
}

/**
 * Serves one call in a resolved scope: the scope's model, then its fallback chain. A model may fail over to the next
 * only before its first event went to the caller (streaming and not alike).
 */
export async function invokeInScope({
  scope,
  input,
  userId,
  origin = {},
  hooks = {},
  now = () => new Date(),
}: {
  scope: ServingScope;
  input: InvokeInput;
  userId: string | null;
  origin?: CallOrigin;
  hooks?: InvokeHooks;
  /** The clock cooldowns are read and set by; tests pass one they move. */
  now?: () => Date;
}): Promise<InvokeResult> {
  const [catalog, cooldowns] = await Promise.all([cachedCatalog(), activeCooldowns(now())]);
  const byId = new Map(catalog.map((m) => [m.modelId, m]));
  const failed: FailedAttempt[] = [];
  const request = {
    messages: input.messages,
    ...(input.system !== undefined ? { system: input.system } : {}),
    ...(input.maxTokens !== undefined ? { maxTokens: input.maxTokens } : {}),
    ...(input.inferenceConfig ? { inferenceConfig: input.inferenceConfig } : {}),
    ...(input.toolConfig ? { toolConfig: input.toolConfig } : {}),
  };

  for (const modelId of chainOf(scope)) {
    // A model cooling down is skipped (and named in the fallback header); when all are, the call is refused with a 429.
    if (cooldowns[modelId]) {
      failed.push({ modelId, errorCode: COOLING_DOWN, httpStatus: 429 });
      continue;
    }
    const base = { modelId, useCase: scope.useCase.name, conversationId: scope.conversationId, userId, ...origin };
    const answer = new StreamAssembler();
    try {
      for await (const event of gateway().converseStream({ modelId, ...request })) {
        if (event.type !== "done" && !answer.started) hooks.onStart?.({ modelId, failedAttempts: [...failed] });
        answer.add(event);
        if (event.type !== "done") hooks.onEvent?.(event);
      }
      const usage = answer.done ?? { inputTokens: 0, outputTokens: 0, latencyMs: 0, stopReason: "end_turn" };
      if (!answer.started) hooks.onStart?.({ modelId, failedAttempts: [...failed] });
      const { inputTokens, outputTokens, latencyMs } = usage;
      recordInvocation({ ...base, inputTokens, outputTokens, latencyMs, outcome: "success", errorCode: null }, byId.get(modelId));
      const fallback = failed.length && modelId !== scope.modelId ? await recordFallback(scope, modelId, failed, userId) : null;
      return {
        text: answer.text(),
        content: answer.content(),
        stopReason: usage.stopReason,
        modelId,
        inputTokens,
        outputTokens,
        latencyMs,
        failedAttempts: failed,
        fallback,
      };
    } catch (err) {
      if (err instanceof AppError) throw err;
      const e = err instanceof BedrockCallError ? err : toBedrockCallError(err, modelId);
      recordInvocation({ ...base, inputTokens: 0, outputTokens: 0, latencyMs: 0, outcome: e.outcome, errorCode: e.code }, byId.get(modelId));
      // Once an event reached the caller, another model cannot take the answer over.
      if (!e.retryable || answer.started) {
        throw new AppError(
          e.code === "ValidationException" ? "invalid_request" : "unavailable",
          `Bedrock refused the call to ${modelId}: ${e.code}: ${e.message}`,
          {
            bedrockCode: e.code,
            modelId,
            ...(answer.started ? { midStream: true } : {}),
          },
        );
      }
      failed.push({ modelId, errorCode: e.code, httpStatus: e.httpStatus });
      await coolDown({ modelId, seconds: scope.useCase.cooldownSeconds, errorCode: e.code, now: now() });
    }
  }
  const summary = failed.map((f) => `${f.modelId} (${f.errorCode})`).join(", ");
  if (failed.every((f) => THROTTLE_CODES.has(f.errorCode))) {
    throw new AppError("rate_limited", `Every model that could serve ${scope.useCase.name} is throttled or cooling down: ${summary}.`, {
      failedAttempts: failed,
      retryAfterSeconds: retryAfterSeconds(chainOf(scope), cooldowns, scope.useCase.cooldownSeconds, now().getTime()),
    });
  }
  throw new AppError("unavailable", `Every model of the ${scope.useCase.name} fallback chain failed: ${summary}.`, { failedAttempts: failed });
}

async function recordFallback(scope: ServingScope, modelId: string, failed: FailedAttempt[], userId: string | null) {
  // A catalog model named directly has no chain to log on; a split pick without a conversation is one call's choice.
  if (scope.via === "direct" || (scope.via === "split" && !scope.conversationId)) return null;
  const first = failed[0]!;
  const onConversation = scope.conversationId && scope.modelId !== scope.useCase.currentModelId;
  try {
    const r = await switchModel({
      actor: { kind: "service" },
      input: {
        modelId,
        ...(onConversation ? { conversationId: scope.conversationId! } : { useCase: scope.useCase.name }),
        userId: userId ?? undefined,
        // The switch log's view of the scope's model: a split pick is no override, so the conversation reads as on the use case's.
        expectedCurrentModelId: scope.via === "split" ? scope.useCase.currentModelId : scope.modelId,
        switchType: "fallback",
        trigger: "bedrock_error",
        errorCode: first.errorCode,
        actorLabel: "invoke-path",
        reason: `${failed.map((f) => `${f.modelId} failed with ${f.errorCode}`).join("; ")}; moved to the next model of the fallback chain.`,
      },
    });
    return { switch: r.switch, notification: r.notification };
  } catch (err) {
    // Someone switched the scope meanwhile: their choice stands, and this answer was still served.
    if (err instanceof AppError && err.code === "conflict") return null;
    throw err;
  }
}
