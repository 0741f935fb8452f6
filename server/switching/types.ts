import "server-only";
import type { bedrockModelSwitches } from "@/db/schema";
import type { SwitchScope, SwitchTrigger, SwitchType } from "@/lib/enums";

export type SwitchRecord = {
  id: number;
  userId: string | null;
  actor: string;
  scope: SwitchScope;
  useCase: string;
  conversationId: string | null;
  previousModelId: string | null;
  newModelId: string;
  reason: string | null;
  switchType: SwitchType;
  trigger: SwitchTrigger;
  errorCode: string | null;
  notificationShown: boolean;
  timestamp: string;
};

/** What the affected users see as a toast; the same shape reaches browsers in realtime events. */
export type { SwitchNotification } from "@/lib/realtime-event";

export function toSwitchRecord(row: typeof bedrockModelSwitches.$inferSelect): SwitchRecord {
  return {
    id: row.id,
    userId: row.userId,
    actor: row.actor,
    scope: row.scope,
    useCase: row.useCase,
    conversationId: row.conversationId,
    previousModelId: row.previousModelId,
    newModelId: row.newModelId,
    reason: row.reason,
    switchType: row.switchType,
    trigger: row.trigger,
    errorCode: row.errorCode,
    notificationShown: row.notificationShown,
    timestamp: row.timestamp.toISOString(),
  };
}
