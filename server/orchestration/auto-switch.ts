import "server-only";
import { eq } from "drizzle-orm";
import { conversations } from "@/db/schema";
import { assertCan, type Actor } from "@/server/auth/roles";
import { getDb } from "@/server/db";
import { AppError } from "@/server/errors";
import { detectUseCase, type Detection } from "@/server/policy/detect";
import { explainChoice } from "@/server/policy/explain-choice";
import type { RankedCandidate } from "@/server/policy/rank";
import { listUseCases } from "@/server/use-cases/load";
import { switchModel } from "@/server/switching/switch-model";
import type { SwitchNotification, SwitchRecord } from "@/server/switching/types";
import { rankForUseCase } from "./get-for-use-case";

export type AutoSwitchInput = {
  useCase?: string;
  message?: string;
  conversationId?: string;
  userId?: string;
  reason?: string;
  showNotification?: boolean;
  dryRun?: boolean;
};

export type AutoSwitchResult = {
  switched: boolean;
  useCase: string | null;
  fromModelId: string | null;
  toModelId: string | null;
  reason: string;
  candidates: RankedCandidate[];
  detection?: Detection;
  switch?: SwitchRecord;
  notification?: SwitchNotification;
};

/** Who asked: a caller of the API or the pages, or the chat, when a message of the conversation is detected to belong elsewhere. */
export type AutoSwitchOrigin = "request" | "chat-message";

const isEndUser = (actor: Actor) => actor.kind === "user" && actor.user.role === "user";

/**
 * auto-switch: picks the best model for a use case (given, or detected from a message) under its policy and switches
 * the scope when that differs from what it uses now. `dryRun` only explains.
 *
 * A conversation is judged by its own use case: its policy must allow auto-switching (and, when a message is
 * detected to belong to another use case, that one's too), an end user may not name a use case at all, and an
 * auto-switch an end user asks for also needs the conversation's use case to let users choose their model.
 */
export async function autoSwitch({
  actor,
  input,
  origin = "request",
}: {
  actor: Actor;
  input: AutoSwitchInput;
  origin?: AutoSwitchOrigin;
}): Promise<AutoSwitchResult> {
  assertCan(actor, input.dryRun ? "catalog:read" : input.conversationId ? "catalog:read" : "auto-switch");
  if (input.useCase && isEndUser(actor)) {
    throw new AppError("forbidden", "End users cannot name a use case: a conversation is auto-switched under its own use case's policy.");
  }
  const db = await getDb();
  const all = await listUseCases({ db });

  let conversation: { id: string; userId: string | null; useCase: string; override: string | null } | undefined;
  if (input.conversationId) {
    [conversation] = await db
      .select({ id: conversations.id, userId: conversations.userId, useCase: conversations.useCase, override: conversations.modelOverrideId })
      .from(conversations)
      .where(eq(conversations.id, input.conversationId))
      .limit(1);
    const foreign = actor.kind === "user" && actor.user.role !== "admin" && conversation?.userId !== actor.user.id;
    if (!conversation || foreign) throw new AppError("not_found", `Conversation ${input.conversationId} does not exist.`);
    if (input.useCase && input.useCase !== conversation.useCase) {
      throw new AppError(
        "invalid_request",
        `useCase: conversation ${conversation.id} belongs to ${conversation.useCase}, and is auto-switched under that use case's policy only.`,
      );
    }
  }
  const own = conversation ? all.find((u) => u.name === conversation.useCase) : undefined;
  if (conversation && !own) throw new AppError("not_found", `Use case ${conversation.useCase} does not exist.`);
  if (own && isEndUser(actor) && origin === "request" && !input.dryRun && !own.allowUserChoice) {
    throw new AppError("forbidden", `The ${own.name} use case does not let users choose their model.`);
  }

  const detection = input.message
    ? detectUseCase(
        input.message,
        all.map((u) => ({ useCase: u.name, terms: u.detectionTerms })),
      )
    : undefined;
  const targetName = input.useCase ?? (detection?.aboveThreshold ? detection.useCase : null) ?? conversation?.useCase ?? null;
  if (!targetName) {
    return {
      switched: false,
      useCase: null,
      fromModelId: null,
      toModelId: null,
      reason: `Could not tell the use case from the message (confidence ${(detection?.confidence ?? 0).toFixed(2)} is below the threshold); nothing changed.`,
      candidates: [],
      detection,
    };
  }
  const useCase = all.find((u) => u.name === targetName);
  if (!useCase) throw new AppError("not_found", `Use case ${targetName} does not exist.`);
  /** Every policy the switch must satisfy: the conversation's own, and the detected one's when it differs. */
  const policies = own && own.name !== useCase.name ? [own, useCase] : [useCase];

  const current = conversation ? (conversation.override ?? all.find((u) => u.name === conversation.useCase)?.currentModelId ?? null) : useCase.currentModelId;
  const { ranked } = await rankForUseCase({ ...useCase, currentModelId: current ?? useCase.currentModelId });
  const choice = explainChoice(ranked, current ?? useCase.currentModelId);
  const detected = detection?.aboveThreshold && detection.useCase === useCase.name && !input.useCase;
  const base = {
    useCase: useCase.name,
    fromModelId: current,
    toModelId: choice.best?.modelId ?? null,
    candidates: ranked,
    ...(detection ? { detection } : {}),
  };
  const prefix = detected ? `Detected use case ${useCase.name} (confidence ${detection!.confidence.toFixed(2)}). ` : "";

  if (!choice.best || !choice.switchNeeded) return { ...base, switched: false, reason: prefix + choice.reason };
  const forbidding = policies.find((u) => !u.allowAutoSwitch);
  if (forbidding) {
    return { ...base, switched: false, reason: `${prefix}${choice.reason} The ${forbidding.name} policy does not allow auto-switching, so nothing changed.` };
  }
  if (input.dryRun) return { ...base, switched: false, reason: `${prefix}${choice.reason} (dry run: nothing changed)` };

  const result = await switchModel({
    actor,
    input: {
      modelId: choice.best.modelId,
      ...(conversation ? { conversationId: conversation.id } : { useCase: useCase.name }),
      userId: input.userId,
      reason: input.reason ?? prefix + choice.reason,
      expectedCurrentModelId: current ?? undefined,
      showNotification: input.showNotification,
      switchType: "auto",
      trigger: detected ? "detection" : "policy",
    },
  });
  return {
    ...base,
    switched: true,
    reason: result.switch.reason ?? choice.reason,
    switch: result.switch,
    ...(result.notification ? { notification: result.notification } : {}),
  };
}
