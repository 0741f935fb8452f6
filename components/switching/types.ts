// Shapes the switching dialogs share with the pages that use them. Type-only imports from the server: nothing of the
// server reaches the browser bundle.
import type { ActionResult } from "@/lib/action-result";
import type { RankedModel } from "@/server/orchestration/get-for-use-case";
import type { CheckResult } from "@/server/policy/check-result";
import type { SwitchNotification, SwitchRecord } from "@/server/switching/types";
import type { MonthlyVolume, PricedModel } from "@/lib/cost";

export type { ActionResult, CheckResult, MonthlyVolume, PricedModel, RankedModel, SwitchNotification, SwitchRecord };

/** What a switch changes: a use case's default model, or one conversation's override (inside its use case). */
export type SwitchScope = { useCase: string; conversationId?: undefined } | { useCase: string; conversationId: string };

/** The monthly volume a switch is priced at: the use case's one cost figure (server/costs/monthly-cost.ts). */
export type SwitchMonthlyCost = { volume: MonthlyVolume; basisLabel: string };

/**
 * The models a scope may switch to, ranked, and the model it uses now (get-for-use-case, or the chat's choices); for a
 * use case also its monthly cost figure, which the confirmation prices the switch with.
 */
export type SwitchCandidates = { currentModelId: string; models: RankedModel[]; monthlyCost?: SwitchMonthlyCost | null };

/** What the flow hands to the caller's server action. `expectedCurrentModelId` is always sent: a stale view gets 409. */
export type SwitchRequest = {
  modelId: string;
  useCase: string;
  conversationId?: string;
  reason?: string;
  expectedCurrentModelId: string;
};

export type SwitchResultData = { switch: SwitchRecord; notification: SwitchNotification | null };

/** Why the last attempt did not switch, shaped for the confirmation dialog. */
export type SwitchFailure =
  | { kind: "conflict"; message: string; currentModelId: string; currentModelName: string | null }
  | { kind: "invalid"; message: string; checks: CheckResult[] }
  | { kind: "error"; message: string };

/** "health" for a use case, "this conversation" for an override; used in sentences such as "Someone else switched …". */
export function scopeLabel(scope: SwitchScope): string {
  return scope.conversationId ? "this conversation" : scope.useCase;
}
