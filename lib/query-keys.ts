import type { SwitchScope, SwitchType } from "./enums";
// The React Query keys of every resource, in one place: hooks read with them, and the realtime provider invalidates
// them when a switch arrives, so open pages show the new model without a reload. Client-safe (no server imports).
//
// Keys are hierarchical: invalidating `queryKeys.switches.all` also refetches every filtered page of the history,
// `queryKeys.useCases.all` every list and every single use case, and so on (React Query matches by prefix).

export const queryKeys = {
  useCases: {
    /** Prefix of everything about use cases. */
    all: ["use-cases"] as const,
    /** The list of use cases with their current model. */
    list: () => ["use-cases", "list"] as const,
    /** One use case (policy, current model, fallback chain, cooldowns). */
    detail: (name: string) => ["use-cases", "detail", name] as const,
    /** The ranked models of a use case (get-for-use-case). */
    ranked: (name: string) => ["use-cases", "ranked", name] as const,
  },
  conversations: {
    /** Prefix of everything about the signed-in user's conversations. */
    all: ["conversations"] as const,
    /** The signed-in user's conversations with their effective model. */
    list: () => ["conversations", "list"] as const,
    /** One conversation (its effective model, override, messages). */
    detail: (id: string) => ["conversations", "detail", id] as const,
    /** The models an end user may pick for one conversation. */
    choices: (id: string) => ["conversations", "choices", id] as const,
  },
  switches: {
    /** Prefix of the switch log (history page, last-switch cells, charts fed by switches). */
    all: ["switches"] as const,
    /** One filtered page of the switch log; `filters` is any serialisable object. */
    list: (filters: Record<string, unknown> = {}) => ["switches", "list", filters] as const,
  },
  models: {
    /** Prefix of the catalog. */
    all: ["models"] as const,
    list: (filters: Record<string, unknown> = {}) => ["models", "list", filters] as const,
  },
  overview: {
    /** Overview KPIs and per-use-case cards (current model, last switch). */
    all: ["overview"] as const,
  },
  cooldowns: {
    /** Models cooling down after a failure (a fallback switch adds one). */
    all: ["cooldowns"] as const,
  },
} as const;

/** The prefixes a switch event makes stale; the realtime provider invalidates each of them. */
export function keysStaleAfterSwitch(event: {
  scope: SwitchScope;
  useCase: string;
  conversationId: string | null;
  switchType: SwitchType;
}): readonly (readonly unknown[])[] {
  const keys: (readonly unknown[])[] = [
    queryKeys.switches.all,
    queryKeys.overview.all,
    queryKeys.useCases.detail(event.useCase),
    queryKeys.useCases.ranked(event.useCase),
    queryKeys.useCases.list(),
    queryKeys.conversations.list(),
  ];
  if (event.scope === "conversation" && event.conversationId) {
    keys.push(queryKeys.conversations.detail(event.conversationId));
    keys.push(queryKeys.conversations.choices(event.conversationId));
  } else {
    // A use-case switch changes the effective model of every conversation that follows the use case.
    keys.push(["conversations", "detail"]);
    keys.push(["conversations", "choices"]);
  }
  if (event.switchType === "fallback") keys.push(queryKeys.cooldowns.all);
  return keys;
}
