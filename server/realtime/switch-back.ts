import "server-only";
import type { Actor } from "@/server/auth/roles";
import { AppError } from "@/server/errors";
import { switchModel } from "@/server/switching/switch-model";

export type SwitchBackResult = {
  /** The switch ids written, one per conversation switched back. */
  switchIds: number[];
  /** Conversations left alone because their model changed again meanwhile. */
  skipped: string[];
  modelId: string;
};

/**
 * Switches each conversation back to `modelId`, but only where it still uses `expectedCurrentModelId` (the model the
 * toast announced). When none of them does, the whole request is a conflict: the user sees that something newer
 * happened instead of silently undoing it.
 */
export async function switchBack({
  actor,
  conversationIds,
  modelId,
  expectedCurrentModelId,
}: {
  actor: Actor;
  conversationIds: string[];
  modelId: string;
  expectedCurrentModelId: string;
}): Promise<SwitchBackResult> {
  const switchIds: number[] = [];
  const skipped: string[] = [];
  for (const conversationId of [...new Set(conversationIds)]) {
    try {
      const r = await switchModel({
        actor,
        input: { conversationId, modelId, expectedCurrentModelId, reason: "Switched back from the notification", switchType: "manual" },
      });
      switchIds.push(r.switch.id);
    } catch (err) {
      if (err instanceof AppError && err.code === "conflict") {
        skipped.push(conversationId);
        continue;
      }
      throw err;
    }
  }
  if (switchIds.length === 0) {
    throw new AppError("conflict", "The model changed again meanwhile, so nothing was switched back. Your conversation keeps its current model.");
  }
  return { switchIds, skipped, modelId };
}
