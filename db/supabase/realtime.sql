-- Switchboard on Supabase: realtime switch events through private Broadcast channels.
--
-- Supabase only. PGlite and plain Postgres have no `realtime` or `auth` schema, so this file is NOT one of the shared
-- migrations in db/migrations. Apply it to the Supabase project's Postgres AFTER the app's migrations (which create the
-- switch log) and after db/supabase/auth.sql: SQL editor, or `psql "$DATABASE_URL" -v ON_ERROR_STOP=1 -f
-- db/supabase/realtime.sql`. It is idempotent: every object is created or replaced, every policy dropped if it exists
-- and created again, so running it twice (or after an upgrade) is safe.
--
-- It does NOT touch realtime.messages itself (no `alter table ... enable row level security`): Realtime's own
-- migrations enable RLS there and make supabase_realtime_admin its owner, and on current projects `postgres` is not
-- allowed to alter it ("must be owner of table messages"), which would abort the whole script.
--
-- What it does:
--   1. After each insert into the switch log, a trigger sends ONE broadcast per topic (never one per user: Realtime
--      drops database broadcasts past the project's events-per-second limit, and a use-case switch may concern
--      thousands of users):
--        'staff'             every switch, with who made it (admins and analysts see all);
--        'user:<owner id>'   a conversation switch, to that conversation's owner only;
--        'users'             a use-case switch, when some conversation follows the use case: every signed-in user
--                            may read it, so its payload is the switch id, scope and use case only, nothing about
--                            any user or conversation. A use case's model is not private; conversations are: a
--                            conversation switch never goes to 'users'.
--      A broadcast is only a hint. The browser never shows its payload: it asks the app for what it missed
--      (GET /api/realtime/backlog), which filters per viewer on the server (server/realtime/audience.ts), so an end
--      user sees exactly the use-case switches that changed one of THEIR conversations.
--   2. RLS on realtime.messages lets a signed-in user join only 'user:' || auth.uid(), 'users', or 'staff' when their
--      role is admin or analyst. The role is read with the app's rule (server/auth/supabase/role.ts): app_metadata.role
--      when it is exactly 'admin', 'analyst' or 'user' (only the service role can set app_metadata; user_metadata,
--      which users can edit, is never read), else their row in public.switchboard_roles (db/supabase/auth.sql), else
--      'user'.
--   3. A restrictive INSERT policy: no browser may send on 'staff', 'users' or 'user:*', whatever other (permissive)
--      insert policy a project adds for its own channels. Only the trigger sends on them.
--
-- Requirements: Realtime Authorization (supabase-js >= 2.44, channels opened with { config: { private: true } }), and
-- "Allow public access" turned OFF in the project's Realtime settings so that no one can join these topics as a
-- public channel. Accounts are Supabase Auth users: accounts.id = auth.users.id.
--
-- The app checks at start that this trigger and realtime.send exist in the database it writes to (server/realtime/
-- transport-choice.ts); only then do browsers use Supabase Realtime, otherwise Server-Sent Events.
-- The client side is components/realtime/supabase-transport.ts; tests/realtime/supabase-sql.test.ts applies this file
-- twice to a scratch Postgres with stand-ins for realtime.messages, realtime.send, realtime.topic, auth.uid and
-- auth.jwt.

-- 1. The broadcast trigger -------------------------------------------------------------------------------------------

create or replace function public.switchboard_broadcast_switch()
returns trigger
language plpgsql
-- Runs as the owner: the trigger must see whether any conversation follows the use case, which end users cannot.
-- An empty search_path keeps the definer's rights from being steered by a caller's objects.
security definer
set search_path = ''
as $$
declare
  hint jsonb := jsonb_build_object('id', new.id, 'scope', new.scope, 'useCase', new.use_case);
  owner uuid;
