// `npm run stand-in:bedrock -- --port 8790 [--host 127.0.0.1] [--latency-ms 0] [--chunk-chars 16]`
// Serves the Bedrock stand-in until SIGINT/SIGTERM and prints its URL (a line starting with "listening ").
import { parseArgs } from "node:util";
import { z } from "zod";
import { startBedrockStandIn } from "./server";

const argsSchema = z.object({
  port: z.coerce.number().int().min(0).max(65535).default(8790),
  host: z.string().min(1).default("127.0.0.1"),
  "latency-ms": z.coerce.number().int().min(0).default(0),
  "chunk-chars": z.coerce.number().int().min(1).default(16),
});

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { port: { type: "string" }, host: { type: "string" }, "latency-ms": { type: "string" }, "chunk-chars": { type: "string" } },
    strict: true,
  });
  const parsed = argsSchema.safeParse(values);
  if (!parsed.success) {
    console.error(`stand-in: ${z.prettifyError(parsed.error)}`);
    process.exit(2);
  }
  const a = parsed.data;
  // The bench drives this process hard: keep no call log.
  const standIn = await startBedrockStandIn({ port: a.port, host: a.host, latencyMs: a["latency-ms"], chunkChars: a["chunk-chars"], maxCalls: 0 });
  console.log(`listening ${standIn.url} (Bedrock Runtime + control plane stand-in; faults: PUT ${standIn.url}/_standin/faults/<model id or *>)`);
  const stop = () => void standIn.close().then(() => process.exit(0));
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main().catch((err: unknown) => {
  console.error(`stand-in: ${(err as Error).message}`);
  process.exit(1);
});
