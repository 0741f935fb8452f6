import { z } from "zod";
import { readBody } from "../api-client";
import { parseInput, textArg, useCaseArg, type CommandSpec } from "../args";
import { printJson, type Command, type CommandContext } from "../command";
import { UsageError } from "../errors";
import { dateTime, table } from "../format";
import { keysCreateResponse, keysListResponse, keysRevokeResponse, type ApiKey } from "../schemas";

const spec: CommandSpec = {
  name: "keys",
  summary: "API keys for backends calling the gateway: create (secrets shown once), list, revoke",
  synopsis: "create <name> [--use-cases a,b] | list | revoke <id>",
  description: [
    "create prints the key's bearer token and its AWS access key id and secret access key once; Switchboard keeps only",
    "the token's hash and the secret encrypted, so copy them now. Without --use-cases the key may call every use case.",
    "revoke takes effect at once on every server instance; revoking a revoked key changes nothing.",
  ],
  args: [
    { name: "create|list|revoke", key: "subcommand", required: true, description: "What to do" },
    { name: "name|id", key: "target", variadic: true, description: "The new key's name (create), or the key's id (revoke)" },
  ],
  options: {
    "use-cases": { type: "string", placeholder: "a,b", description: "create: limit the key to these use cases (comma-separated)" },
  },
  examples: [
    "switchboard keys create checkout-service --use-cases health,general",
    "switchboard keys create batch-jobs --json",
    "switchboard keys list",
    "switchboard keys revoke 3f1c2b9e-0a4d-4c8e-9b61-2f7d8e5a1c30",
  ],
};

const useCaseList = z
  .string()
  .transform((v) =>
    v
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean),
  )
  .pipe(z.array(useCaseArg).min(1, "needs at least one use case name, e.g. --use-cases health,general"));

const createSchema = z.object({ target: textArg(80), useCases: useCaseList.optional() });
const revokeSchema = z.object({ target: textArg(100) });

type Parsed = { subcommand: "create"; name: string; useCases?: string[] } | { subcommand: "list" } | { subcommand: "revoke"; id: string };

function parse(raw: Parameters<Command["run"]>[1]): Parsed {
  const { subcommand, target, useCases } = raw;
  if (subcommand !== "create" && subcommand !== "list" && subcommand !== "revoke") {
    throw new UsageError(`unknown keys command ${JSON.stringify(subcommand)} (create, list or revoke)`, spec.name);
  }
  if (subcommand !== "create" && useCases !== undefined) throw new UsageError("--use-cases is only for create", spec.name);
  if (subcommand === "list") {
    if (target !== undefined) throw new UsageError(`unexpected argument ${JSON.stringify(target)}: list takes none`, spec.name);
    return { subcommand };
  }
  if (target === undefined) throw new UsageError(`missing <${subcommand === "create" ? "name" : "id"}>`, spec.name);
  if (subcommand === "revoke") return { subcommand, id: parseInput(revokeSchema, raw, spec).target };
  const input = parseInput(createSchema, raw, spec);
  return { subcommand, name: input.target, ...(input.useCases ? { useCases: input.useCases } : {}) };
}

const scopeText = (k: ApiKey) => (k.useCases.length ? k.useCases.join(", ") : "every use case");

async function create({ io, api, json }: CommandContext, name: string, useCases: string[] | undefined): Promise<number> {
  const body = await api.call("keys-create", { name, ...(useCases ? { useCases } : {}) });
  if (json) {
    printJson(io, body);
    return 0;
  }
  const { key, token, accessKeyId, secretAccessKey } = readBody(keysCreateResponse, body, "keys-create");
  const { p } = io;
  io.out(`${p.green("✓")} ${p.bold(`Created API key ${key.name}`)} ${p.dim(`(id ${key.id}; ${scopeText(key)})`)}`);
  io.out();
  const rows: [string, string][] = [
    ["token", token],
    ["access key id", accessKeyId],
    ["secret access key", secretAccessKey],
  ];
  for (const [label, value] of rows) io.out(`  ${p.dim(label.padEnd(19))}${p.bold(value)}`);
  io.out();
  io.out(`${p.yellow("!")} ${p.yellow("Copy them now: the token and the secret access key are shown only this once.")}`);
  io.out(p.dim("  OpenAI SDK: apiKey = the token. AWS SDK: the access key id and secret as credentials (SigV4), or the token as bearer."));
  return 0;
}

function statusCell(k: ApiKey, p: CommandContext["io"]["p"]): string {
  return k.revokedAt ? p.red(`revoked ${dateTime(k.revokedAt)}`) : p.green("active");
}

async function list({ io, api, json }: CommandContext): Promise<number> {
  const body = await api.call("keys-list");
  if (json) {
    printJson(io, body);
    return 0;
  }
  const { keys } = readBody(keysListResponse, body, "keys-list");
  const { p } = io;
  if (keys.length === 0) {
    io.out(p.yellow("No API keys yet.") + p.dim(" Create one with `switchboard keys create <name>`."));
    return 0;
  }
  const rows = keys.map((k) => [
    k.revokedAt ? p.dim(k.id) : k.id,
    k.name,
    `${k.tokenPrefix}…`,
    k.accessKeyId,
    scopeText(k),
    dateTime(k.createdAt),
    k.lastUsedAt ? dateTime(k.lastUsedAt) : p.dim("never"),
    statusCell(k, p),
  ]);
  const columns = ["ID", "NAME", "TOKEN", "ACCESS KEY ID", "USE CASES", "CREATED", "LAST USED", "STATUS"].map((header) => ({ header }));
  for (const line of table(columns, rows, p)) io.out(line);
  const active = keys.filter((k) => !k.revokedAt).length;
  io.out(p.dim(`${keys.length} key${keys.length === 1 ? "" : "s"}, ${active} active; last use is recorded to the minute`));
  return 0;
}

async function revoke({ io, api, json }: CommandContext, id: string): Promise<number> {
  const body = await api.call("keys-revoke", { id });
  if (json) {
    printJson(io, body);
    return 0;
  }
  const { key } = readBody(keysRevokeResponse, body, "keys-revoke");
  io.out(`${io.p.green("✓")} ${io.p.bold(`Revoked API key ${key.name}`)} ${io.p.dim(`(id ${key.id}, since ${dateTime(key.revokedAt ?? "")})`)}`);
  io.out(io.p.dim("  Every instance refuses it from the next request on."));
  return 0;
}

export const keysCommand: Command = {
  spec,
  async run(ctx, raw) {
    const input = parse(raw);
    if (input.subcommand === "create") return create(ctx, input.name, input.useCases);
    if (input.subcommand === "list") return list(ctx);
    return revoke(ctx, input.id);
  },
};
