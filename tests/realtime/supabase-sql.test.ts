// db/supabase/realtime.sql on a scratch Postgres: it applies (twice: it is idempotent), its trigger broadcasts each
// switch to 'staff' and to exactly the end users it concerns, and its RLS lets a user read only their own topic and
// staff (by app_metadata.role, never user_metadata) the 'staff' topic.
//
// Postgres only (roles and RLS); runs when DATABASE_URL is set. Supabase's own objects are replaced by stand-ins that
// behave as the real ones do for this purpose:
//   - role `authenticated`: a per-run role (roles are cluster-wide; parallel runs must not share one), substituted
//     for `to authenticated` in the file, dropped afterwards;
//   - realtime.messages: the columns the policies and realtime.send use (topic, extension, payload, event, private);
//   - realtime.send(payload, event, topic, private): inserts a 'broadcast' row into realtime.messages, as Supabase's
//     does (Realtime then reads it from the WAL and checks the subscriber against RLS);
//   - realtime.topic(): the topic being joined, from the `realtime.topic` setting, as Supabase's does;
//   - auth.uid() / auth.jwt(): the `sub` claim / all claims from the `request.jwt.claims` setting, as Supabase's do;
//   - public.switchboard_roles (db/supabase/auth.sql, which needs auth.users): a bare table with the same columns,
//     created only inside the test that needs it, since the file must also work without it.
import fs from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { switchModel } from "@/server/switching/switch-model";
import { createServiceFixture, type ServiceFixture } from "../support/service-fixture";

const SQL_FILE = path.resolve(process.cwd(), "db/supabase/realtime.sql");

const STUBS = (role: string) => `
  create role ${role} nologin;
  create schema auth;
  create function auth.jwt() returns jsonb language sql stable as $$
    select coalesce(nullif(current_setting('request.jwt.claims', true), ''), '{}')::jsonb
  $$;
  create function auth.uid() returns uuid language sql stable as $$
    select nullif(auth.jwt() ->> 'sub', '')::uuid
  $$;
  create schema realtime;
  create table realtime.messages (
    id uuid primary key default gen_random_uuid(),
    topic text not null,
    extension text not null,
    payload jsonb,
    event text,
    private boolean default false,
    inserted_at timestamptz not null default now()
  );
  create function realtime.topic() returns text language sql stable as $$
    select nullif(current_setting('realtime.topic', true), '')::text
  $$;
  create function realtime.send(payload jsonb, event text, topic text, private boolean default true) returns void
  language sql as $$
    insert into realtime.messages (payload, event, topic, private, extension) values (payload, event, topic, private, 'broadcast')
  $$;
  grant usage on schema auth, realtime to ${role};
  grant execute on all functions in schema auth, realtime to ${role};
  grant select on realtime.messages to ${role};
`;

const ALTERNATES: Record<string, [string, string]> = {
  clinical: ["eu.anthropic.claude-sonnet-4-5-20250929-v1:0", "eu.anthropic.claude-sonnet-4-6"],
  operations: ["eu.amazon.nova-pro-v1:0", "eu.amazon.nova-lite-v1:0"],
  general: ["eu.anthropic.claude-haiku-4-5-20251001-v1:0", "eu.amazon.nova-lite-v1:0"],
};

