// Who sees a switch event: the one pure decision behind the live stream and the catch-up backlog.
import { describe, expect, it } from "vitest";
import { affectedConversations, applySwitch, decideAudience, type SwitchFacts, type Viewer, type ViewerConversation } from "@/server/realtime/audience";

const A: Viewer = { id: "user-a", role: "user" };
const ADMIN: Viewer = { id: "admin-1", role: "admin" };
const ANALYST: Viewer = { id: "analyst-1", role: "analyst" };

/** A's conversations: one following clinical, one pinned (override) in clinical, one following operations (no user choice). */
const A_CONVS: ViewerConversation[] = [
  { id: "a-clinical", title: "a-clinical title", useCase: "clinical", modelOverrideId: null, allowUserChoice: true },
  { id: "a-clinical-pinned", title: "a-clinical-pinned title", useCase: "clinical", modelOverrideId: "pinned-model", allowUserChoice: true },
  { id: "a-ops", title: "a-ops title", useCase: "operations", modelOverrideId: null, allowUserChoice: false },
];
/** The admin chats too: one conversation following general. */
const ADMIN_CONVS: ViewerConversation[] = [
  { id: "admin-general", title: "admin-general title", useCase: "general", modelOverrideId: null, allowUserChoice: true },
];

const sw = (over: Partial<SwitchFacts>): SwitchFacts => ({
  scope: "use_case",
  useCase: "clinical",
  conversationId: null,
  previousModelId: "old",
  newModelId: "new",
  switchType: "manual",
  ...over,
});
const conv = (id: string, useCase: string, over: Partial<SwitchFacts> = {}) => sw({ scope: "conversation", conversationId: id, useCase, ...over });

type Row = [what: string, viewer: Viewer, convs: ViewerConversation[], event: SwitchFacts, visible: boolean, affected: string[], canSwitchBack: boolean];

const table: Row[] = [
  // End user: their own conversation.
  ["A's conversation switch", A, A_CONVS, conv("a-clinical", "clinical"), true, ["a-clinical"], true],
  ["A's pinned conversation switch (an override changes too)", A, A_CONVS, conv("a-clinical-pinned", "clinical"), true, ["a-clinical-pinned"], true],
  ["A's conversation in a use case without user choice", A, A_CONVS, conv("a-ops", "operations"), true, ["a-ops"], false],
  ["an auto switch of A's conversation", A, A_CONVS, conv("a-clinical", "clinical", { switchType: "auto" }), true, ["a-clinical"], true],
  [
    "a fallback of A's conversation: no switch back to the failing model",
    A,
    A_CONVS,
    conv("a-clinical", "clinical", { switchType: "fallback" }),
    true,
    ["a-clinical"],
    false,
  ],
  ["A's conversation switch without a previous model", A, A_CONVS, conv("a-clinical", "clinical", { previousModelId: null }), true, ["a-clinical"], false],
  // End user: a use case they follow.
  ["a use-case switch of clinical reaches only the conversation that follows it", A, A_CONVS, sw({ useCase: "clinical" }), true, ["a-clinical"], true],
  ["a use-case switch of operations (no user choice): shown, no switch back", A, A_CONVS, sw({ useCase: "operations" }), true, ["a-ops"], false],
  ["a use-case fallback of clinical", A, A_CONVS, sw({ useCase: "clinical", switchType: "fallback" }), true, ["a-clinical"], false],
  // End user: never someone else's.
  ["B's conversation switch", A, A_CONVS, conv("b-general", "general"), false, [], false],
  ["B's conversation switch in a use case A also uses", A, A_CONVS, conv("b-clinical", "clinical"), false, [], false],
  ["a use-case switch of a use case A has no conversation in", A, A_CONVS, sw({ useCase: "general" }), false, [], false],
  ["a user without conversations sees nothing", A, [], sw({ useCase: "clinical" }), false, [], false],
  // A use case whose only conversation of A is pinned.
  [
    "a use-case switch where A's only conversation has an override",
    A,
    [{ id: "a-pinned", title: "a-pinned title", useCase: "health", modelOverrideId: "x", allowUserChoice: true }],
    sw({ useCase: "health" }),
    false,
    [],
    false,
  ],
  // Staff see everything; their own conversations are marked as affected.
  ["admin: B's conversation switch", ADMIN, ADMIN_CONVS, conv("b-general", "general"), true, [], false],
  ["admin: a use-case switch of a use case they chat in", ADMIN, ADMIN_CONVS, sw({ useCase: "general" }), true, ["admin-general"], true],
  ["admin: a use-case switch elsewhere", ADMIN, ADMIN_CONVS, sw({ useCase: "health" }), true, [], false],
  ["analyst: B's conversation switch", ANALYST, [], conv("b-general", "general"), true, [], false],
  ["analyst: any use-case switch", ANALYST, [], sw({ useCase: "operations" }), true, [], false],
  [
    "analyst: their own conversation, but an analyst changes nothing",
    ANALYST,
    [{ id: "an-1", title: "an-1 title", useCase: "general", modelOverrideId: null, allowUserChoice: true }],
    sw({ useCase: "general" }),
    true,
    ["an-1"],
    false,
  ],
];

