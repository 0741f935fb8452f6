// db/supabase/realtime.sql on a scratch Postgres: it applies (twice: it is idempotent) without altering Realtime's own
// table, its trigger sends one broadcast per topic per switch (staff; the conversation's owner; one 'users' hint for a
// use-case switch, with nothing private in it), its RLS lets a user read only their own topic, 'users', and staff (by
// the app's role rule, never user_metadata) the 'staff' topic, and nobody signed in can send on those topics.
//
// Postgres only (roles and RLS); runs when DATABASE_URL is set. Supabase's own objects are replaced by the stand-ins
// of support/supabase-stand-in.ts, and
//   - public.switchboard_roles (db/supabase/auth.sql, which needs auth.users): a bare table with the same columns,
//     created only inside the test that needs it, since the file must also work without it.
import fs from "node:fs";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { switchModel } from "@/server/switching/switch-model";
import { createServiceFixture, type ServiceFixture } from "../support/service-fixture";
import { REALTIME_SQL_FILE as SQL_FILE, standInRoles, STUBS, withRoles } from "./support/supabase-stand-in";

class Rollback extends Error {}

const ALTERNATES: Record<string, [string, string]> = {
  clinical: ["eu.anthropic.claude-sonnet-4-5-20250929-v1:0", "eu.anthropic.claude-sonnet-4-6"],
  operations: ["eu.amazon.nova-pro-v1:0", "eu.amazon.nova-lite-v1:0"],
  general: ["eu.anthropic.claude-haiku-4-5-20251001-v1:0", "eu.amazon.nova-lite-v1:0"],
};