describe.runIf(!!process.env.DATABASE_URL)("db/supabase/realtime.sql", () => {
  let f: ServiceFixture;
  let sql: postgres.Sql;
  const role = `sb_test_authenticated_${randomBytes(4).toString("hex")}`;
  const ids = { user: "", other: "", admin: "", analyst: "" };

  const messagesFor = async (switchId: number) =>
    (await sql<{ topic: string; event: string; private: boolean; payload: Record<string, unknown> }[]>`
      select topic, event, private, payload from realtime.messages where (payload ->> 'id')::bigint = ${switchId} order by topic`).map((r) => ({ ...r }));

  /** How many rows a user may read while joining `topic`, as Realtime's authorization check does (then rolls back). */
  const readable = (claims: Record<string, unknown>, topic: string) =>
    sql
      .begin(async (tx) => {
        await tx.unsafe(`set local role ${role}`);
        await tx`select set_config('request.jwt.claims', ${JSON.stringify(claims)}, true), set_config('realtime.topic', ${topic}, true)`;
        const [row] = await tx<{ n: number }[]>`select count(*)::int as n from realtime.messages where topic = ${topic}`;
        return row!.n;
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
    await sql.unsafe(STUBS(role));
    const file = fs.readFileSync(SQL_FILE, "utf8").replace(/\bto authenticated\b/g, `to ${role}`);
    expect(file).toContain(`to ${role}`);
    await sql.unsafe(file);
    await sql.unsafe(file); // idempotent
    for (const [k, a] of Object.entries({ user: f.user, other: f.otherUser, admin: f.admin, analyst: f.analyst })) {
      ids[k as keyof typeof ids] = a.kind === "user" ? a.user.id : "";
    }
  });

  afterAll(async () => {
    await sql?.end();
    await f?.t.drop();
    const admin = postgres(process.env.DATABASE_URL!, { max: 1, onnotice: () => {} });
    await admin.unsafe(`drop role if exists ${role}`).catch(() => {});
    await admin.end();
  });

  it("broadcasts a conversation switch to staff and to the conversation's owner only", async () => {
    const s = await flipConversation(f.conv.other, "general");
    const msgs = await messagesFor(s.id);
    expect(msgs.map((m) => m.topic)).toEqual(["staff", `user:${ids.other}`]);
    expect(msgs.every((m) => m.event === "switch" && m.private)).toBe(true);
    const [staff, owner] = msgs;
    expect(staff!.payload).toMatchObject({ id: s.id, scope: "conversation", conversationId: f.conv.other, newModelId: s.newModelId, switchType: "manual", actor: "a@test.local" });
    expect(owner!.payload).not.toHaveProperty("actor");
    expect(new Date(String(owner!.payload.timestamp)).getTime()).toBe(new Date(s.timestamp).getTime());
  });

  it("broadcasts a use-case switch to every user whose conversation follows the use case, not to pinned ones", async () => {
    const ops = await flipUseCase("operations"); // the user's operations conversation follows it
    expect((await messagesFor(ops.id)).map((m) => m.topic)).toEqual(["staff", `user:${ids.user}`]);
    // The other user's general conversation is pinned (previous test): a general switch reaches staff only.
    const gen = await flipUseCase("general");
    expect((await messagesFor(gen.id)).map((m) => m.topic)).toEqual(["staff"]);
  });

  it("lets a user read their own topic and nobody else's", async () => {
    const user = { sub: ids.user, role: "authenticated", app_metadata: { role: "user" } };
    expect(await readable(user, `user:${ids.user}`)).toBeGreaterThan(0);
    expect(await readable(user, `user:${ids.other}`)).toBe(0);
    expect(await readable(user, "staff")).toBe(0);
    // A role a user could write into their own user_metadata does not count.
    expect(await readable({ ...user, user_metadata: { role: "admin" } }, "staff")).toBe(0);
    // Anonymous (no sub) reads nothing.
    expect(await readable({ role: "authenticated" }, `user:${ids.user}`)).toBe(0);
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

  it("never blocks a switch when broadcasting fails", async () => {
    await sql.unsafe(`create or replace function realtime.send(payload jsonb, event text, topic text, private boolean default true) returns void language plpgsql as $$ begin raise exception 'realtime is down'; end $$`);
    const s = await flipUseCase("clinical");
    expect(s.id).toBeGreaterThan(0);
    const [row] = await sql<{ n: number }[]>`select count(*)::int as n from bedrock_model_switches where id = ${s.id}`;
    expect(row!.n).toBe(1);
  });
});
