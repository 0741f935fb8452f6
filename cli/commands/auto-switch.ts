import { z } from "zod";
import { readBody } from "../api-client";
import { conversationArg, flagArg, parseInput, textArg, useCaseArg, type CommandSpec } from "../args";
import { printJson, type Command, type Output } from "../command";
import { score, table } from "../format";
import { printNotification, printSwitchSummary } from "../render";
import { autoSwitchResponse, type Candidate } from "../schemas";
import { shortReasons } from "./use-case";

const spec: CommandSpec = {
  name: "auto-switch",
  summary: "Picks the best model for a use case under its policy and switches to it",
  synopsis: "[<use-case>] [--message TEXT] [--dry-run]",
  description: [
    "Without a use case, --message detects it from the text (it acts only above the detection threshold).",
    "Explains the choice: the reason and the top candidates with their scores. --dry-run only explains.",
  ],
  args: [{ name: "use-case", key: "useCase", description: "The use case to optimise; or give --message" }],
  options: {
    message: { type: "string", placeholder: "TEXT", description: "A user message to detect the use case from" },
    conversation: { type: "string", placeholder: "ID", description: "Switch only this conversation" },
    "dry-run": { type: "boolean", description: "Explain the choice, change nothing" },
    "no-notify": { type: "boolean", description: "Do not show users a notification" },
  },
  examples: ["switchboard auto-switch clinical --dry-run", 'switchboard auto-switch --message "Patient reports chest pain after the new dosage" --dry-run'],
};

const schema = z
  .object({
    useCase: useCaseArg.optional(),
    message: textArg(20_000).optional(),
    conversation: conversationArg.optional(),
    dryRun: flagArg,
    noNotify: flagArg,
  })
  .refine((v) => v.useCase || v.message, { message: "missing <use-case> (or --message TEXT to detect it)" });

const TOP = 5;

function candidateRows(io: Output, candidates: Candidate[], chosen: string | null, useCase: string): string[] {
  const { p } = io;
  const eligible = candidates.filter((c) => c.eligible);
  const shown = eligible.slice(0, TOP);
  const current = candidates.find((c) => c.current);
  if (current && !shown.includes(current)) shown.push(current);
  const rows = shown.map((c) => {
    const rank = candidates.indexOf(c) + 1;
    const tags = [
      c.modelId === chosen ? p.bold(p.green("chosen")) : "",
      c.current ? p.bold("current") : "",
      c.eligible ? "" : p.red(shortReasons(c.reasons, p)),
      c.coolingDownUntil ? p.yellow("cooling down") : "",
    ].filter(Boolean);
    return [String(rank), c.modelId === chosen ? p.bold(c.modelId) : c.modelId, c.name, score(c.score), tags.join(" ")];
  });
  const columns = [
    { header: "#", align: "right" as const },
    { header: "MODEL ID" },
    { header: "NAME" },
    { header: "SCORE", align: "right" as const },
    { header: "" },
  ];
  const more = eligible.length - Math.min(eligible.length, TOP);
  return [...table(columns, rows, p, "  "), ...(more > 0 ? [p.dim(`  and ${more} more eligible; \`switchboard use-case ${useCase}\` lists them all`)] : [])];
}

export const autoSwitchCommand: Command = {
  spec,
  async run({ io, api, json }, raw) {
    const input = parseInput(schema, raw, spec);
    const body = await api.call("auto-switch", {
      ...(input.useCase ? { useCase: input.useCase } : {}),
      ...(input.message ? { message: input.message } : {}),
      ...(input.conversation ? { conversationId: input.conversation } : {}),
      ...(input.dryRun ? { dryRun: true } : {}),
      ...(input.noNotify ? { showNotification: false } : {}),
    });
    if (json) {
      printJson(io, body);
      return 0;
    }
    const data = readBody(autoSwitchResponse, body, "auto-switch");
    const { p } = io;
    const d = data.detection;
    if (d && !input.useCase) {
      const matched = d.useCase && d.matched?.[d.useCase]?.length ? `; matched ${d.matched[d.useCase]!.join(", ")}` : "";
      io.out(
        d.aboveThreshold && d.useCase
          ? `Detected use case ${p.bold(d.useCase)} ${p.dim(`(confidence ${d.confidence.toFixed(2)}${matched})`)}`
          : p.yellow(`! Could not detect the use case ${p.dim(`(confidence ${d.confidence.toFixed(2)}, below the threshold)`)}`),
      );
    }
    if (data.switched && data.switch) {
      if (data.notification) printNotification(io, data.notification);
      printSwitchSummary(io, data.switch, { hadNotification: Boolean(data.notification) });
    } else {
      const target = data.useCase ? `use case ${data.useCase}` : "";
      const { fromModelId: from, toModelId: to } = data;
      if (!data.useCase) io.out(`${p.yellow("!")} ${p.yellow("Nothing changed.")}`);
      else if (!to) io.out(`${p.yellow("!")} ${p.yellow(`No model fits the ${data.useCase} policy; nothing changed.`)}`);
      else if (to === from) io.out(`${p.green("✓")} ${p.bold(`No change: ${target} stays on ${to}`)}`);
      else if (input.dryRun) io.out(`${p.bold(`Dry run: would switch ${target}`)}: ${from ?? p.dim("(none)")} ${p.green("→")} ${p.bold(to)}`);
      else io.out(`${p.yellow("!")} ${p.yellow(`Not switched: ${target} stays on ${from ?? "(none)"}`)}`);
      io.out(`  ${p.dim("reason".padEnd(11))}${data.reason}`);
    }
    if (data.candidates.length > 0) {
      io.out();
      io.out(p.bold("Top candidates:"));
      for (const line of candidateRows(io, data.candidates, data.toModelId, data.useCase ?? "<name>")) io.out(line);
    }
    return 0;
  },
};
