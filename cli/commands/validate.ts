import { z } from "zod";
import { readBody } from "../api-client";
import { flagArg, modelIdArg, parseInput, useCaseArg, type CommandSpec } from "../args";
import { printJson, type Command, type Output } from "../command";
import { MARK, tokens, type Palette } from "../format";
import { formatPrice } from "../../lib/format";
import { validateResponse, type Check } from "../schemas";

const spec: CommandSpec = {
  name: "validate",
  summary: "Checks a model id check by check (catalog, lifecycle, region, policy, probe)",
  synopsis: "<model-id> [--use-case U] [--probe]",
  description: ["Exits 0 when the model is valid (warnings allowed) and 1 when a check fails."],
  args: [{ name: "model-id", key: "modelId", required: true, description: "A model or inference profile id, e.g. eu.amazon.nova-lite-v1:0" }],
  options: {
    "use-case": { type: "string", placeholder: "U", description: "Also check it against this use case's policy" },
    probe: { type: "boolean", description: "Also make a one-token call to the model" },
  },
  examples: ["switchboard validate eu.amazon.nova-lite-v1:0", "switchboard validate eu.anthropic.claude-sonnet-4-5-20250929-v1:0 --use-case clinical --probe"],
};

const schema = z.object({ modelId: modelIdArg, useCase: useCaseArg.optional(), probe: flagArg });

export function paintMark(status: Check["status"], p: Palette): string {
  return status === "pass" ? p.green(MARK.pass) : status === "warn" ? p.yellow(MARK.warn) : p.red(MARK.fail);
}

/** "  ✓ known      Nova Lite (Amazon) is in the catalog", the names aligned. */
export function printChecks(io: Output, checks: Check[], p: Palette, write: (line: string) => void = io.out): void {
  const width = Math.max(0, ...checks.map((c) => c.name.length));
  for (const c of checks) {
    const detail = c.status === "fail" ? p.red(c.detail) : c.status === "warn" ? p.yellow(c.detail) : c.detail;
    write(`  ${paintMark(c.status, p)} ${c.name.padEnd(width)}  ${detail}`);
  }
}

export const validateCommand: Command = {
  spec,
  async run({ io, api, json }, raw) {
    const input = parseInput(schema, raw, spec);
    const body = await api.call("validate", {
      modelId: input.modelId,
      ...(input.useCase ? { useCase: input.useCase } : {}),
      ...(input.probe ? { probe: true } : {}),
    });
    if (json) {
      printJson(io, body);
      return body.valid === true ? 0 : 1;
    }
    const data = readBody(validateResponse, body, "validate");
    const { p } = io;
    io.out(
      `${p.bold(`Validating ${data.modelId}`)}${input.useCase ? ` for use case ${p.bold(input.useCase)}` : ""}${input.probe ? p.dim(" (with a probe call)") : ""}`,
    );
    printChecks(io, data.checks, p);
    const warnings = data.checks.filter((c) => c.status === "warn").length;
    if (data.valid) {
      io.out(`${p.bold(p.green("VALID"))}${warnings ? p.yellow(` with ${warnings} warning${warnings === 1 ? "" : "s"}`) : ""}`);
      const m = data.model;
      if (m) {
        io.out(
          p.dim(
            `${m.name} · ${m.provider}${m.geoScope ? ` · ${m.geoScope}` : ""} · ${formatPrice(m.inputPricePerMTok)} in / ${formatPrice(m.outputPricePerMTok)} out per MTok · ${tokens(m.contextWindow)} context`,
          ),
        );
      }
      return 0;
    }
    const failed = data.checks.filter((c) => c.status === "fail").length;
    io.out(`${p.bold(p.red("INVALID"))}${p.red(`: ${failed} check${failed === 1 ? "" : "s"} failed`)}`);
    return 1;
  },
};
