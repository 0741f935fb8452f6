import "server-only";
import type { Role } from "@/server/auth/roles";
import type { SwitchRecord } from "@/server/switching/types";

// Who may see a switch event. Pure: the stream, the backlog and the tests all decide with this one function.
//
// Staff (admin, analyst) see every switch. An end user sees a switch only when it changes the model of one of THEIR
// conversations:
//   - a conversation-scope switch of their own conversation;
//   - a use-case switch of a use case in which they have a conversation WITHOUT a model override (that conversation
//     follows the use case, so its model just changed). A conversation with an override keeps its own model.

export type Viewer = { id: string; role: Role };

/** One of the viewer's conversations, as far as switching goes. */
export type ViewerConversation = {
  id: string;
  /** Its title, so the toast can name the conversation it concerns (the viewer's own only). */
  title: string;
  useCase: string;
  modelOverrideId: string | null;
  /** The use case lets end users choose their model (so "Switch back" would be allowed). */
  allowUserChoice: boolean;
};

export type SwitchFacts = Pick<SwitchRecord, "scope" | "useCase" | "conversationId" | "previousModelId" | "newModelId" | "switchType">;

export type AudienceDecision =
  | { visible: false }
  | {
      visible: true;
      /** The viewer's own conversations whose model this switch changed. */
      affectedConversationIds: string[];
      /** Their titles, in the same order. */
      affectedConversationTitles: string[];
      /** The toast may offer to switch those conversations back to the previous model. */
      canSwitchBack: boolean;
    };

export const isStaffRole = (role: Role) => role === "admin" || role === "analyst";

/** The viewer's conversations whose effective model this switch changed. */
export function affectedConversations(sw: SwitchFacts, conversations: readonly ViewerConversation[]): ViewerConversation[] {
  if (sw.scope === "conversation") return conversations.filter((c) => c.id === sw.conversationId);
  return conversations.filter((c) => c.useCase === sw.useCase && c.modelOverrideId === null);
}

export function decideAudience(viewer: Viewer, sw: SwitchFacts, conversations: readonly ViewerConversation[]): AudienceDecision {
  const affected = affectedConversations(sw, conversations);
  if (!isStaffRole(viewer.role) && affected.length === 0) return { visible: false };
  return {
    visible: true,
    affectedConversationIds: affected.map((c) => c.id),
    affectedConversationTitles: affected.map((c) => c.title),
    canSwitchBack: canSwitchBack(viewer, sw, affected),
  };
}

/**
 * "Switch back" pins the viewer's affected conversations to the previous model. Offered only where it can succeed:
 * a previous model to go back to; a role that may switch its own conversations (an analyst changes nothing); for an
 * end user, a use case that lets users choose. Not after a fallback: the previous model just failed and is cooling
 * down, so going back would fail the next message again.
 */
function canSwitchBack(viewer: Viewer, sw: SwitchFacts, affected: readonly ViewerConversation[]): boolean {
  if (!sw.previousModelId || sw.previousModelId === sw.newModelId || sw.switchType === "fallback" || affected.length === 0) return false;
  if (viewer.role === "analyst") return false;
  if (viewer.role === "admin") return true;
  return affected.every((c) => c.allowUserChoice);
}

/**
 * The viewer's conversations after a switch they were shown: a conversation-scope switch sets that conversation's
 * override, so later use-case switches no longer reach it.
 */
export function applySwitch(conversations: readonly ViewerConversation[], sw: SwitchFacts): ViewerConversation[] {
  if (sw.scope !== "conversation") return [...conversations];
  return conversations.map((c) => (c.id === sw.conversationId ? { ...c, modelOverrideId: sw.newModelId } : c));
}
