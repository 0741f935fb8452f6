import "server-only";

// Shapes the chat service returns. Client components import them with `import type` (erased at build time), so
// the browser bundle never pulls this server-only module in.

/** A model as the chat shows it: the id and the name a person reads ("Claude Haiku 4.5 (EU)"). */
export type ChatModel = { modelId: string; name: string; provider: string | null };

export type ChatMessage = {
  id: string;
  role: "user" | "assistant";
  content: string;
  /** The model that answered (assistant messages only). */
  model: ChatModel | null;
  /** ISO timestamp. */
  createdAt: string;
};

export type ConversationSummary = {
  id: string;
  title: string;
  useCase: string;
  /** The model that serves the conversation now: its override, else its use case's model. */
  model: ChatModel;
  /** ISO timestamp of the last activity. */
  updatedAt: string;
  /** ISO timestamp when the conversation was archived (read-only from then on), or null. */
  archivedAt: string | null;
};

export type ConversationDetail = ConversationSummary & {
  useCaseDescription: string;
  /** The conversation's own model choice, or null while it follows its use case. */
  overrideModelId: string | null;
  /** Whether the use case's policy lets the owner pick the model. */
  allowUserChoice: boolean;
  /** The last messages, oldest first (bounded: see MESSAGE_LIMIT). */
  messages: ChatMessage[];
  /** True when older messages exist beyond the bounded window. */
  hasEarlierMessages: boolean;
};

/** A use case as the "new conversation" form offers it. */
export type UseCaseOption = { name: string; description: string };
