// Command lines: node:util parseArgs (strict) per command, then zod for what the values must look like.
// Every mistake becomes a UsageError (exit 2) that names the flag or argument.
import { parseArgs } from "node:util";
import { z } from "zod";
import { UsageError } from "./errors";
import type { ColorChoice } from "./format";

export type OptionSpec = { type: "string" | "boolean"; short?: string; placeholder?: string; description: string };
export type ArgSpec = { name: string; key: string; required?: boolean; variadic?: boolean; description: string };

export type CommandSpec = {
  name: string;
  summary: string;
  /** The arguments part of the usage line: "<model-id> [reason] [--use-case U | --conversation ID]". */
  synopsis: string;
  description?: string[];
  args: ArgSpec[];
  options: Record<string, OptionSpec>;
  examples: string[];
};

/** Flags every command takes. */
export const GLOBAL_OPTIONS: Record<string, OptionSpec> = {
  json: { type: "boolean", description: "Print the API's JSON answer as is (pretty) and nothing else on stdout" },
  color: { type: "boolean", description: "Colours even when stdout is not a terminal (like FORCE_COLOR=1)" },
  "no-color": { type: "boolean", description: "No colours (like NO_COLOR=1); wins over --color" },
  help: { type: "boolean", short: "h", description: "Show help (for a command: switchboard <command> --help)" },
  version: { type: "boolean", description: "Print the CLI's version" },
};

export type Globals = { json: boolean; color: ColorChoice; help: boolean; version: boolean };
/** Options by camelCase name, and the positional arguments under their spec keys; zod takes it from here. */
export type RawInput = Record<string, string | boolean | undefined>;

type ParseOptions = Record<string, { type: "string" | "boolean"; short?: string }>;

const toParseOptions = (specs: Record<string, OptionSpec>): ParseOptions =>
  Object.fromEntries(Object.entries(specs).map(([name, o]) => [name, o.short ? { type: o.type, short: o.short } : { type: o.type }]));

const camel = (flag: string): string => flag.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

/**
 * Finds the command name (the first positional) wherever global flags put it, and returns the other arguments.
 * Flags are read with every command's option types so that a flag's value is not mistaken for the command.
 */
export function locateCommand(argv: string[], specs: CommandSpec[]): { command: string | undefined; rest: string[] } {
  const options: ParseOptions = { ...toParseOptions(GLOBAL_OPTIONS) };
  for (const spec of specs) Object.assign(options, toParseOptions(spec.options));
  const { tokens } = parseArgs({ args: argv, options, strict: false, allowPositionals: true, tokens: true });
  const first = tokens.find((t) => t.kind === "positional");
  if (first?.kind !== "positional") return { command: undefined, rest: argv };
  return { command: first.value, rest: argv.filter((_, i) => i !== first.index) };
}

function describeParseError(err: unknown, command: string): string {
  const message = err instanceof Error ? err.message : String(err);
  const code = err instanceof Error && "code" in err ? String(err.code) : "";
  const flag = message.match(/'(-[^' ]+)/)?.[1];
  if (code === "ERR_PARSE_ARGS_UNKNOWN_OPTION" && flag) return `unknown flag ${flag}${command === "help" ? "" : ` for ${command}`}`;
  if (code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE" && flag) {
    return /missing/i.test(message)
      ? `${flag} needs a value`
      : `${flag} ${/ambiguous/i.test(message) ? `takes a value; write ${flag}=<value> when the value starts with -` : "takes no value"}`;
  }
  return message;
}

function strictParse(spec: CommandSpec, argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      options: { ...toParseOptions(GLOBAL_OPTIONS), ...toParseOptions(spec.options) },
      strict: true,
      allowPositionals: true,
    });
  } catch (err) {
    throw new UsageError(describeParseError(err, spec.name), spec.name);
  }
}

/** Parses one command's arguments strictly: its own flags and the global ones, its positional arguments by count. */
export function parseCommandLine(spec: CommandSpec, argv: string[]): { globals: Globals; raw: RawInput } {
  const { values, positionals } = strictParse(spec, argv);
  const flag = (name: string): boolean => values[name] === true;
  const globals: Globals = {
    json: flag("json"),
    color: flag("no-color") ? "never" : flag("color") ? "always" : "auto",
    help: flag("help"),
    version: flag("version"),
  };
  const raw: RawInput = {};
  for (const name of Object.keys(spec.options)) {
    const v = values[name];
    if (typeof v === "string" || typeof v === "boolean") raw[camel(name)] = v;
  }
  if (globals.help || globals.version) return { globals, raw };

  const rest = [...positionals];
  for (const arg of spec.args) {
    if (arg.variadic) {
      if (rest.length > 0) raw[arg.key] = rest.splice(0).join(" ");
    } else if (rest.length > 0) {
      raw[arg.key] = rest.shift();
    } else if (arg.required) {
      throw new UsageError(`missing <${arg.name}>`, spec.name);
    }
  }
  if (rest.length > 0) throw new UsageError(`unexpected argument ${JSON.stringify(rest[0])}`, spec.name);
  return { globals, raw };
}

/** Validates the raw values with the command's schema; an issue names the flag (--use-case) or argument (<model-id>). */
export function parseInput<S extends z.ZodType>(schema: S, raw: RawInput, spec: CommandSpec): z.infer<S> {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  if (!issue) throw new UsageError("invalid arguments", spec.name);
  const key = String(issue.path[0] ?? "");
  const arg = spec.args.find((a) => a.key === key);
  const option = Object.keys(spec.options).find((name) => camel(name) === key);
  const label = arg ? `<${arg.name}>` : option ? `--${option}` : "";
  throw new UsageError(label ? `${label} ${issue.message}` : issue.message, spec.name);
}

// The formats the API accepts, checked here too so that a typo fails fast with a usage hint.
export const modelIdArg = z.string().trim().min(1, "must not be empty").max(200, "is too long");
export const useCaseArg = z
  .string()
  .trim()
  .max(40, "is too long")
  .regex(/^[a-z][a-z0-9_-]*$/, "must be a use-case name such as clinical (lowercase letters, digits, - and _)");
export const conversationArg = z.uuid("must be a conversation id (a UUID)");
export const textArg = (max: number) => z.string().trim().min(1, "must not be empty").max(max, `must be at most ${max} characters`);
export const flagArg = z.boolean().optional();
