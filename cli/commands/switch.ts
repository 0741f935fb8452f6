import { z } from "zod";
import { readBody } from "../api-client";
import { conversationArg, flagArg, modelIdArg, parseInput, textArg, useCaseArg, type CommandSpec } from "../args";
import { printJson, type Command } from "../command";
import { printNotification, printSwitchSummary } from "../render";
import { switchResponse } from "../schemas";

const spec: CommandSpec = {
  name: "switch",
  summary: "Switches a use case (default general) or one conversation to a model",
  synopsis: "<model-id> [reason] [--use-case U | --conversation ID] [--expect CURRENT] [--idempotency-key K]",
  description: [
    "Validates the model first; an invalid one is refused with the failing checks and nothing changes.",
    "The words after the model id are the reason (quotes optional). Prints the notification users see, then the switch.",
  ],
  args: [
    { name: "model-id", key: "modelId", required: true, description: "The model or inference profile id to switch to" },
    { name: "reason", key: "reason", variadic: true, description: "Why, for the switch log and the notification" },
  ],
  options: {
    "use-case": { type: "string", placeholder: "U", description: "The use case to switch (default general)" },
    conversation: { type: "string", placeholder: "ID", description: "Switch only this conversation (an override)" },
    expect: { type: "string", placeholder: "CURRENT", description: "Refuse with a conflict unless the scope still uses this model" },
    "idempotency-key": { type: "string", placeholder: "K", description: "A retry with the same key changes nothing and answers the first result" },
    "no-notify": { type: "boolean", description: "Do not show users a notification" },
  },
  examples: [
    'switchboard switch eu.amazon.nova-lite-v1:0 "cost review" --use-case health',
    "switchboard switch eu.anthropic.claude-sonnet-4-6 --use-case clinical --expect eu.anthropic.claude-sonnet-4-5-20250929-v1:0",
    "switchboard switch eu.amazon.nova-pro-v1:0 --conversation 3f1c2b9e-0a4d-4c8e-9b61-2f7d8e5a1c30",
  ],
};

const schema = z
  .object({
    modelId: modelIdArg,
    reason: textArg(500).optional(),
    useCase: useCaseArg.optional(),
    conversation: conversationArg.optional(),
    expect: modelIdArg.optional(),
    idempotencyKey: textArg(200).optional(),
    noNotify: flagArg,
  })
  .refine((v) => !(v.useCase && v.conversation), { message: "cannot be combined with --use-case: switch one scope", path: ["conversation"] });

export const switchCommand: Command = {
  spec,
  async run({ io, api, json }, raw) {
    const input = parseInput(schema, raw, spec);
    const body = await api.call("switch", {
      modelId: input.modelId,
      ...(input.reason ? { reason: input.reason } : {}),
      ...(input.useCase ? { useCase: input.useCase } : {}),
      ...(input.conversation ? { conversationId: input.conversation } : {}),
      ...(input.expect ? { expectedCurrentModelId: input.expect } : {}),
      ...(input.idempotencyKey ? { idempotencyKey: input.idempotencyKey } : {}),
      ...(input.noNotify ? { showNotification: false } : {}),
    });
    if (json) {
      printJson(io, body);
      return 0;
    }
    const data = readBody(switchResponse, body, "switch");
    if (data.notification) printNotification(io, data.notification);
    printSwitchSummary(io, data.switch, { replayed: data.replayed, hadNotification: Boolean(data.notification) });
    return 0;
  },
};
