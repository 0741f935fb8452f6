import "server-only";
import type { RealtimeSwitchEvent } from "@/lib/realtime-event";
import type { SwitchEvent } from "@/server/switching/publish";
import { isStaffRole, type AudienceDecision, type Viewer } from "./audience";

/** The event as this viewer receives it: the switch, the toast's content, and what it means for their conversations. */
export function toClientEvent(
  viewer: Viewer,
  event: SwitchEvent,
  decision: Extract<AudienceDecision, { visible: true }>,
  opts: { replayed: boolean },
): RealtimeSwitchEvent {
  const s = event.switch;
  return {
    id: s.id,
    scope: s.scope,
    useCase: s.useCase,
    conversationId: s.conversationId,
    previousModelId: s.previousModelId,
    newModelId: s.newModelId,
    reason: s.reason,
    switchType: s.switchType,
    trigger: s.trigger,
    errorCode: s.errorCode,
    timestamp: s.timestamp,
    // Who switched is staff information; an end user learns what changed and why, not which admin did it.
    ...(isStaffRole(viewer.role) ? { actor: s.actor } : {}),
    byViewer: s.userId !== null && s.userId === viewer.id,
    notification: event.notification,
    affectedConversationIds: decision.affectedConversationIds,
    affectedConversationTitles: decision.affectedConversationTitles,
    canSwitchBack: decision.canSwitchBack,
    replayed: opts.replayed,
  };
}