describe.runIf(!!process.env.DATABASE_URL)("db/supabase/realtime.sql", () => {
  let f: ServiceFixture;
  let sql: postgres.Sql;
  const roles = standInRoles();
  const { role, anon } = roles;
  const ids = { user: "", other: "", admin: "", analyst: "" };

  const messagesFor = async (switchId: number) =>
    (
      await sql<{ topic: string; event: string; private: boolean; payload: Record<string, unknown> }[]>`
      select topic, event, private, payload from realtime.messages where (payload ->> 'id')::bigint = ${switchId} order by topic`
    ).map((r) => ({ ...r }));

  /** How many rows a user may read while joining `topic`, as Realtime's authorization check does (then rolls back). */
  const readable = (claims: Record<string, unknown>, topic: string) =>
    sql.begin(async (tx) => {
      await tx.unsafe(`set local role ${role}`);
      await tx`select set_config('request.jwt.claims', ${JSON.stringify(claims)}, true), set_config('realtime.topic', ${topic}, true)`;
      const [row] = await tx<{ n: number }[]>`select count(*)::int as n from realtime.messages where topic = ${topic}`;
      return row!.n;
    });

  /** A browser broadcasting on `topic`, as Realtime checks it: an insert into realtime.messages under the user's JWT. */
  const send = (claims: Record<string, unknown>, topic: string, as = role) =>
    sql
      .begin(async (tx) => {
        await tx.unsafe(`set local role ${as}`);
        await tx`select set_config('request.jwt.claims', ${JSON.stringify(claims)}, true), set_config('realtime.topic', ${topic}, true)`;
        await tx`insert into realtime.messages (topic, extension, event, payload, private)
        values (${topic}, 'broadcast', 'switch', ${sql.json({ id: 9_007_199_254_740_000, scope: "use_case", useCase: "clinical", newModelId: "evil" })}, true)`;
        // Realtime rolls its check back; so does this.
        throw new Rollback();
      })
      .then(
        () => "sent",
        (err: unknown) => (err instanceof Rollback ? "sent" : `refused: ${(err as Error).message}`),
      );

  /** The role realtime.sql reads for these claims (the function the staff policy calls). */
  const sqlRole = (claims: Record<string, unknown>) =>
    sql.begin(async (tx) => {
      await tx`select set_config('request.jwt.claims', ${JSON.stringify(claims)}, true)`;
      const [row] = await tx<{ r: string }[]>`select public.switchboard_realtime_role() as r`;
      return row!.r;
    });

  const flipUseCase = async (useCase: string) => {
    const [row] = await sql<{ m: string }[]>`select current_model_id as m from use_cases where name = ${useCase}`;
    const [a, b] = ALTERNATES[useCase]!;
    return (await switchModel({ actor: f.admin, input: { useCase, modelId: row!.m === a ? b : a, reason: "sql test" } })).switch;
  };
  const flipConversation = async (conversationId: string, useCase: string) => {
    const [row] = await sql<{ m: string }[]>`
      select coalesce(c.model_override_id, u.current_model_id) as m from conversations c join use_cases u on u.name = c.use_case where c.id = ${conversationId}`;
    const [a, b] = ALTERNATES[useCase]!;
    return (await switchModel({ actor: f.admin, input: { conversationId, modelId: row!.m === a ? b : a, reason: "sql test" } })).switch;
  };

  beforeAll(async () => {
    f = await createServiceFixture("postgres");
    sql = postgres(f.t.url!, { max: 2, onnotice: () => {} });
    await sql.unsafe(STUBS(role, anon));
    const file = withRoles(fs.readFileSync(SQL_FILE, "utf8"), role, anon);
    expect(file).toContain(`to ${role}`);
    expect(file).toContain(`to ${anon}, ${role}`);
    expect(file).not.toMatch(/\bto (anon|authenticated)\b/);
    await sql.unsafe(file);
    await sql.unsafe(file); // idempotent
    for (const [k, a] of Object.entries({ user: f.user, other: f.otherUser, admin: f.admin, analyst: f.analyst })) {
      ids[k as keyof typeof ids] = a.kind === "user" ? a.user.id : "";
    }
  });

  afterAll(async () => {
    await sql?.end();
    await f?.t.drop();
    await roles.drop();
  });

  it("leaves Realtime's own table alone: no statement alters realtime.messages (newer projects refuse it)", () => {
    const statements = fs
      .readFileSync(SQL_FILE, "utf8")
      .split("\n")
      .filter((l) => !l.trim().startsWith("--"))
      .join("\n");
    expect(statements).not.toMatch(/alter\s+table\s+(if\s+exists\s+)?(only\s+)?realtime\./i);
  });

  it("broadcasts a conversation switch once to staff and once to the conversation's owner, nobody else", async () => {
    const s = await flipConversation(f.conv.other, "general");
    const msgs = await messagesFor(s.id);
    expect(msgs.map((m) => m.topic)).toEqual(["staff", `user:${ids.other}`]);
    expect(msgs.every((m) => m.event === "switch" && m.private)).toBe(true);
    const [staff, owner] = msgs;
    expect(staff!.payload).toMatchObject({
      id: s.id,
      scope: "conversation",
      conversationId: f.conv.other,
      newModelId: s.newModelId,
      switchType: "manual",
      actor: "a@test.local",
    });
    expect(new Date(String(staff!.payload.timestamp)).getTime()).toBe(new Date(s.timestamp).getTime());
    // The owner's copy is a hint: which switch, nothing more (the app serves the event itself).
    expect(owner!.payload).toEqual({ id: s.id, scope: "conversation", useCase: "general", conversationId: f.conv.other });
  });

  it("broadcasts a use-case switch as one message on 'users' with nothing private in it, however many users it concerns", async () => {
    // A second follower of operations: still one message, not one per user.
    await sql`insert into conversations (user_id, use_case, title) values (${ids.other}, 'operations', 'o2')`;
    const ops = await flipUseCase("operations");
    const msgs = await messagesFor(ops.id);
    expect(msgs.map((m) => m.topic)).toEqual(["staff", "users"]);
    expect(msgs[1]!.payload).toEqual({ id: ops.id, scope: "use_case", useCase: "operations" });
    // The other user's general conversation is pinned (previous test): nobody follows general, staff only.
    const gen = await flipUseCase("general");
    expect((await messagesFor(gen.id)).map((m) => m.topic)).toEqual(["staff"]);
  });

  it("lets a user read their own topic and nobody else's", async () => {
    await flipConversation(f.conv.clinical, "clinical"); // a message on the user's own topic
    const user = { sub: ids.user, role: "authenticated", app_metadata: { role: "user" } };
    expect(await readable(user, `user:${ids.user}`)).toBeGreaterThan(0);
    expect(await readable(user, `user:${ids.other}`)).toBe(0);
    expect(await readable(user, "staff")).toBe(0);
    // A role a user could write into their own user_metadata does not count.
    expect(await readable({ ...user, user_metadata: { role: "admin" } }, "staff")).toBe(0);
    // Anonymous (no sub) reads nothing.
    expect(await readable({ role: "authenticated" }, `user:${ids.user}`)).toBe(0);
    // The use-case hints: any signed-in user, nobody anonymous.
    expect(await readable(user, "users")).toBeGreaterThan(0);
    expect(await readable({ role: "authenticated" }, "users")).toBe(0);
  });

  it("lets admins and analysts read the staff topic by their app_metadata role, else their switchboard_roles row", async () => {
    expect(await readable({ sub: ids.admin, app_metadata: { role: "admin" } }, "staff")).toBeGreaterThan(0);
    // Without app_metadata.role, the roles table of db/supabase/auth.sql decides (when it exists).
    expect(await readable({ sub: ids.analyst }, "staff")).toBe(0);
    await sql.unsafe(`create table public.switchboard_roles (user_id uuid primary key, role text not null)`);
    try {
      await sql`insert into public.switchboard_roles (user_id, role) values (${ids.analyst}, 'analyst'), (${ids.user}, 'admin')`;
      expect(await readable({ sub: ids.analyst }, "staff")).toBeGreaterThan(0);
      // app_metadata.role comes first.
      expect(await readable({ sub: ids.user, app_metadata: { role: "user" } }, "staff")).toBe(0);
    } finally {
      await sql.unsafe(`drop table public.switchboard_roles`);
    }
    expect(await readable({ sub: ids.analyst, app_metadata: { role: "analyst" } }, "staff")).toBeGreaterThan(0);
    // Staff do not read end users' personal topics either.
    expect(await readable({ sub: ids.admin, app_metadata: { role: "admin" } }, `user:${ids.user}`)).toBe(0);
  });

  it("holds even when another policy opens realtime.messages to every authenticated user", async () => {
    await sql.unsafe(`create policy "too broad" on realtime.messages for select to ${role} using (true)`);
    try {
      expect(await readable({ sub: ids.user, app_metadata: { role: "user" } }, `user:${ids.other}`)).toBe(0);
      expect(await readable({ sub: ids.user, app_metadata: { role: "user" } }, "staff")).toBe(0);
      expect(await readable({ sub: ids.user, app_metadata: { role: "user" } }, `user:${ids.user}`)).toBeGreaterThan(0);
    } finally {
      await sql.unsafe(`drop policy "too broad" on realtime.messages`);
    }
  });

  it("reads the role with the app's one rule: exactly admin, analyst or user, else the roles table, else user", async () => {
    const { resolveRole } = await import("@/server/auth/supabase/role");
    await sql.unsafe(`create table public.switchboard_roles (user_id uuid primary key, role text not null)`);
    try {
      await sql`insert into public.switchboard_roles (user_id, role) values (${ids.analyst}, 'analyst'), (${ids.other}, 'Admin')`;
      const cases: { sub: string; appRole?: unknown; row: string | null }[] = [
        { sub: ids.admin, appRole: "admin", row: null },
        { sub: ids.admin, appRole: "Admin", row: null },
        { sub: ids.analyst, appRole: "Admin", row: "analyst" },
        { sub: ids.analyst, appRole: "owner", row: "analyst" },
        { sub: ids.analyst, appRole: ["admin"], row: "analyst" },
        { sub: ids.analyst, appRole: 1, row: "analyst" },
        { sub: ids.analyst, appRole: "user", row: "analyst" },
        { sub: ids.analyst, row: "analyst" },
        { sub: ids.other, row: "Admin" },
        { sub: ids.user, appRole: " admin", row: null },
      ];
      for (const c of cases) {
        const appMetadata = c.appRole === undefined ? {} : { role: c.appRole };
        const inSql = await sqlRole({ sub: c.sub, app_metadata: appMetadata });
        const inApp = await resolveRole({ userId: c.sub, appMetadata, fresh: true, lookup: async () => (c.row as never) ?? null });
        expect({ ...c, role: inSql }).toEqual({ ...c, role: inApp });
      }
      // "Admin" is not admin: refused on staff, as the app would subscribe this user to their own topic.
      expect(await readable({ sub: ids.admin, app_metadata: { role: "Admin" } }, "staff")).toBe(0);
      expect(await readable({ sub: ids.analyst, app_metadata: { role: "Admin" } }, "staff")).toBeGreaterThan(0);
    } finally {
      await sql.unsafe(`drop table public.switchboard_roles`);
    }
  });

  it("refuses every broadcast a signed-in user sends on the switch topics, even beside a permissive insert policy", async () => {
    const user = { sub: ids.user, role: "authenticated", app_metadata: { role: "user" } };
    const admin = { sub: ids.admin, role: "authenticated", app_metadata: { role: "admin" } };
    // The docs' example for a project's own channels: any signed-in user may broadcast.
    await sql.unsafe(`create policy "docs example" on realtime.messages for insert to ${role}, ${anon} with check (true)`);
    try {
      // The policy works for other channels...
      expect(await send(user, "room:lobby")).toBe("sent");
      // ...but not for ours, whoever asks, on whichever of them.
      for (const [claims, topic] of [
        [user, "staff"],
        [user, `user:${ids.user}`],
        [user, `user:${ids.other}`],
        [user, "users"],
        [admin, "staff"],
      ] as const) {
        expect(await send(claims, topic), topic).toMatch(/^refused: .*row-level security/);
      }
      expect(await send({}, "staff", anon)).toMatch(/^refused: .*row-level security/);
      // Nor by naming another topic for the channel than for the row.
      const sneaky = await sql
        .begin(async (tx) => {
          await tx.unsafe(`set local role ${role}`);
          await tx`select set_config('request.jwt.claims', ${JSON.stringify(user)}, true), set_config('realtime.topic', 'room:lobby', true)`;
          await tx`insert into realtime.messages (topic, extension, event, payload) values ('staff', 'broadcast', 'switch', '{}')`;
        })
        .then(
          () => "sent",
          (err: Error) => `refused: ${err.message}`,
        );
      expect(sneaky).toMatch(/^refused: .*row-level security/);
    } finally {
      await sql.unsafe(`drop policy "docs example" on realtime.messages`);
    }
  });

  it("never blocks a switch when broadcasting fails", async () => {
    await sql.unsafe(
      `create or replace function realtime.send(payload jsonb, event text, topic text, private boolean default true) returns void language plpgsql as $$ begin raise exception 'realtime is down'; end $$`,
    );
    const s = await flipUseCase("clinical");
    expect(s.id).toBeGreaterThan(0);
    const [row] = await sql<{ n: number }[]>`select count(*)::int as n from bedrock_model_switches where id = ${s.id}`;
    expect(row!.n).toBe(1);
  });
});
