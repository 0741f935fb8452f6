import "server-only";
import type { Actor } from "@/server/auth/roles";
import { BedrockCallError, toBedrockCallError, type ConverseMessage } from "@/server/bedrock";
import { cachedCatalog } from "@/server/catalog/cache";
import { AppError } from "@/server/errors";
import { activeCooldowns, coolDown } from "@/server/orchestration/cooldowns";
import { gateway } from "@/server/orchestration/gateway";
import { switchModel } from "@/server/switching/switch-model";
import type { SwitchNotification, SwitchRecord } from "@/server/switching/types";
import { recordInvocation } from "./record";
import { resolveServingScope, type ServingScope } from "./scope";

export type InvokeInput = {
  conversationId?: string;
  useCase?: string;
  messages: ConverseMessage[];
  system?: string;
  maxTokens?: number;
  /** Called with each piece of text as it streams in. */
  onText?: (text: string) => void;
};

export type FailedAttempt = { modelId: string; errorCode: string; httpStatus: number };

export type InvokeResult = {
  text: string;
  modelId: string;
  inputTokens: number;
  outputTokens: number;
  latencyMs: number;
  invocationId: number;
  failedAttempts: FailedAttempt[];
  fallback: { switch: SwitchRecord; notification: SwitchNotification | null } | null;
};

export const COOLING_DOWN = "ModelCoolingDown";

/** The models to try in order: the serving one, then the fallback chain; those cooling down go last. */
export function attemptOrder(scope: ServingScope, cooldowns: Record<string, string>): string[] {
  const chain = [...new Set([scope.modelId, ...scope.useCase.fallbackChain])];
  const ready = chain.filter((m) => !cooldowns[m]);
  return ready.length ? ready : chain;
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
  const [catalog, cooldowns] = await Promise.all([cachedCatalog(), activeCooldowns(now())]);
  const byId = new Map(catalog.map((m) => [m.modelId, m]));
  const userId = actor.kind === "user" ? actor.user.id : scope.ownerId;
  const failed: FailedAttempt[] = [];
  if (cooldowns[scope.modelId]) failed.push({ modelId: scope.modelId, errorCode: COOLING_DOWN, httpStatus: 429 });

  for (const modelId of attemptOrder(scope, cooldowns)) {
    if (failed.some((f) => f.modelId === modelId)) continue;
    const base = { modelId, useCase: scope.useCase.name, conversationId: scope.conversationId, userId };
    let text = "";
    try {
      let done: { inputTokens: number; outputTokens: number; latencyMs: number } | undefined;
      for await (const event of gateway().converseStream({ modelId, messages: input.messages, system: input.system, maxTokens: input.maxTokens })) {
        if (event.type === "text") {
          text += event.text;
          input.onText?.(event.text);
        } else done = event;
      }
      const usage = done ?? { inputTokens: 0, outputTokens: 0, latencyMs: 0 };
      const invocationId = await recordInvocation({ ...base, ...usage, outcome: "success", errorCode: null }, byId.get(modelId));
      const fallback = failed.length && modelId !== scope.modelId ? await recordFallback(scope, modelId, failed, userId) : null;
      return { text, modelId, ...usage, invocationId, failedAttempts: failed, fallback };
    } catch (err) {
      if (err instanceof AppError) throw err;
      const e = err instanceof BedrockCallError ? err : toBedrockCallError(err, modelId);
      await recordInvocation({ ...base, inputTokens: 0, outputTokens: 0, latencyMs: 0, outcome: e.outcome, errorCode: e.code }, byId.get(modelId));
      // Once text reached the caller, another model cannot take the answer over.
      if (!e.retryable || text) {
        throw new AppError(e.code === "ValidationException" ? "invalid_request" : "unavailable", `Bedrock refused the call to ${modelId}: ${e.code}: ${e.message}`, {
          bedrockCode: e.code,
          modelId,
        });
      }
      failed.push({ modelId, errorCode: e.code, httpStatus: e.httpStatus });
      await coolDown({ modelId, seconds: scope.useCase.cooldownSeconds, errorCode: e.code, now: now() });
    }
  }
  throw new AppError("unavailable", `Every model of the ${scope.useCase.name} fallback chain failed: ${failed.map((f) => `${f.modelId} (${f.errorCode})`).join(", ")}.`, {
    failedAttempts: failed,
  });
}

async function recordFallback(scope: ServingScope, modelId: string, failed: FailedAttempt[], userId: string | null) {
  const first = failed[0]!;
  try {
    const r = await switchModel({
      actor: { kind: "service" },
      input: {
        modelId,
        ...(scope.conversationId && scope.modelId !== scope.useCase.currentModelId ? { conversationId: scope.conversationId } : { useCase: scope.useCase.name }),
        userId: userId ?? undefined,
        expectedCurrentModelId: scope.modelId,
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
