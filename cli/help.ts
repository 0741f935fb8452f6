// The help texts: `switchboard help`, `switchboard help <command>`, `switchboard <command> --help`.
import { GLOBAL_OPTIONS, type CommandSpec, type OptionSpec } from "./args";
import type { Palette } from "./format";

export const usageLine = (spec: CommandSpec): string => `switchboard ${spec.name}${spec.synopsis ? ` ${spec.synopsis}` : ""}`;

function optionRows(options: Record<string, OptionSpec>): [string, string][] {
  return Object.entries(options).map(([name, o]) => [
    `${o.short ? `-${o.short}, ` : ""}--${name}${o.type === "string" ? ` ${o.placeholder ?? "VALUE"}` : ""}`,
    o.description,
  ]);
}

function twoColumns(rows: [string, string][], p: Palette, indent = "  "): string[] {
  const width = Math.max(...rows.map(([left]) => left.length));
  return rows.map(([left, right]) => `${indent}${left.padEnd(width)}  ${p.dim(right)}`);
}

const ENVIRONMENT: [string, string][] = [
  ["SWITCHBOARD_URL", "The server (default http://localhost:3000)"],
  ["SWITCHBOARD_SERVICE_KEY", "The service key; when unset, read from <SWITCHBOARD_DATA_DIR>/service-key"],
  ["SWITCHBOARD_DATA_DIR", "The embedded setup's data folder (default .data, in the current or the project folder)"],
  ["SWITCHBOARD_TIMEOUT_MS", "How long to wait for an answer (default 30000)"],
  ["NO_COLOR / FORCE_COLOR", "Colours off (any value) / on; --no-color and --color win over both"],
];

const EXIT_CODES: [string, string][] = [
  ["0", "success"],
  ["1", "the API refused (error <code>: <message>), or validate found the model invalid"],
  ["2", "usage or configuration error (unknown command or flag, missing argument, no service key)"],
  ["3", "the server is not reachable"],
];

export function generalHelp(specs: CommandSpec[], p: Palette): string[] {
  return [
    `${p.bold("switchboard")}: choose, validate and switch the Bedrock models behind each use case, through the Switchboard API.`,
    "",
    `${p.bold("Usage:")} switchboard <command> [arguments] [options]`,
    "",
    p.bold("Commands:"),
    ...specs.flatMap((s) => [`  ${usageLine(s).replace(/^switchboard /, "")}`, `      ${p.dim(s.summary)}`]),
    "  help [command]",
    `      ${p.dim("This help, or one command's in detail")}`,
    "",
    p.bold("Options (every command):"),
    ...twoColumns(optionRows(GLOBAL_OPTIONS), p),
    "",
    p.bold("Environment:"),
    ...twoColumns(ENVIRONMENT, p),
    "",
    p.bold("Exit codes:"),
    ...twoColumns(EXIT_CODES, p),
    "",
    p.dim("Colours are on when stdout is a terminal. Run `switchboard help <command>` for a command's options and examples."),
  ];
}

export function commandHelp(spec: CommandSpec, p: Palette): string[] {
  const args: [string, string][] = spec.args.map((a) => [a.required ? `<${a.name}>` : `[${a.name}]`, a.description]);
  return [
    `${p.bold("Usage:")} ${usageLine(spec)} [--json]`,
    "",
    `${spec.summary}.`,
    ...(spec.description ?? []),
    ...(args.length ? ["", p.bold("Arguments:"), ...twoColumns(args, p)] : []),
    "",
    p.bold("Options:"),
    ...twoColumns([...optionRows(spec.options), ...optionRows(GLOBAL_OPTIONS).filter(([flag]) => !flag.includes("--version"))], p),
    "",
    p.bold("Examples:"),
    ...spec.examples.map((e) => `  ${e}`),
  ];
}

/** The closest command name for a typo ("swich" → "switch"), if close enough. */
export function suggest(name: string, names: string[]): string | undefined {
  const distance = (a: string, b: string): number => {
    let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
      const row = [i];
      for (let j = 1; j <= b.length; j++) row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = row;
    }
    return prev[b.length]!;
  };
  const prefixed = name.length >= 2 ? names.find((n) => n.startsWith(name)) : undefined;
  if (prefixed) return prefixed;
  const best = names.map((n) => ({ n, d: distance(name, n) })).sort((a, b) => a.d - b.d)[0];
  return best && best.d <= 2 ? best.n : undefined;
}
