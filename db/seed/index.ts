// Seeding is idempotent: the catalog, use cases and accounts are inserted only where missing (an admin's edits
// survive restarts), and the demo history is written once, in one transaction, behind a marker in app_state.
import { eq, inArray } from "drizzle-orm";
import { bulkInsert } from "../bulk-insert";
import type { Database } from "../client";
import { accounts, appState, bedrockModels, bedrockModelSwitches, conversations, invocations, messages, useCaseFallbacks, useCases } from "../schema";
import { CATALOG_SNAPSHOT_DATE, catalogSnapshot } from "./catalog-snapshot";
import { archivedDemoConversations, DEMO_PASSWORD, type DemoTurn, demoAccounts, demoConversations } from "./demo-accounts";
import { generateInvocations, generateScopeSwitches, type HistoryScope } from "./demo-history";
import { createRandom } from "./random";
import { useCaseSeeds } from "./use-cases";

export type SeedOptions = {
  /** Demo accounts, conversations and 90 days of history. */
  demo: boolean;
  /** Injected so that db/ does not depend on server/ (scripts and tests pass the same function). */
  hashPassword?: (password: string) => Promise<string>;
  now?: Date;
};

const DEMO_MARKER = "demo_seeded";
const BATCH = 5000;

export async function seedDatabase(db: Database, opts: SeedOptions): Promise<void> {
  await seedCatalogAndUseCases(db);
  if (opts.demo) await seedDemo(db, opts);
}

export async function seedCatalogAndUseCases(db: Database): Promise<void> {
  const asOf = new Date(`${CATALOG_SNAPSHOT_DATE}T00:00:00Z`);
  await db.transaction(async (tx) => {
    await tx
      .insert(bedrockModels)
      .values(catalogSnapshot.map((m) => ({ ...m, source: "snapshot" as const, sourceUpdatedAt: asOf })))
      .onConflictDoNothing();
    for (const { fallbackChain, ...useCase } of useCaseSeeds) {
      const inserted = await tx.insert(useCases).values(useCase).onConflictDoNothing().returning({ name: useCases.name });
      if (inserted.length && fallbackChain.length) {
        await tx.insert(useCaseFallbacks).values(fallbackChain.map((modelId, position) => ({ useCase: useCase.name, position, modelId })));
      }
    }
    await tx
      .insert(appState)
      .values({ key: "catalog_snapshot", value: { date: CATALOG_SNAPSHOT_DATE, entries: catalogSnapshot.length } })
      .onConflictDoNothing();
  });
}

