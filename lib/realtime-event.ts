// The switch event as a browser receives it, from either transport (Server-Sent Events or Supabase Realtime plus the
// backlog route). Client-safe: no server imports. The server builds it per viewer (server/realtime/client-event.ts),
// so it already says which of the viewer's conversations the switch changed and whether the toast may offer
// "Switch back".

import type { SwitchScope, SwitchTrigger, SwitchType } from "./enums";

export type SwitchToastType = SwitchType;

/** A switch's notification: what the affected users see as a toast (the API answers it too). */
export type SwitchNotification = {
  type: SwitchToastType;
  modelId: string;
  modelName: string;
  title: string;
  message: string;
  previousModelId?: string;
  previousModelName?: string;
};

export type RealtimeSwitchEvent = {
  /** The switch log row id; also the SSE event id, so a reconnecting client resumes after it. */
  id: number;
  scope: SwitchScope;
  useCase: string;
  conversationId: string | null;
  previousModelId: string | null;
  newModelId: string;
  reason: string | null;
  switchType: SwitchToastType;
  trigger: SwitchTrigger;
  errorCode: string | null;
  /** ISO timestamp of the switch. */
  timestamp: string;
  /** Who switched (an email or "service"): staff only, never sent to end users. */
  actor?: string;
  /** The viewer made this switch themselves (e.g. from the chat page's model dialog, or "Switch back"). */
  byViewer: boolean;
  /** What the toast shows; null when the switch was made with `showNotification: false`. */
  notification: SwitchNotification | null;
  /** The viewer's own conversations whose model this switch changed (none for a staff member's view of others). */
  affectedConversationIds: string[];
  /** The titles of `affectedConversationIds`, in the same order, so the toast names the conversation it concerns. */
  affectedConversationTitles: string[];
  /** Whether the viewer may switch `affectedConversationIds` back to `previousModelId` from the toast. */
  canSwitchBack: boolean;
  /** True when sent from the switch log on (re)connect, i.e. the viewer missed it while disconnected. */
  replayed: boolean;
};

const SCOPES = new Set(["use_case", "conversation"]);
const TYPES = new Set(["auto", "manual", "fallback"]);

/** A structural check of what arrives over the wire: a malformed message is dropped, never half-applied. */
export function parseRealtimeSwitchEvent(value: unknown): RealtimeSwitchEvent | null {
  if (!value || typeof value !== "object") return null;
  const v = value as Record<string, unknown>;
  const ok =
    typeof v.id === "number" &&
    Number.isSafeInteger(v.id) &&
    SCOPES.has(v.scope as string) &&
    typeof v.useCase === "string" &&
    (v.conversationId === null || typeof v.conversationId === "string") &&
    typeof v.newModelId === "string" &&
    TYPES.has(v.switchType as string) &&
    typeof v.timestamp === "string" &&
    Array.isArray(v.affectedConversationIds) &&
    (v.notification === null || (typeof v.notification === "object" && TYPES.has((v.notification as { type?: string }).type ?? "")));
  if (!ok) return null;
  return {
    ...(v as unknown as RealtimeSwitchEvent),
    previousModelId: typeof v.previousModelId === "string" ? v.previousModelId : null,
    reason: typeof v.reason === "string" ? v.reason : null,
    errorCode: typeof v.errorCode === "string" ? v.errorCode : null,
    affectedConversationIds: (v.affectedConversationIds as unknown[]).filter((x): x is string => typeof x === "string"),
    // Optional on the wire (an event from a server before titles were sent has none): no title, no name in the toast.
    affectedConversationTitles: Array.isArray(v.affectedConversationTitles)
      ? (v.affectedConversationTitles as unknown[]).filter((x): x is string => typeof x === "string")
      : [],
    canSwitchBack: v.canSwitchBack === true,
    byViewer: v.byViewer === true,
    replayed: v.replayed === true,
  };
}
