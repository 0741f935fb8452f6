// A real database (PGlite or Postgres) seeded with the catalog, the use cases and a few accounts and conversations,
// with the service layer pointed at it.
import { accounts, conversations } from "@/db/schema";
import { seedDatabase } from "@/db/seed";
import type { DatabaseKind } from "@/db/client";
import type { Actor, SessionUser } from "@/server/auth/roles";
import { setDatabase } from "@/server/db";
import { flushInvocations } from "@/server/invoke/record";
import { dropKeysHere } from "@/server/keys/cache";
import { dropCooldownsHere } from "@/server/orchestration/cooldowns";
import { dropUseCasesHere } from "@/server/use-cases/cache";
import { createTestDatabase, type TestDatabase } from "./test-db";

const CACHED_TABLES = /^\s*(insert\s+into|update|delete\s+from)\s+(use_cases|use_case_fallbacks|model_cooldowns|api_keys)\b/i;

/** Drops this process's in-memory use cases, cooldowns and API keys (as a NOTIFY from a writer would). */
export function dropInvokePathCachesHere(): void {
  dropUseCasesHere();
  dropCooldownsHere();
  dropKeysHere();
}

export type ServiceFixture = {
  t: TestDatabase;
  admin: Actor;
  analyst: Actor;
  user: Actor;
  otherUser: Actor;
  service: Actor;
  /** Conversations: the first user's in clinical and operations, the other user's in general. */
  conv: { clinical: string; operations: string; other: string };
  count: (sql: string, params?: unknown[]) => Promise<number>;
};

export async function createServiceFixture(kind: DatabaseKind, opts: { max?: number } = {}): Promise<ServiceFixture> {
  const t = await createTestDatabase(kind, opts);
  await seedDatabase(t.db, { demo: false });
  const people = await t.db
    .insert(accounts)
    .values([
      { email: "a@test.local", name: "A", role: "admin", passwordHash: "x" },
      { email: "b@test.local", name: "B", role: "analyst", passwordHash: "x" },
      { email: "u@test.local", name: "U", role: "user", passwordHash: "x" },
      { email: "v@test.local", name: "V", role: "user", passwordHash: "x" },
    ])
    .returning();
  const asActor = (i: number): Actor => ({ kind: "user", user: people[i] as SessionUser });
  const convs = await t.db
    .insert(conversations)
    .values([
      { userId: people[2]!.id, useCase: "clinical", title: "c" },
      { userId: people[2]!.id, useCase: "operations", title: "o" },
      { userId: people[3]!.id, useCase: "general", title: "g" },
    ])
    .returning();
  setDatabase(t);
  // The invoke path keeps use cases, cooldowns and keys in memory, dropped by the app's own writers (NOTIFY). A test's
  // raw write to those tables stands in for such a writer, so it drops this process's copies too.
  const rows = t.rows;
  t.rows = async (sql, params) => {
    const out = await rows(sql, params);
    if (CACHED_TABLES.test(sql)) dropInvokePathCachesHere();
    return out as never;
  };
  // Calls are recorded in batches: write what this database's calls queued before it goes (and the next one comes).
  const drop = t.drop;
  t.drop = async () => {
    await flushInvocations();
    await drop();
  };
  return {
    t,
    admin: asActor(0),
    analyst: asActor(1),
    user: asActor(2),
    otherUser: asActor(3),
    service: { kind: "service" },
    conv: { clinical: convs[0]!.id, operations: convs[1]!.id, other: convs[2]!.id },
    count: async (sql, params) => Number((await t.rows<{ n: number }>(sql, params))[0]!.n),
  };
}
