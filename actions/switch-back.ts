"use server";

import { z } from "zod";
import { defineAction } from "@/server/actions/define-action";
import { switchBack } from "@/server/realtime/switch-back";

const input = z.object({
  /** The conversations the toast said were changed (the viewer's own; switchModel checks each). */
  conversationIds: z.array(z.uuid("Not a conversation id")).min(1, "Name at least one conversation").max(20, "At most 20 conversations at once"),
  /** The model to go back to. */
  modelId: z.string().trim().min(1, "Name the model to switch back to").max(200),
  /** The model the toast announced: if it has changed again since, nothing is switched (409). */
  expectedCurrentModelId: z.string().trim().min(1).max(200),
});

/**
 * "Switch back" from a switch toast: pins the end user's own conversations to the previous model. switchModel checks
 * the role, that each conversation is the caller's, and that its use case lets users choose.
 */
export const switchBackAction = defineAction({
  schema: input,
  permission: "switch:own-conversation",
  run: ({ actor }, data) => switchBack({ actor, ...data }),
});