describe("decideAudience", () => {
  it.each(table)("%s", (_what, viewer, convs, event, visible, affected, canSwitchBack) => {
    const d = decideAudience(viewer, event, convs);
    if (!visible) {
      expect(d).toEqual({ visible: false });
      return;
    }
    expect(d).toEqual({ visible: true, affectedConversationIds: affected, affectedConversationTitles: affected.map((id) => `${id} title`), canSwitchBack });
  });

  it("switch back for an end user needs user choice in every affected conversation's use case", () => {
    const mixed: ViewerConversation[] = [
      { id: "x1", title: "x1 title", useCase: "clinical", modelOverrideId: null, allowUserChoice: true },
      { id: "x2", title: "x2 title", useCase: "clinical", modelOverrideId: null, allowUserChoice: false },
    ];
    expect(decideAudience(A, sw({ useCase: "clinical" }), mixed)).toEqual({
      visible: true,
      affectedConversationIds: ["x1", "x2"],
      affectedConversationTitles: ["x1 title", "x2 title"],
      canSwitchBack: false,
    });
  });
});

describe("applySwitch", () => {
  it("a conversation switch pins that conversation, so the next use-case switch no longer reaches it", () => {
    const after = applySwitch(A_CONVS, conv("a-clinical", "clinical", { newModelId: "chosen" }));
    expect(after.find((c) => c.id === "a-clinical")!.modelOverrideId).toBe("chosen");
    expect(decideAudience(A, sw({ useCase: "clinical" }), after)).toEqual({ visible: false });
    expect(after).not.toBe(A_CONVS);
    expect(A_CONVS[0]!.modelOverrideId).toBeNull();
  });

  it("a use-case switch changes no conversation", () => {
    expect(applySwitch(A_CONVS, sw({ useCase: "clinical" }))).toEqual(A_CONVS);
  });

  it("someone else's conversation switch changes none of A's", () => {
    expect(applySwitch(A_CONVS, conv("b-general", "general"))).toEqual(A_CONVS);
  });
});

describe("affectedConversations", () => {
  it("lists each following conversation of the use case", () => {
    const two: ViewerConversation[] = [
      { id: "1", title: "1 title", useCase: "health", modelOverrideId: null, allowUserChoice: true },
      { id: "2", title: "2 title", useCase: "health", modelOverrideId: null, allowUserChoice: true },
      { id: "3", title: "3 title", useCase: "health", modelOverrideId: "m", allowUserChoice: true },
    ];
    expect(affectedConversations(sw({ useCase: "health" }), two).map((c) => c.id)).toEqual(["1", "2"]);
  });
});
