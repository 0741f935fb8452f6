import "server-only";
import type { bedrockModelSwitches } from "@/db/schema";

export type SwitchRecord = {
  id: number;
  userId: string | null;
  actor: string;
  scope: "use_case" | "conversation";
  useCase: string;
  conversationId: string | null;
  previousModelId: string | null;
  newModelId: string;
  reason: string | null;
  switchType: "manual" | "auto" | "fallback";
  trigger: "admin" | "user" | "service" | "policy" | "detection" | "bedrock_error";
  errorCode: string | null;
  notificationShown: boolean;
  timestamp: string;
};

export type SwitchNotification = {
  type: "auto" | "manual" | "fallback";
  modelId: string;
  modelName: string;
  title: string;
  message: string;
  previousModelId?: string;
  previousModelName?: string;
};

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
