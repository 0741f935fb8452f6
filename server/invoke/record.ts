import "server-only";
import { invocations } from "@/db/schema";
import type { CatalogModel } from "@/lib/catalog-model";
import { tokenCostUsd } from "@/lib/cost";
import { getDb } from "@/server/db";
import type { BedrockOutcome } from "@/server/bedrock";
import { onGracefulStop } from "@/server/shutdown";
import { BatchWriter, type Timer } from "./batch-writer";

export type InvocationRecord = {
  modelId: string;
  useCase: string;
  conversationId: string | null;
  userId: string | null;
  inputTokens: number;
  outputTokens: number;
  latencyMs: number;
  outcome: "success" | BedrockOutcome;
  errorCode: string | null;
  /** The gateway key that made the call, the end user a backend named, and the door it came through. */
  apiKeyId?: string | null;
  endUser?: string | null;
  source?: "chat" | "openai" | "bedrock";
};

type Row = typeof invocations.$inferInsert;

/** How long a recorded call may wait before its batch is written, and the most rows one insert carries. */
export const RECORD_FLUSH_MS = 200;
export const RECORD_MAX_ROWS = 500;

const g = globalThis as unknown as { __switchboardInvocationWriter?: BatchWriter<Row> };

function createWriter(opts: { flushEveryMs?: number; maxRows?: number; timer?: Timer } = {}): BatchWriter<Row> {
  const writer = new BatchWriter<Row>({
    flushEveryMs: opts.flushEveryMs ?? RECORD_FLUSH_MS,
    maxRows: opts.maxRows ?? RECORD_MAX_ROWS,
    timer: opts.timer,
    // One multi-row insert per batch; the rollup triggers run once per statement.
    write: async (rows) => {
      const db = await getDb();
      await db.insert(invocations).values(rows);
    },
    onError: (err, { rows, dropped }) => {
      // The cause alone: the failed statement carries every row's parameters.
      const cause = (err as { cause?: unknown }).cause ?? err;
      console.error(
        `[switchboard] could not write ${rows} invocation records; kept for the next flush${dropped ? `, ${dropped} oldest dropped` : ""}: ${cause instanceof Error ? cause.message : String(cause)}`,
      );
    },
  });
  return writer;
}

// Whatever writer is current when the process stops writes what it holds.
onGracefulStop("invocation records", () => g.__switchboardInvocationWriter?.stop() ?? Promise.resolve());

function writer(): BatchWriter<Row> {
  g.__switchboardInvocationWriter ??= createWriter();
  return g.__switchboardInvocationWriter;
}

/** The row of one call, its cost at the prices of the catalog entry that served it (the exact profile id: in-region, eu. and global. prices differ). */
export function invocationRow(r: InvocationRecord, model: CatalogModel | undefined): Row {
  const prices = { inputPricePerMTok: model?.inputPricePerMTok ?? 0, outputPricePerMTok: model?.outputPricePerMTok ?? 0 };
  return { ...r, ...prices, costUsd: tokenCostUsd(r, prices) };
}

/**
 * Records a Bedrock call made through Switchboard, off the request path: queued and written with others in one insert
 * within RECORD_FLUSH_MS (or at RECORD_MAX_ROWS), and on a graceful stop. A crash loses at most the calls of the last
 * batch window (see README). Returns nothing: the row's id exists only once its batch is written.
 */
export function recordInvocation(r: InvocationRecord, model: CatalogModel | undefined): void {
  writer().add(invocationRow(r, model));
}

/** Writes every queued record now (tests and scripts that read invocations right after a call). */
export function flushInvocations(): Promise<void> {
  return g.__switchboardInvocationWriter?.flush() ?? Promise.resolve();
}

/** Replaces the writer's batch window, size or timer (tests inject a timer; a test instance shortens or lengthens the window). Flushes the old one first. */
export async function configureInvocationRecording(opts: { flushEveryMs?: number; maxRows?: number; timer?: Timer }): Promise<void> {
  await flushInvocations();
  g.__switchboardInvocationWriter = createWriter(opts);
}
