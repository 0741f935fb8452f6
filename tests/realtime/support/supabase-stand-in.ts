// Stand-ins for the parts of a Supabase Postgres that db/supabase/realtime.sql uses, created in a throwaway database
// of the local Postgres. They behave as Supabase's own do for this purpose:
//   - roles `authenticated` and `anon`: per-run roles (roles are cluster-wide; parallel runs must not share one),
//     substituted for those names in the file's grants and policies (withRoles), dropped afterwards;
//   - realtime.messages: the columns the policies and realtime.send use (topic, extension, payload, event, private),
//     with RLS enabled by the stand-in, as Realtime's own migrations do (the file must not);
//   - realtime.send(payload, event, topic, private): inserts a 'broadcast' row into realtime.messages, as Supabase's
//     does (Realtime then reads it from the WAL and checks the subscriber against RLS);
//   - realtime.topic(): the topic being joined, from the `realtime.topic` setting, as Supabase's does;
//   - auth.uid() / auth.jwt(): the `sub` claim / all claims from the `request.jwt.claims` setting, as Supabase's do.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import postgres from "postgres";

export const REALTIME_SQL_FILE = path.resolve(process.cwd(), "db/supabase/realtime.sql");

export const STUBS = (role: string, anon: string) => `
  create role ${role} nologin;
  create role ${anon} nologin;
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
  alter table realtime.messages enable row level security;
  create function realtime.topic() returns text language sql stable as $$
    select nullif(current_setting('realtime.topic', true), '')::text
  $$;
  create function realtime.send(payload jsonb, event text, topic text, private boolean default true) returns void
  language sql as $$
    insert into realtime.messages (payload, event, topic, private, extension) values (payload, event, topic, private, 'broadcast')
  $$;
  grant usage on schema auth, realtime to ${role}, ${anon};
  grant execute on all functions in schema auth, realtime to ${role}, ${anon};
  grant select, insert on realtime.messages to ${role}, ${anon};
`;

/** The file with the per-run role names in its grants and policies. */
export const withRoles = (file: string, role: string, anon: string) =>
  file.replace(/\b(to|from) anon, authenticated\b/g, `$1 ${anon}, ${role}`).replace(/\b(to|from) authenticated\b/g, `$1 ${role}`);

/** db/supabase/realtime.sql with the per-run role names. */
export const realtimeSqlFor = (role: string, anon: string) => withRoles(fs.readFileSync(REALTIME_SQL_FILE, "utf8"), role, anon);

/** Per-run names for the `authenticated` and `anon` roles, and their removal (roles outlive the dropped database). */
export function standInRoles(): { role: string; anon: string; drop: () => Promise<void> } {
  const suffix = randomBytes(4).toString("hex");
  const role = `sb_test_authenticated_${suffix}`;
  const anon = `sb_test_anon_${suffix}`;
  return {
    role,
    anon,
    drop: async () => {
      const admin = postgres(process.env.DATABASE_URL!, { max: 1, onnotice: () => {} });
      for (const r of [role, anon]) await admin.unsafe(`drop role if exists ${r}`).catch(() => {});
      await admin.end();
    },
  };
}
