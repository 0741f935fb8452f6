import "server-only";
import { and, eq, isNull } from "drizzle-orm";
import type { Database } from "@/db/client";
import { conversations, useCases } from "@/db/schema";
import type { SessionUser } from "@/server/auth/roles";
import { getDb } from "@/server/db";
import { applySwitch, decideAudience, type AudienceDecision, type SwitchFacts, type Viewer, type ViewerConversation } from "./audience";

/**
 * The viewer's conversations with what switching needs to know about each. Archived ones are left out: they take no
 * messages and refuse switches, so a switch says nothing to their owner (no toast, no "Switch back" that would fail).
 */
export async function loadViewerConversations({ db, userId }: { db: Database; userId: string }): Promise<ViewerConversation[]> {
  return db
    .select({
      id: conversations.id,
      title: conversations.title,
      useCase: conversations.useCase,
      modelOverrideId: conversations.modelOverrideId,
      allowUserChoice: useCases.allowUserChoice,
    })
    .from(conversations)
    .innerJoin(useCases, eq(useCases.name, conversations.useCase))
    .where(and(eq(conversations.userId, userId), isNull(conversations.archivedAt)));
}

/**
 * A reload is allowed at most this often when an event looks invisible: conversations created after the stream opened
 * publish no event, so a use-case switch that seems to miss the viewer re-reads their conversations first. The cap
 * bounds the queries a burst of other people's switches can cause per stream.
 */
export const RELOAD_AFTER_MS = 500;

/**
 * One open stream's view of its viewer: their conversations, loaded when the stream opens, kept current from the
 * events themselves (a conversation switch of theirs sets its override) and re-read when an event seems to miss them.
 */
export class ViewerState {
  private constructor(
    readonly viewer: Viewer,
    private conversations: ViewerConversation[],
    private loadedAt: number,
  ) {}

  static async open(user: Pick<SessionUser, "id" | "role">): Promise<ViewerState> {
    const viewer: Viewer = { id: user.id, role: user.role };
    const list = await loadViewerConversations({ db: await getDb(), userId: user.id });
    return new ViewerState(viewer, list, Date.now());
  }

  /** For tests and the backlog: a state over a known list. */
  static of(viewer: Viewer, list: ViewerConversation[]): ViewerState {
    return new ViewerState(viewer, list, Date.now());
  }

  get current(): readonly ViewerConversation[] {
    return this.conversations;
  }

  async reload(): Promise<void> {
    this.conversations = await loadViewerConversations({ db: await getDb(), userId: this.viewer.id });
    this.loadedAt = Date.now();
  }

  /** Decides one live event, then applies it to the viewer's conversations. Calls must not overlap (the stream queues them). */
  async decide(sw: SwitchFacts): Promise<AudienceDecision> {
    let decision = decideAudience(this.viewer, sw, this.conversations);
    if (!decision.visible && Date.now() - this.loadedAt >= RELOAD_AFTER_MS) {
      await this.reload();
      decision = decideAudience(this.viewer, sw, this.conversations);
    }
    this.conversations = applySwitch(this.conversations, sw);
    return decision;
  }
}
