// What a command is and what it gets to run with.
import type { ApiClient } from "./api-client";
import type { CommandSpec, RawInput } from "./args";
import type { Palette } from "./format";

export type Output = {
  /** One line on stdout. */
  out: (line?: string) => void;
  /** One line on stderr. */
  err: (line?: string) => void;
  /** Colours for stdout and for stderr (each on or off by its own stream). */
  p: Palette;
  pe: Palette;
};

export type CommandContext = { io: Output; api: ApiClient; json: boolean };

export type Command = {
  spec: CommandSpec;
  /** Resolves with the exit code; throws UsageError, ApiError, UnreachableError or ConfigError. */
  run: (ctx: CommandContext, raw: RawInput) => Promise<number>;
};

/** --json: the API's body as is, pretty, and nothing else. */
export function printJson(io: Output, body: unknown): void {
  io.out(JSON.stringify(body, null, 2));
}
