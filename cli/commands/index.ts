import type { Command } from "../command";
import { autoSwitchCommand } from "./auto-switch";
import { clearCacheCommand } from "./clear-cache";
import { keysCommand } from "./keys";
import { listCommand } from "./list";
import { switchCommand } from "./switch";
import { useCaseCommand } from "./use-case";
import { validateCommand } from "./validate";

/** In the order help lists them. */
export const COMMANDS: Command[] = [listCommand, useCaseCommand, validateCommand, switchCommand, autoSwitchCommand, clearCacheCommand, keysCommand];

export function findCommand(name: string): Command | undefined {
  return COMMANDS.find((c) => c.spec.name === name);
}