begin
  begin
    -- Staff see every switch; the row in the shape of lib/realtime-event.ts, with who made it.
    perform realtime.send(
      hint || jsonb_build_object(
        'conversationId', new.conversation_id,
        'previousModelId', new.previous_model_id,
        'newModelId', new.new_model_id,
        'reason', new.reason,
        'switchType', new.switch_type,
        'trigger', new.trigger,
        'errorCode', new.error_code,
        'actor', new.actor,
        'timestamp', to_char(new."timestamp" at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
      ),
      'switch', 'staff', true);

    if new.scope = 'conversation' then
      select c.user_id into owner from public.conversations c where c.id = new.conversation_id;
      if owner is not null then
        perform realtime.send(hint || jsonb_build_object('conversationId', new.conversation_id), 'switch', 'user:' || owner::text, true);
      end if;
    elsif exists (
      select 1 from public.conversations c where c.use_case = new.use_case and c.model_override_id is null
    ) then
      perform realtime.send(hint, 'switch', 'users', true);
    end if;
  exception when others then
    -- A realtime problem must never undo a committed switch decision: the switch stays in the log, and clients
    -- catch up from the log (on resubscribe, and by their periodic check of the latest switch id).
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

-- The caller's Switchboard role by the app's one rule (server/auth/supabase/role.ts): app_metadata.role when it is
-- exactly 'admin', 'analyst' or 'user'; else a valid row in public.switchboard_roles (looked up only when
-- db/supabase/auth.sql has created it); else 'user'. Anything else ('Admin', 'owner', a number) is not a role.
create or replace function public.switchboard_realtime_role()
returns text
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  claimed jsonb := (select auth.jwt()) -> 'app_metadata' -> 'role';
  stored text;
begin
  if jsonb_typeof(claimed) = 'string' and (claimed #>> '{}') in ('admin', 'analyst', 'user') then
    return claimed #>> '{}';
  end if;
  if (select auth.uid()) is not null and to_regclass('public.switchboard_roles') is not null then
    execute 'select role from public.switchboard_roles where user_id = $1' into stored using (select auth.uid());
  end if;
  if stored in ('admin', 'analyst', 'user') then
    return stored;
  end if;
  return 'user';
end;
$$;

revoke all on function public.switchboard_realtime_role() from public;
grant execute on function public.switchboard_realtime_role() to authenticated;

-- The topics this file owns: nobody but the trigger sends on them, and only their audience reads them.
create or replace function public.switchboard_is_switch_topic(topic text)
returns boolean
language sql
immutable
set search_path = ''
as $$
  select coalesce(topic = 'staff' or topic = 'users' or topic like 'user:%', false)
$$;

grant execute on function public.switchboard_is_switch_topic(text) to anon, authenticated;

drop policy if exists "switchboard: end users receive their own switches" on realtime.messages;
create policy "switchboard: end users receive their own switches"
  on realtime.messages
  for select
  to authenticated
  using (
    realtime.messages.extension = 'broadcast'
    and (select realtime.topic()) = 'user:' || (select auth.uid())::text
  );

drop policy if exists "switchboard: signed-in users receive use-case switch hints" on realtime.messages;
create policy "switchboard: signed-in users receive use-case switch hints"
  on realtime.messages
  for select
  to authenticated
  using (
    realtime.messages.extension = 'broadcast'
    and (select realtime.topic()) = 'users'
    and (select auth.uid()) is not null
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
-- everyone. This restrictive one holds whatever else exists: on the switch topics only the audience above.
drop policy if exists "switchboard: switch topics only for their audience" on realtime.messages;
create policy "switchboard: switch topics only for their audience"
  on realtime.messages
  as restrictive
  for select
  to authenticated
  using (
    not (select public.switchboard_is_switch_topic((select realtime.topic())))
    or (select realtime.topic()) = 'user:' || (select auth.uid())::text
    or ((select realtime.topic()) = 'users' and (select auth.uid()) is not null)
    or (
      (select realtime.topic()) = 'staff'
      and (select public.switchboard_realtime_role()) in ('admin', 'analyst')
    )
  );

-- 3. Nobody sends on the switch topics --------------------------------------------------------------------------------

-- Broadcasting from a browser is an INSERT on realtime.messages (checked with realtime.topic() set to the channel).
-- No permissive insert policy is created here; this restrictive one refuses the switch topics even when a project
-- adds one for its own channels (such as the docs' "authenticated may broadcast"). Checked on both the channel being
-- sent on and the row's topic.
drop policy if exists "switchboard: nobody sends on switch topics" on realtime.messages;
create policy "switchboard: nobody sends on switch topics"
  on realtime.messages
  as restrictive
  for insert
  to anon, authenticated
  with check (
    not (select public.switchboard_is_switch_topic((select realtime.topic())))
    and not public.switchboard_is_switch_topic(realtime.messages.topic)
  );
