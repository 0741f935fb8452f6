-- Switchboard on Supabase: realtime switch events through private Broadcast channels.
--
-- Supabase only. PGlite and plain Postgres have no `realtime` or `auth` schema, so this file is NOT one of the shared
-- migrations in db/migrations; apply it once to the Supabase database after the migrations (SQL editor, or
-- `psql "$DATABASE_URL" -f db/supabase/realtime.sql`). It is idempotent: running it again replaces what it created.
--
-- What it does:
--   1. After each insert into the switch log, a trigger broadcasts the switch with realtime.send() on private topics:
--        'staff'             every switch (admins and analysts see all), with who made it;
--        'user:<account id>' each end user whose conversation's model it changed: the conversation's owner for a
--                            conversation switch, every user with an override-free conversation in the use case for a
--                            use-case switch. The same rule as server/realtime/audience.ts.
--   2. RLS on realtime.messages lets an authenticated user join only 'user:' || auth.uid(), or 'staff' when their role
--      is admin or analyst: app_metadata.role in their JWT (only the service role can set it; never user_metadata,
--      which users can edit), else their row in public.switchboard_roles (db/supabase/auth.sql) if that table exists.
--      No INSERT policy: browsers cannot send on these topics, only the trigger does.
--
-- Requirements: Realtime Authorization (supabase-js >= 2.44, channels opened with { config: { private: true } }), and
-- "Allow public access" turned off in the project's Realtime settings so that no one can join these topics as a
-- public channel. Accounts are Supabase Auth users: accounts.id = auth.users.id, and the role in app_metadata.role.
--
-- The client side is components/realtime/supabase-transport.ts; tests/realtime/supabase-sql.test.ts applies this file
-- to a scratch Postgres with stand-ins for realtime.send, realtime.topic, auth.uid and auth.jwt.

-- 1. The broadcast trigger -------------------------------------------------------------------------------------------

create or replace function public.switchboard_broadcast_switch()
returns trigger
language plpgsql
-- Runs as the owner: end users have no read access to other people's conversations, yet the trigger must find
-- every recipient. An empty search_path keeps the definer's rights from being steered by a caller's objects.
security definer
set search_path = ''
as $$
declare
  event jsonb;
  recipient uuid;
begin
  -- The switch row in the shape the browser's events use (lib/realtime-event.ts); the toast text and "switch back"
  -- are filled in by the app's own filter (GET /api/realtime/backlog), which the client asks when a broadcast arrives.
  event := jsonb_build_object(
    'id', new.id,
    'scope', new.scope,
    'useCase', new.use_case,
    'conversationId', new.conversation_id,
    'previousModelId', new.previous_model_id,
    'newModelId', new.new_model_id,
    'reason', new.reason,
    'switchType', new.switch_type,
    'trigger', new.trigger,
    'errorCode', new.error_code,
    'timestamp', to_char(new."timestamp" at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
  );

  begin
    perform realtime.send(event || jsonb_build_object('actor', new.actor), 'switch', 'staff', true);

    for recipient in
      select distinct c.user_id
      from public.conversations c
      where (new.scope = 'conversation' and c.id = new.conversation_id)
         or (new.scope = 'use_case' and c.use_case = new.use_case and c.model_override_id is null)
    loop
      perform realtime.send(event, 'switch', 'user:' || recipient::text, true);
    end loop;
  exception when others then
    -- A realtime problem must never undo a committed switch decision: the switch stays in the log, and clients
    -- catch up from the log when they resubscribe.
    raise warning 'switchboard: could not broadcast switch %: %', new.id, sqlerrm;
  end;

  return null;
end;
$$;

-- A trigger function: nobody calls it directly.
revoke all on function public.switchboard_broadcast_switch() from public;

drop trigger if exists switchboard_broadcast_switch on public.bedrock_model_switches;
create trigger switchboard_broadcast_switch
  after insert on public.bedrock_model_switches
  for each row execute function public.switchboard_broadcast_switch();

-- 2. Who may receive: RLS on realtime.messages --------------------------------------------------------------------

-- The caller's Switchboard role, the same way the app reads it: app_metadata.role, else public.switchboard_roles
-- (looked up only when db/supabase/auth.sql has created it), else an end user.
create or replace function public.switchboard_realtime_role()
returns text
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  claimed text := (select auth.jwt()) -> 'app_metadata' ->> 'role';
  stored text;
begin
  if claimed is not null then
    return claimed;
  end if;
  if (select auth.uid()) is not null and to_regclass('public.switchboard_roles') is not null then
    execute 'select role from public.switchboard_roles where user_id = $1' into stored using (select auth.uid());
  end if;
  return coalesce(stored, 'user');
end;
$$;

revoke all on function public.switchboard_realtime_role() from public;
grant execute on function public.switchboard_realtime_role() to authenticated;

alter table realtime.messages enable row level security;

drop policy if exists "switchboard: end users receive their own switches" on realtime.messages;
create policy "switchboard: end users receive their own switches"
  on realtime.messages
  for select
  to authenticated
  using (
    realtime.messages.extension = 'broadcast'
    and (select realtime.topic()) = 'user:' || (select auth.uid())::text
  );

drop policy if exists "switchboard: staff receive every switch" on realtime.messages;
create policy "switchboard: staff receive every switch"
  on realtime.messages
  for select
  to authenticated
  using (
    realtime.messages.extension = 'broadcast'
    and (select realtime.topic()) = 'staff'
    and (select public.switchboard_realtime_role()) in ('admin', 'analyst')
  );

-- Permissive policies add up: another feature's broad "authenticated may read" policy would open these topics to
-- everyone. This restrictive one holds whatever else exists: on 'staff' and 'user:*' only the audience above.
drop policy if exists "switchboard: switch topics only for their audience" on realtime.messages;
create policy "switchboard: switch topics only for their audience"
  on realtime.messages
  as restrictive
  for select
  to authenticated
  using (
    not (coalesce((select realtime.topic()), '') = 'staff' or coalesce((select realtime.topic()), '') like 'user:%')
    or (select realtime.topic()) = 'user:' || (select auth.uid())::text
    or (
      (select realtime.topic()) = 'staff'
      and (select public.switchboard_realtime_role()) in ('admin', 'analyst')
    )
  );
