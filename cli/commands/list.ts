import { z } from "zod";
import { readBody } from "../api-client";
import { flagArg, parseInput, textArg, useCaseArg, type CommandSpec } from "../args";
import { printJson, type Command } from "../command";
import { table, tokens } from "../format";
import { formatPrice } from "../../lib/format";
import { lifecycleCell } from "../render";
import { listResponse } from "../schemas";

const spec: CommandSpec = {
  name: "list",
  summary: "The model catalog: prices, context window, lifecycle",
  synopsis: "[--provider P] [--use-case U] [--all]",
  args: [],
  options: {
    provider: { type: "string", placeholder: "P", description: "Only this provider (Amazon, Anthropic, ...; any case)" },
    "use-case": { type: "string", placeholder: "U", description: "Only models tagged for this use case" },
    all: { type: "boolean", description: "Include disabled models" },
  },
  examples: ["switchboard list", "switchboard list --provider anthropic --use-case clinical", "switchboard list --all --json"],
};

const schema = z.object({ provider: textArg(40).optional(), useCase: useCaseArg.optional(), all: flagArg });

export const listCommand: Command = {
  spec,
  async run({ io, api, json }, raw) {
    const input = parseInput(schema, raw, spec);
    const body = await api.call("list-all", {
      ...(input.provider ? { provider: input.provider } : {}),
      ...(input.useCase ? { useCase: input.useCase } : {}),
      ...(input.all ? { includeDisabled: true } : {}),
    });
    if (json) {
      printJson(io, body);
      return 0;
    }
    const { models } = readBody(listResponse, body, "list-all");
    const { p } = io;
    const filters = [input.provider && `provider ${input.provider}`, input.useCase && `use case ${input.useCase}`].filter(Boolean);
    if (models.length === 0) {
      io.out(p.yellow(`No models${filters.length ? ` for ${filters.join(", ")}` : ""}.`) + (input.all ? "" : p.dim(" (--all includes disabled ones)")));
      return 0;
    }
    const rows = models.map((m) => [
      m.enabled === false ? p.dim(m.modelId) : m.modelId,
      m.name,
      m.provider,
      m.geoScope ?? "",
      formatPrice(m.inputPricePerMTok),
      formatPrice(m.outputPricePerMTok),
      tokens(m.contextWindow),
      lifecycleCell(m, p),
    ]);
    const lines = table(
      [
        { header: "MODEL ID" },
        { header: "NAME" },
        { header: "PROVIDER" },
        { header: "SCOPE" },
        { header: "IN $/MTOK", align: "right" },
        { header: "OUT $/MTOK", align: "right" },
        { header: "CONTEXT", align: "right" },
        { header: "LIFECYCLE" },
      ],
      rows,
      p,
    );
    for (const line of lines) io.out(line);
    const what = `${models.length} model${models.length === 1 ? "" : "s"}${filters.length ? ` (${filters.join(", ")})` : ""}`;
    io.out(p.dim(`${what}; prices in USD per million tokens${input.all ? "" : "; --all includes disabled models"}`));
    return 0;
  },
};
