"use server";

// The dashboard's server actions. Each is a thin door: defineAction signs the caller in, checks the permission and
// parses the input; the service layer does the work; the affected pages are revalidated.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction } from "@/server/actions/define-action";
import { autoSwitch } from "@/server/orchestration/auto-switch";
import { validateOperation } from "@/server/orchestration/validate";
import { switchModel } from "@/server/switching/switch-model";
import { applyAutoSwitch } from "@/server/use-cases/apply-auto-switch";
import { createUseCase, createUseCaseInput } from "@/server/use-cases/create-use-case";
import { getUseCaseDetail } from "@/server/use-cases/detail";
import { useCaseSwitchCandidates } from "@/server/use-cases/switch-candidates";
import { setTrafficSplit, setTrafficSplitInput } from "@/server/traffic/update";
import { setFallbackChain, setFallbackChainInput } from "@/server/use-cases/update-fallback-chain";
import { useCaseNameSchema } from "@/lib/policy-schema";
import { updatePolicy, updatePolicyInput } from "@/server/use-cases/update-policy";

const modelId = z.string().trim().min(1, "Choose a model.").max(200, "That is too long for a model id.");

// A switch moves cost, history, adoption and the overview as well as the page it was made on.
function revalidateAfterSwitch() {
  for (const path of ["/", "/use-cases", "/models", "/history", "/costs", "/adoption"]) revalidatePath(path);
}

export const switchModelAction = defineAction({
  schema: z
    .object({
      modelId,
      useCase: useCaseNameSchema.optional(),
      conversationId: z.uuid("That is not a conversation id.").optional(),
      reason: z.string().trim().max(500, "Keep the reason under 500 characters.").optional(),
      // Required from the UI: the model the person saw, so that a view made stale by someone else gets a 409.
      expectedCurrentModelId: modelId,
      idempotencyKey: z.string().min(8).max(200).optional(),
    })
    .refine((v) => v.useCase !== undefined || v.conversationId !== undefined, {
      message: "Say which use case or conversation to switch.",
      path: ["useCase"],
    }),
  permission: "switch:use-case",
  run: async ({ actor }, input) => {
    const result = await switchModel({
      actor,
      input: {
        modelId: input.modelId,
        ...(input.conversationId ? { conversationId: input.conversationId } : { useCase: input.useCase }),
        reason: input.reason || undefined,
        expectedCurrentModelId: input.expectedCurrentModelId,
        idempotencyKey: input.idempotencyKey,
      },
    });
    revalidateAfterSwitch();
    return { switch: result.switch, notification: result.notification };
  },
});

export const validateModelAction = defineAction({
  schema: z.object({ modelId, useCase: useCaseNameSchema.optional(), probe: z.boolean().optional() }),
  permission: "validate",
  run: async ({ actor }, input) => validateOperation({ actor, ...input }),
});

// A preview changes nothing; it is for staff, like validate (end users have no use for a use case's ranking).
export const autoSwitchPreviewAction = defineAction({
  schema: z.object({ useCase: useCaseNameSchema }),
  permission: "validate",
  run: async ({ actor }, input) => autoSwitch({ actor, input: { useCase: input.useCase, dryRun: true } }),
});

export const autoSwitchApplyAction = defineAction({
  schema: z.object({
    useCase: useCaseNameSchema,
    expectedFromModelId: modelId.optional(),
    expectedToModelId: modelId.optional(),
  }),
  permission: "auto-switch",
  run: async ({ actor }, input) => {
    const result = await applyAutoSwitch({ actor, ...input });
    if (result.switched) revalidateAfterSwitch();
    return result;
  },
});

export const updatePolicyAction = defineAction({
  schema: updatePolicyInput,
  permission: "use-case:write",
  run: async ({ actor }, input) => {
    const result = await updatePolicy({ actor, ...input });
    // Volumes feed the cost estimates; the policy feeds the use-case page.
    for (const path of ["/", "/use-cases", "/costs"]) revalidatePath(path);
    return result;
  },
});

export const createUseCaseAction = defineAction({
  schema: createUseCaseInput,
  permission: "use-case:write",
  run: async ({ actor }, input) => {
    const useCase = await createUseCase({ actor, input });
    for (const path of ["/", "/use-cases", "/costs", "/models"]) revalidatePath(path);
    return { useCase };
  },
});

export const setFallbackChainAction = defineAction({
  schema: setFallbackChainInput,
  permission: "use-case:write",
  run: async ({ actor }, input) => {
    const result = await setFallbackChain({ actor, ...input });
    revalidatePath("/use-cases");
    return result;
  },
});

/** Replaces a use case's traffic split (logged and announced to every instance by the service). */
export const setTrafficSplitAction = defineAction({
  schema: setTrafficSplitInput,
  permission: "use-case:write",
  run: async ({ actor }, input) => {
    const result = await setTrafficSplit({ actor, input });
    for (const path of ["/use-cases", "/adoption"]) revalidatePath(path);
    return result;
  },
});

/** One use case as the page shows it (React Query refetches through this). */
export const getUseCaseAction = defineAction({
  schema: z.object({ name: useCaseNameSchema }),
  permission: "analytics:read",
  run: async ({ actor }, input) => getUseCaseDetail({ actor, name: input.name }),
});

/** The ranked models of a use case with the current one marked: the selection dialog loads them fresh on every open. */
export const getForUseCaseAction = defineAction({
  schema: z.object({ useCase: useCaseNameSchema }),
  permission: "analytics:read",
  run: async ({ actor }, input) => useCaseSwitchCandidates({ actor, useCase: input.useCase }),
});