async function seedDemo(db: Database, opts: SeedOptions): Promise<void> {
  const hash = opts.hashPassword;
  if (!hash) throw new Error("seedDatabase: demo data needs hashPassword");
  const passwordHash = await hash(DEMO_PASSWORD);
  await db.transaction(async (tx) => {
    const [marker] = await tx.select().from(appState).where(eq(appState.key, DEMO_MARKER)).limit(1);
    if (marker) return;
    await tx
      .insert(accounts)
      .values(demoAccounts.map((a) => ({ ...a, passwordHash })))
      .onConflictDoNothing();
    const people = await tx
      .select({ id: accounts.id, email: accounts.email, role: accounts.role })
      .from(accounts)
      .where(
        inArray(
          accounts.email,
          demoAccounts.map((a) => a.email),
        ),
      );
    const idOf = (email: string) => people.find((p) => p.email === email)!.id;

    const now = (opts.now ?? new Date()).getTime();
    const rnd = createRandom(20261124);
    const currentModelOf = (useCase: string) => useCaseSeeds.find((u) => u.name === useCase)!.currentModelId;
    const convRows = await tx
      .insert(conversations)
      .values(demoConversations.map((c) => ({ userId: idOf(c.email), useCase: c.useCase, title: c.title, modelOverrideId: c.modelOverrideId ?? null })))
      .returning({ id: conversations.id, userId: conversations.userId, useCase: conversations.useCase, modelOverrideId: conversations.modelOverrideId });
    // Archived conversations whose owners picked models themselves: conversation-scope history, read-only now.
    const archived = await tx
      .insert(conversations)
      .values(
        archivedDemoConversations.map((c) => ({
          userId: idOf(c.email),
          useCase: c.useCase,
          title: c.title,
          modelOverrideId: c.modelOverrideId,
          createdAt: new Date(now - c.startedDaysAgo * 86_400_000),
          updatedAt: new Date(now - c.archivedDaysAgo * 86_400_000),
          archivedAt: new Date(now - c.archivedDaysAgo * 86_400_000),
        })),
      )
      .returning({ id: conversations.id, userId: conversations.userId, useCase: conversations.useCase, modelOverrideId: conversations.modelOverrideId });
    // Every message has its answer, from the model that served the conversation then; a minute apart each.
    const turnRows = (conversationId: string, turns: readonly DemoTurn[], modelId: string, startAt: number) =>
      turns.flatMap((t, j) => [
        { conversationId, role: "user" as const, content: t.user, createdAt: new Date(startAt + j * 120_000) },
        { conversationId, role: "assistant" as const, content: t.assistant, modelId, createdAt: new Date(startAt + j * 120_000 + 60_000) },
      ]);
    await tx
      .insert(messages)
      .values([
        ...demoConversations.flatMap((c, i) =>
          turnRows(convRows[i]!.id, c.turns, c.modelOverrideId ?? currentModelOf(c.useCase), now - (demoConversations.length - i) * 3_600_000),
        ),
        ...archivedDemoConversations.flatMap((c, i) => turnRows(archived[i]!.id, c.turns, c.modelOverrideId, now - c.startedDaysAgo * 86_400_000)),
      ]);

    const catalog = catalogSnapshot.filter((m) => m.enabled);
    const prices = new Map(catalogSnapshot.map((m) => [m.modelId, { input: m.inputPricePerMTok, output: m.outputPricePerMTok, tier: m.qualityTier }]));
    const scopes: HistoryScope[] = useCaseSeeds.map((u) => ({
      useCase: u.name,
      currentModelId: u.currentModelId,
      fallbackChain: u.fallbackChain,
      pool: [
        ...new Set([
          u.currentModelId,
          ...u.fallbackChain,
          ...catalog.filter((m) => m.useCases.includes(u.name) && m.geoScope !== "global").map((m) => m.modelId),
        ]),
      ].slice(0, 7),
      switchesPerDay: { clinical: 9, health: 12, operations: 10, general: 7 }[u.name] ?? 5,
    }));
    for (const conv of archived) {
      scopes.push({
        useCase: conv.useCase,
        conversationId: conv.id,
        ownerId: conv.userId ?? undefined,
        currentModelId: conv.modelOverrideId!,
        fallbackChain: [],
        pool: catalog
          .filter((m) => m.useCases.includes(conv.useCase) && m.geoScope === "eu")
          .map((m) => m.modelId)
          .slice(0, 4),
        switchesPerDay: 0.4,
      });
    }
    const adminIds = [idOf("admin@switchboard.local")];
    const switchesByScope = scopes.map((scope) => generateScopeSwitches({ scope, rnd, now, days: 90, adminIds }));
    const allSwitches = switchesByScope.flat().sort((a, b) => (a.timestamp as Date).getTime() - (b.timestamp as Date).getTime());
    for (let i = 0; i < allSwitches.length; i += BATCH) {
      await tx.execute(bulkInsert(bedrockModelSwitches, allSwitches.slice(i, i + BATCH)));
    }

    // The generated traffic follows the use cases' models: a conversation on a model of its own takes no part in it.
    const users = convRows.flatMap((c) => (c.userId && !c.modelOverrideId ? [{ userId: c.userId, conversationId: c.id, useCase: c.useCase }] : []));
    let batch: (typeof invocations.$inferInsert)[] = [];
    for (const [i, u] of useCaseSeeds.entries()) {
      const gen = generateInvocations({
        useCase: u.name,
        switches: switchesByScope[i]!,
        currentModelId: u.currentModelId,
        prices,
        rnd,
        now,
        days: 90,
        users: users.filter((x) => x.useCase === u.name),
      });
      for (const row of gen) {
        batch.push(row);
        if (batch.length === BATCH) {
          await tx.execute(bulkInsert(invocations, batch));
          batch = [];
        }
      }
    }
    if (batch.length) await tx.execute(bulkInsert(invocations, batch));
    await tx.insert(appState).values({ key: DEMO_MARKER, value: { at: new Date(now).toISOString(), switches: allSwitches.length } });
  });
}
