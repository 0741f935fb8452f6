// `switchboard <command>`: finds the command, parses its arguments, runs it against the API, and turns every failure
// into a message and an exit code (0 ok, 1 API error or invalid model, 2 usage or configuration, 3 unreachable).
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { ApiClient } from "./api-client";
import { locateCommand, parseCommandLine, type CommandSpec } from "./args";
import type { Command, CommandContext, Output } from "./command";
import { printJson } from "./command";
import { COMMANDS, findCommand } from "./commands";
import { printChecks } from "./commands/validate";
import type { Env } from "./config";
import { ApiError, ConfigError, EXIT, UnreachableError, UsageError } from "./errors";
import { palette, wantsColor, type ColorChoice } from "./format";
import { commandHelp, generalHelp, suggest, usageLine } from "./help";
import { checkSchema } from "./schemas";

type Stream = { write: (chunk: string) => unknown; isTTY?: boolean };

export type MainOptions = {
  env?: Env;
  cwd?: string;
  stdout?: Stream;
  stderr?: Stream;
  fetch?: typeof fetch;
};

const SPECS: CommandSpec[] = COMMANDS.map((c) => c.spec);

function version(): string {
  const pkg = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "package.json");
  try {
    const parsed = z.object({ version: z.string() }).safeParse(JSON.parse(fs.readFileSync(pkg, "utf8")));
    return parsed.success ? parsed.data.version : "unknown";
  } catch {
    return "unknown";
  }
}

/** The flags that shape output even when the rest of the command line is wrong. */
function earlyFlags(argv: string[]): { color: ColorChoice; json: boolean } {
  const end = argv.indexOf("--");
  const flags = end === -1 ? argv : argv.slice(0, end);
  return {
    color: flags.includes("--no-color") ? "never" : flags.includes("--color") ? "always" : "auto",
    json: flags.includes("--json"),
  };
}

function makeOutput(stdout: Stream, stderr: Stream, color: ColorChoice, env: Env): Output {
  return {
    out: (line = "") => void stdout.write(`${line}\n`),
    err: (line = "") => void stderr.write(`${line}\n`),
    p: palette(wantsColor(color, env, stdout.isTTY === true)),
    pe: palette(wantsColor(color, env, stderr.isTTY === true)),
  };
}

const detailsWithChecks = z.object({ checks: z.array(checkSchema) });
const detailsWithCurrent = z.object({ currentModelId: z.string() });

function reportApiError(io: Output, err: ApiError, json: boolean, keySource: string | undefined): void {
  const { pe } = io;
  if (json && err.body !== undefined) printJson(io, err.body);
  io.err(pe.red(`error ${err.code}: ${err.message}`));
  const checks = detailsWithChecks.safeParse(err.details);
  if (err.code === "invalid_model" && checks.success) {
    io.err(pe.dim("failing checks:"));
    printChecks(
      io,
      checks.data.checks.filter((c) => c.status === "fail"),
      pe,
      io.err,
    );
  }
  const current = detailsWithCurrent.safeParse(err.details);
  if (err.code === "conflict" && current.success) {
    io.err(pe.dim(`The scope now uses ${current.data.currentModelId}; to switch anyway, pass --expect ${current.data.currentModelId}.`));
  }
  if (err.code === "unauthorized" && keySource) {
    io.err(pe.dim(`The service key came from ${keySource}; it must match the server's (SWITCHBOARD_SERVICE_KEY, or its data folder's service-key).`));
  }
}

function reportUsage(io: Output, err: UsageError): void {
  const { pe } = io;
  io.err(`${pe.red("error:")} ${err.message}`);
  const spec = err.command ? SPECS.find((s) => s.name === err.command) : undefined;
  if (spec) {
    io.err(`${pe.dim("usage:")} ${usageLine(spec)}`);
    io.err(pe.dim(`Run \`switchboard help ${spec.name}\` for details.`));
  } else {
    io.err(`${pe.dim("usage:")} switchboard <command> [arguments] [options]`);
    io.err(pe.dim(`Commands: ${[...SPECS.map((s) => s.name), "help"].join(", ")}. Run \`switchboard help\` for details.`));
  }
}

async function dispatch(argv: string[], io: Output, client: ApiClient): Promise<number> {
  const { command, rest } = locateCommand(argv, SPECS);
  if (command === undefined || command === "help") {
    // Only global flags may stand without a command; parse them strictly so that a typo is named.
    const helpSpec: CommandSpec = {
      name: "help",
      summary: "",
      synopsis: "[command]",
      args: [{ name: "command", key: "topic", description: "" }],
      options: {},
      examples: [],
    };
    const { globals, raw } = parseCommandLine(helpSpec, rest);
    if (command === undefined && globals.version) {
      io.out(version());
      return EXIT.ok;
    }
    const topic = typeof raw.topic === "string" ? raw.topic : undefined;
    if (topic) {
      const found = findCommand(topic);
      if (!found) throw unknownCommand(topic);
      for (const line of commandHelp(found.spec, io.p)) io.out(line);
      return EXIT.ok;
    }
    if (command === undefined && !globals.help) {
      for (const line of generalHelp(SPECS, io.pe)) io.err(line);
      return EXIT.usage;
    }
    for (const line of generalHelp(SPECS, io.p)) io.out(line);
    return EXIT.ok;
  }
  const found: Command | undefined = findCommand(command);
  if (!found) throw unknownCommand(command);
  const { globals, raw } = parseCommandLine(found.spec, rest);
  if (globals.help) {
    for (const line of commandHelp(found.spec, io.p)) io.out(line);
    return EXIT.ok;
  }
  if (globals.version) {
    io.out(version());
    return EXIT.ok;
  }
  const ctx: CommandContext = { io, api: client, json: globals.json };
  return found.run(ctx, raw);
}

function unknownCommand(name: string): UsageError {
  const close = suggest(name, [...SPECS.map((s) => s.name), "help"]);
  return new UsageError(`unknown command ${JSON.stringify(name)}${close ? `; did you mean ${close}?` : ""}`);
}

/** Runs one command line and resolves with the exit code; writes only to the given streams. */
export async function main(argv: string[], opts: MainOptions = {}): Promise<number> {
  const env = opts.env ?? process.env;
  const early = earlyFlags(argv);
  const io = makeOutput(opts.stdout ?? process.stdout, opts.stderr ?? process.stderr, early.color, env);
  const client = new ApiClient(env, opts.cwd ?? process.cwd(), opts.fetch);
  try {
    return await dispatch(argv, io, client);
  } catch (err) {
    if (err instanceof UsageError) {
      reportUsage(io, err);
      return EXIT.usage;
    }
    if (err instanceof ConfigError) {
      io.err(`${io.pe.red("error:")} ${err.message}`);
      return EXIT.usage;
    }
    if (err instanceof UnreachableError) {
      io.err(io.pe.red(err.message));
      return EXIT.unreachable;
    }
    if (err instanceof ApiError) {
      reportApiError(io, err, early.json, client.keySource);
      return EXIT.failure;
    }
    io.err(io.pe.red(`error: unexpected failure: ${err instanceof Error ? err.message : String(err)}`));
    return EXIT.failure;
  }
}
