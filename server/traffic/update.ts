import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "@/db/client";
import { trafficSplitChanges, useCaseTrafficSplits, useCases } from "@/db/schema";
import { assertCan, type Actor } from "@/server/auth/roles";
import { cachedCatalog } from "@/server/catalog/cache";
import { getDb } from "@/server/db";
import { AppError } from "@/server/errors";
import { toUseCase } from "@/server/use-cases/load";
import { useCaseNameSchema } from "@/lib/policy-schema";
import { splitRefusal } from "./allowed";
import { dropTrafficSplitsHere, TRAFFIC_CHANNEL } from "./cache";
import { MAX_SPLIT_TOTAL, splitShares, type SplitRow } from "./split";

type Tx = Parameters<Parameters<Database["transaction"]>[0]>[0];

/** More than a few models at once is no longer a canary, and each one needs watching on Adoption. */
export const MAX_SPLIT_MODELS = 5;

export const splitRowsSchema = z
  .array(
    z.object({
      modelId: z.string().trim().min(1, "Choose a model.").max(200, "That is too long for a model id."),
      weight: z
        .number({ error: "The share must be a number." })
        .int("The share must be a whole percentage.")
        .min(1, "A share is at least 1%.")
        .max(MAX_SPLIT_TOTAL, `A share is at most ${MAX_SPLIT_TOTAL}%: the current model keeps at least 1%.`),
    }),
  )
  .max(MAX_SPLIT_MODELS, `Split between at most ${MAX_SPLIT_MODELS} other models.`)
  .superRefine((rows, ctx) => {
    const seen = new Set<string>();
    rows.forEach((r, i) => {
      if (seen.has(r.modelId)) ctx.addIssue({ code: "custom", path: [i, "modelId"], message: `${r.modelId} is listed twice; list each model once.` });
      seen.add(r.modelId);
    });
    const total = rows.reduce((sum, r) => sum + r.weight, 0);
    if (total > MAX_SPLIT_TOTAL) {
      ctx.addIssue({
        code: "custom",
        path: [],
        message: `The split models take ${total}% together; at most ${MAX_SPLIT_TOTAL}%, so the current model keeps some traffic.`,
      });
    }
  });

export const setTrafficSplitInput = z.object({
  useCase: useCaseNameSchema,
  rows: splitRowsSchema,
  reason: z.string().trim().max(500, "Keep the reason under 500 characters.").optional(),
  /** The rows the editor started from; when given and no longer stored, the save is refused as a conflict. */
  expectedRows: z.array(z.object({ modelId: z.string(), weight: z.number() })).optional(),
});
export type SetTrafficSplitInput = z.input<typeof setTrafficSplitInput>;

export type SplitState = { useCase: string; currentModelId: string; rows: SplitRow[]; shares: SplitRow[] };

const sameRows = (a: readonly SplitRow[], b: readonly SplitRow[]) => {
  const key = (rows: readonly SplitRow[]) =>
    [...rows]
      .map((r) => `${r.modelId}=${r.weight}`)
      .sort()
      .join("\n");
  return key(a) === key(b);
};

async function storedRows(tx: Tx, useCase: string): Promise<SplitRow[]> {
  return tx
    .select({ modelId: useCaseTrafficSplits.modelId, weight: useCaseTrafficSplits.weight })
    .from(useCaseTrafficSplits)
    .where(eq(useCaseTrafficSplits.useCase, useCase))
    .orderBy(useCaseTrafficSplits.modelId);
}

/** Logs a split change and announces it at commit (the caller's transaction). */
async function logAndAnnounce(
  tx: Tx,
  entry: { useCase: string; currentModelId: string; rows: SplitRow[]; userId: string | null; actor: string; reason: string | null },
) {
  await tx.insert(trafficSplitChanges).values({
    useCase: entry.useCase,
    userId: entry.userId,
    actor: entry.actor,
    weights: splitShares(entry.rows, entry.currentModelId),
    reason: entry.reason,
  });
  await tx.execute(sql`select pg_notify(${TRAFFIC_CHANNEL}, ${entry.useCase})`);
}

