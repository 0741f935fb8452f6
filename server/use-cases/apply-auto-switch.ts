import "server-only";
import { assertCan, type Actor } from "@/server/auth/roles";
import { AppError } from "@/server/errors";
import { autoSwitch, type AutoSwitchResult } from "@/server/orchestration/auto-switch";

/**
 * Applies the auto-switch a person previewed, and only that one: when the use case's model or the winner changed
 * since the preview, it refuses with a conflict instead of switching to something nobody looked at.
 */
export async function applyAutoSwitch({
  actor,
  useCase,
  expectedFromModelId,
  expectedToModelId,
}: {
  actor: Actor;
  useCase: string;
  expectedFromModelId?: string;
  expectedToModelId?: string;
}): Promise<AutoSwitchResult> {
  assertCan(actor, "auto-switch");
  const preview = await autoSwitch({ actor, input: { useCase, dryRun: true } });
  if (expectedFromModelId !== undefined && preview.fromModelId !== expectedFromModelId) {
    throw new AppError("conflict", `Someone else switched ${useCase} to ${preview.fromModelId} meanwhile. Nothing changed; preview again.`, {
      currentModelId: preview.fromModelId,
    });
  }
  if (expectedToModelId !== undefined && preview.toModelId !== expectedToModelId) {
    throw new AppError(
      "conflict",
      `The best model for ${useCase} is now ${preview.toModelId ?? "none"}, not the ${expectedToModelId} you previewed. Nothing changed; preview again.`,
      { currentModelId: preview.fromModelId, toModelId: preview.toModelId },
    );
  }
  // autoSwitch re-reads the scope and passes it as expectedCurrentModelId, so a switch landing between the two
  // calls still ends in a conflict rather than a silent overwrite.
  return autoSwitch({ actor, input: { useCase } });
}
