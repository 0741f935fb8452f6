import { z } from "zod";
import { readBody } from "../api-client";
import { parseInput, type CommandSpec } from "../args";
import { printJson, type Command } from "../command";
import { clearCacheResponse } from "../schemas";

const spec: CommandSpec = {
  name: "clear-cache",
  summary: "Drops the catalog cache on every server instance",
  synopsis: "",
  args: [],
  options: {},
  examples: ["switchboard clear-cache"],
};

export const clearCacheCommand: Command = {
  spec,
  async run({ io, api, json }, raw) {
    parseInput(z.object({}), raw, spec);
    const body = await api.call("clear-cache");
    if (json) {
      printJson(io, body);
      return 0;
    }
    readBody(clearCacheResponse, body, "clear-cache");
    io.out(`${io.p.green("✓")} Catalog cache cleared on every instance; the next request reads the catalog fresh.`);
    return 0;
  },
};