/**
 * Replaces a use case's split (admins only). Each row names a model the use case's policy allows, other than the
 * current model, with 1-99%; together at most 99%, and the current model takes the rest. Under the use case's row
 * lock, so it serialises with switches of the use case; logged in traffic_split_changes with the weights after the
 * change, and announced so every instance uses the new split within a second.
 */
export async function setTrafficSplit({ actor, input }: { actor: Actor; input: SetTrafficSplitInput }): Promise<SplitState> {
  assertCan(actor, "use-case:write");
  const parsed = setTrafficSplitInput.safeParse(input);
  if (!parsed.success) {
    const fieldErrors: Record<string, string> = {};
    for (const issue of parsed.error.issues) fieldErrors[issue.path.join(".") || "rows"] ??= issue.message;
    throw new AppError("invalid_request", "The split needs attention.", { fieldErrors });
  }
  const { useCase: name, rows, reason, expectedRows } = parsed.data;
  const catalog = await cachedCatalog();
  const db = await getDb();
  const state = await db.transaction(async (tx) => {
    const [locked] = await tx.select().from(useCases).where(eq(useCases.name, name)).for("update").limit(1);
    if (!locked) throw new AppError("not_found", `Use case ${name} does not exist.`);
    const useCase = toUseCase(locked, []);
    const before = await storedRows(tx, name);
    if (expectedRows && !sameRows(expectedRows, before)) {
      throw new AppError("conflict", `Someone else changed the split of ${name} meanwhile. Nothing was saved; review the fresh split.`, {
        split: { useCase: name, currentModelId: useCase.currentModelId, rows: before, shares: splitShares(before, useCase.currentModelId) },
      });
    }
    const fieldErrors: Record<string, string> = {};
    const now = new Date();
    rows.forEach((r, i) => {
      const refusal = splitRefusal(r.modelId, useCase, catalog, now);
      if (refusal) fieldErrors[`rows.${i}.modelId`] = refusal;
    });
    if (Object.keys(fieldErrors).length > 0) throw new AppError("invalid_request", "The split needs attention.", { fieldErrors });

    await tx.delete(useCaseTrafficSplits).where(eq(useCaseTrafficSplits.useCase, name));
    if (rows.length > 0) await tx.insert(useCaseTrafficSplits).values(rows.map((r) => ({ useCase: name, ...r })));
    await logAndAnnounce(tx, {
      useCase: name,
      currentModelId: useCase.currentModelId,
      rows,
      userId: actor.kind === "user" ? actor.user.id : null,
      actor: actor.kind === "user" ? actor.user.email : "service",
      reason: reason || null,
    });
    return { useCase: name, currentModelId: useCase.currentModelId, rows, shares: splitShares(rows, useCase.currentModelId) };
  });
  dropTrafficSplitsHere();
  return state;
}

/**
 * Called by a switch of a use case's model, inside its transaction: a split row naming the new current model is removed
 * (the current model takes whatever the other rows leave, so its traffic share grows by that row's weight), the removal
 * is logged like any split change, and announced at commit. The other rows keep their weights.
 */
export async function dropSplitRowOfNewCurrent(
  tx: Tx,
  change: { useCase: string; newModelId: string; userId: string | null; actor: string },
): Promise<boolean> {
  const removed = await tx
    .delete(useCaseTrafficSplits)
    .where(and(eq(useCaseTrafficSplits.useCase, change.useCase), eq(useCaseTrafficSplits.modelId, change.newModelId)))
    .returning({ weight: useCaseTrafficSplits.weight });
  if (removed.length === 0) return false;
  const rows = await storedRows(tx, change.useCase);
  await logAndAnnounce(tx, {
    useCase: change.useCase,
    currentModelId: change.newModelId,
    rows,
    userId: change.userId,
    actor: change.actor,
    reason: `${change.newModelId} became the current model; its split row (${removed[0]!.weight}%) was removed and it now takes the rest.`,
  });
  return true;
}
