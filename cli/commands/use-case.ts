import { z } from "zod";
import { readBody } from "../api-client";
import { parseInput, useCaseArg, type CommandSpec } from "../args";
import { printJson, type Command } from "../command";
import { dateTime, score, shorten, table, tokens, type Palette } from "../format";
import { formatPrice } from "../../lib/format";
import { useCaseResponse, type RankedModel } from "../schemas";

const spec: CommandSpec = {
  name: "use-case",
  summary: "The models that fit a use case's policy, ranked, the current one marked",
  synopsis: "<name>",
  args: [{ name: "name", key: "name", required: true, description: "The use case: clinical, health, operations, general, ..." }],
  options: {},
  examples: ["switchboard use-case clinical", "switchboard use-case general --json"],
};

const schema = z.object({ name: useCaseArg });
const REASON_WIDTH = 72;

/** Why a model is excluded, in one line: the first reason cut short, and how many more there are. */
export function shortReasons(reasons: string[], p: Palette): string {
  const [first = "excluded"] = reasons;
  const more = reasons.length > 1 ? p.dim(` (+${reasons.length - 1} more)`) : "";
  return shorten(first, REASON_WIDTH) + more;
}

function note(m: RankedModel, p: Palette): string {
  const parts: string[] = [];
  if (m.current) parts.push(p.bold(p.green("current")));
  if (m.coolingDownUntil) parts.push(p.yellow(`cooling down until ${dateTime(m.coolingDownUntil)}`));
  if (m.lifecycleStatus !== "active") parts.push(p.yellow(m.lifecycleStatus));
  return parts.join(" ");
}

export const useCaseCommand: Command = {
  spec,
  async run({ io, api, json }, raw) {
    const input = parseInput(schema, raw, spec);
    const body = await api.call("get-for-use-case", { useCase: input.name });
    if (json) {
      printJson(io, body);
      return 0;
    }
    const data = readBody(useCaseResponse, body, "get-for-use-case");
    const { p } = io;
    const eligible = data.models.filter((m) => m.eligible);
    const excluded = data.models.filter((m) => !m.eligible);
    const current = data.models.find((m) => m.current || m.modelId === data.currentModelId);

    io.out(`${p.bold(`Use case ${data.useCase}`)}: current model ${p.bold(data.currentModelId)}${current ? p.dim(` (${current.name})`) : ""}`);
    io.out();
    if (eligible.length === 0) {
      io.out(p.yellow("! No model fits this use case's policy."));
    } else {
      io.out(p.bold(`Fits the policy (${eligible.length}), best first:`));
      const rows = eligible.map((m) => [
        m.current ? p.green("▸") : "",
        String(m.rank),
        m.current ? p.bold(m.modelId) : m.modelId,
        m.name,
        score(m.score),
        formatPrice(m.inputPricePerMTok),
        formatPrice(m.outputPricePerMTok),
        tokens(m.contextWindow),
        note(m, p),
      ]);
      const columns = [
        { header: "" },
        { header: "#", align: "right" as const },
        { header: "MODEL ID" },
        { header: "NAME" },
        { header: "SCORE", align: "right" as const },
        { header: "IN $/MTOK", align: "right" as const },
        { header: "OUT $/MTOK", align: "right" as const },
        { header: "CONTEXT", align: "right" as const },
        { header: "" },
      ];
      for (const line of table(columns, rows, p)) io.out(line);
    }
    if (excluded.length > 0) {
      io.out();
      io.out(p.bold(`Excluded by the policy (${excluded.length}):`));
      const rows = excluded.map((m) => [
        m.current ? p.red("▸") : "",
        m.current ? p.bold(m.modelId) : p.dim(m.modelId),
        shortReasons(m.reasons, p) + (m.current ? ` ${p.bold(p.red("current"))}` : ""),
      ]);
      for (const line of table([{ header: "" }, { header: "MODEL ID" }, { header: "WHY" }], rows, p)) io.out(line);
    }
    if (current && !current.eligible) {
      io.out();
      io.out(
        `${p.yellow("!")} ${p.yellow(`The current model does not fit the ${data.useCase} policy.`)} ${p.dim(`See \`switchboard auto-switch ${data.useCase} --dry-run\`.`)}`,
      );
    }
    return 0;
  },
};
