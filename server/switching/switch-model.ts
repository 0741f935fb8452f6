import "server-only";
import { eq, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { bedrockModelSwitches, conversations, useCases } from "@/db/schema";
import type { CatalogModel, UseCasePolicy } from "@/lib/catalog-model";
import { actorLabel, assertCan, type Actor } from "@/server/auth/roles";
import { cachedCatalog } from "@/server/catalog/cache";
import { getDb } from "@/server/db";
import { env } from "@/server/env";
import { assertNoNul } from "@/server/text-guard";
import { assertNotArchived } from "@/server/chat/archived";
import { AppError } from "@/server/errors";
import { pgErrorCode, UNIQUE_VIOLATION } from "@/server/pg-error";
import { validateModel } from "@/server/policy/validate-model";
import { dropSplitRowOfNewCurrent } from "@/server/traffic/update";
import { notifyInTransaction } from "@/server/notified-cache";
import { dropUseCasesHere, USE_CASES_CHANNEL } from "@/server/use-cases/cache";
import { toUseCase } from "@/server/use-cases/load";
import { buildNotification } from "./notification";
import { SWITCH_CHANNEL, switchEventPayload } from "./publish";
import { inScopeOrder } from "./scope-queue";
import { toSwitchRecord, type SwitchNotification, type SwitchRecord } from "./types";
import type { SwitchType } from "@/lib/enums";

export type SwitchInput = {
  modelId: string;
  useCase?: string;
  conversationId?: string;
  userId?: string;
  reason?: string;
  expectedCurrentModelId?: string;
  idempotencyKey?: string;
  showNotification?: boolean;
  switchType?: SwitchType;
  trigger?: SwitchRecord["trigger"];
  errorCode?: string;
  /** Who the log names as the actor when the system switches on someone's behalf (e.g. "invoke-path"). */
  actorLabel?: string;
};

export type SwitchResult = { switch: SwitchRecord; notification: SwitchNotification | null; replayed: boolean };

function defaultTrigger(actor: Actor): SwitchRecord["trigger"] {
  if (actor.kind === "service") return "service";
  return actor.user.role === "admin" ? "admin" : "user";
}

async function replay(db: Database, key: string, catalog: Map<string, CatalogModel>): Promise<SwitchResult | null> {
  const [row] = await db.select().from(bedrockModelSwitches).where(eq(bedrockModelSwitches.idempotencyKey, key)).limit(1);
  if (!row) return null;
  const record = toSwitchRecord(row);
  return { switch: record, notification: record.notificationShown ? buildNotification(record, catalog) : null, replayed: true };
}

/**
 * Switches the model of one scope: a use case (its default) or one conversation (an override).
 * Validation, the stale check, the scope update and the log row happen in one transaction under a row lock on the
 * scope, so concurrent switches of one scope serialise into one unbroken previous → new chain.
 */
export async function switchModel({ actor, input }: { actor: Actor; input: SwitchInput }): Promise<SwitchResult> {
  const db = await getDb();
  const catalogList = await cachedCatalog();
  const catalog = new Map(catalogList.map((m) => [m.modelId, m]));
  const switchType = input.switchType ?? "manual";
  assertNoNul({ modelId: input.modelId, reason: input.reason, idempotencyKey: input.idempotencyKey, expectedCurrentModelId: input.expectedCurrentModelId });
  // Roles first: a replay must not hand an earlier switch to a caller who could not have made it.
  if (actor.kind === "user") {
    assertCan(actor, input.conversationId ? "switch:own-conversation" : switchType === "auto" ? "auto-switch" : "switch:use-case");
  }
  if (input.idempotencyKey) {
    const previous = await replay(db, input.idempotencyKey, catalog);
    if (previous) {
      const foreign = actor.kind === "user" && actor.user.role !== "admin" && previous.switch.userId !== actor.user.id;
      if (foreign) throw new AppError("conflict", "That idempotency key was already used for another request.");
      return previous;
    }
  }
  const userId = actor.kind === "user" ? actor.user.id : (input.userId ?? null);
  const showNotification = input.showNotification ?? true;

  let row: typeof bedrockModelSwitches.$inferSelect;
  try {
    const scopeKey = input.conversationId ? `conversation:${input.conversationId}` : `use-case:${input.useCase ?? "general"}`;
    row = await inScopeOrder(scopeKey, () =>
      db.transaction(async (tx) => {
        let useCaseName: string;
        let current: string;
        let conversationId: string | null = null;
        if (input.conversationId) {
          const [conv] = await tx
            .select({
              id: conversations.id,
              userId: conversations.userId,
              useCase: conversations.useCase,
              override: conversations.modelOverrideId,
              archivedAt: conversations.archivedAt,
            })
            .from(conversations)
            .where(eq(conversations.id, input.conversationId))
            .for("update")
            .limit(1);
          if (!conv) throw new AppError("not_found", `Conversation ${input.conversationId} does not exist.`);
          const [useCaseRow] = await tx.select().from(useCases).where(eq(useCases.name, conv.useCase)).limit(1);
          const useCase = useCaseRow ? toUseCase(useCaseRow, []) : null;
          if (!useCase) throw new AppError("not_found", `Use case ${conv.useCase} does not exist.`);
          if (actor.kind === "user" && actor.user.role !== "admin") {
            assertCan(actor, "switch:own-conversation");
            if (conv.userId !== actor.user.id) throw new AppError("not_found", `Conversation ${input.conversationId} does not exist.`);
            if (!useCase.allowUserChoice && switchType === "manual") {
              throw new AppError("forbidden", `The ${useCase.name} use case does not let users choose their model.`);
            }
          }
          assertNotArchived(conv);
          // Checked again under the lock: the policy may have changed since auto-switch read it.
          if (switchType === "auto" && !useCase.allowAutoSwitch) {
            throw new AppError("forbidden", `The ${useCase.name} use case does not allow auto-switching.`);
          }
          useCaseName = useCase.name;
          current = conv.override ?? useCase.currentModelId;
          conversationId = conv.id;
          validateOrThrow(input.modelId, catalogList, switchType === "fallback" ? null : { name: useCase.name, policy: useCase });
        } else {
          if (actor.kind === "user") assertCan(actor, switchType === "auto" ? "auto-switch" : "switch:use-case");
          useCaseName = input.useCase ?? "general";
          // One read under the row lock gives the policy too: no second read of the row, and no read of the fallback
          // chain, which validation does not use (each round trip here is also time the lock is held).
          const [locked] = await tx.select().from(useCases).where(eq(useCases.name, useCaseName)).for("update").limit(1);
          if (!locked) throw new AppError("not_found", `Use case ${useCaseName} does not exist.`);
          const useCase = toUseCase(locked, []);
          current = useCase.currentModelId;
          validateOrThrow(input.modelId, catalogList, switchType === "fallback" ? null : { name: useCase.name, policy: useCase });
        }
        if (input.expectedCurrentModelId !== undefined && input.expectedCurrentModelId !== current) {
          throw new AppError(
            "conflict",
            `The model changed meanwhile: ${conversationId ? "this conversation" : `use case ${useCaseName}`} now uses ${current}, not ${input.expectedCurrentModelId}.`,
            { currentModelId: current },
          );
        }
        if (conversationId) {
          await tx.update(conversations).set({ modelOverrideId: input.modelId, updatedAt: new Date() }).where(eq(conversations.id, conversationId));
        } else {
          await tx
            .update(useCases)
            .set({ currentModelId: input.modelId, version: sql`${useCases.version} + 1`, updatedAt: new Date() })
            .where(eq(useCases.name, useCaseName));
          await notifyInTransaction(tx, USE_CASES_CHANNEL);
          // The new current model takes the rest of the traffic; a split row of its own would count it twice.
          await dropSplitRowOfNewCurrent(tx, {
            useCase: useCaseName,
            newModelId: input.modelId,
            userId,
            actor: input.actorLabel ?? actorLabel(actor),
          });
        }
        const [inserted] = await tx
          .insert(bedrockModelSwitches)
          .values({
            userId,
            actor: input.actorLabel ?? actorLabel(actor),
            scope: conversationId ? "conversation" : "use_case",
            useCase: useCaseName,
            conversationId,
            previousModelId: current,
            newModelId: input.modelId,
            reason: input.reason ?? null,
            switchType,
            trigger: input.trigger ?? defaultTrigger(actor),
            errorCode: input.errorCode ?? null,
            idempotencyKey: input.idempotencyKey ?? null,
            notificationShown: showNotification,
          })
          .returning();
        // Announced inside the transaction: Postgres delivers a NOTIFY only at commit, so listeners never hear of a
        // switch that rolled back, and no second connection is needed while the scope is locked.
        await tx.execute(sql`select pg_notify(${SWITCH_CHANNEL}, ${switchEventPayload(inserted!, showNotification, catalog)})`);
        return inserted!;
      }),
    );
  } catch (err) {
    // Two requests with one idempotency key raced: the loser answers with the winner's result.
    if (input.idempotencyKey && pgErrorCode(err) === UNIQUE_VIOLATION) {
      const previous = await replay(db, input.idempotencyKey, catalog);
      if (previous) return previous;
    }
    throw err;
  }
  // This instance drops its copy once the change is committed (the others hear the NOTIFY sent inside the transaction).
  if (row.scope === "use_case") dropUseCasesHere();
  const record = toSwitchRecord(row);
  const notification = showNotification ? buildNotification(record, catalog) : null;
  return { switch: record, notification, replayed: false };
}

/** A fallback is checked as a model (known, enabled, alive, invocable) but not against the policy: the chain is the admin's choice. */
function validateOrThrow(modelId: string, catalog: CatalogModel[], useCase: { name: string; policy: UseCasePolicy } | null) {
  const result = validateModel({ modelId, catalog, region: env().AWS_REGION, now: new Date(), useCase });
  if (!result.valid) {
    const failed = result.checks.filter((c) => c.status === "fail").map((c) => c.detail);
    throw new AppError("invalid_model", `${modelId} cannot serve ${useCase?.name ?? "this scope"}: ${failed.join(" ")}`, { checks: result.checks });
  }
}
