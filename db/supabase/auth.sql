-- Supabase only (it references auth.users and Supabase's roles): apply in the Supabase SQL editor or with
-- `psql "$SUPABASE_DB_URL" -f db/supabase/auth.sql`. The shared migrations in db/migrations never run this,
-- since PGlite and plain Postgres have no auth schema. Safe to run again.
--
-- Switchboard reads a user's role from app_metadata.role first (only the service role can write app_metadata):
--   update auth.users set raw_app_meta_data = raw_app_meta_data || '{"role": "admin"}' where email = 'you@example.com';
-- and otherwise from this table, and otherwise treats the user as an end user ("user").
-- user_metadata is never read for a role: every user can write their own.

create table if not exists public.switchboard_roles (
  user_id uuid primary key references auth.users (id) on delete cascade,
  role text not null check (role in ('admin', 'analyst', 'user')),
  updated_at timestamptz not null default now()
);

comment on table public.switchboard_roles is
  'Switchboard role per Supabase user, used when app_metadata.role is not set. Managed with the service role.';

alter table public.switchboard_roles enable row level security;

-- A signed-in user may read their own row and nothing else; anon may read nothing.
drop policy if exists "switchboard_roles: read own row" on public.switchboard_roles;
create policy "switchboard_roles: read own row"
  on public.switchboard_roles
  for select
  to authenticated
  using ((select auth.uid()) = user_id);

-- Only the service role manages roles (it bypasses RLS; the grants say so explicitly). No insert, update or delete
-- policy exists for authenticated, so a user cannot promote themselves.
revoke all on table public.switchboard_roles from anon, authenticated;
grant select on table public.switchboard_roles to authenticated;
grant select, insert, update, delete on table public.switchboard_roles to service_role;

create or replace function public.switchboard_roles_touch() returns trigger
language plpgsql
set search_path = ''
as $$
begin
  new.updated_at := now();
  return new;
end;
$$;

drop trigger if exists switchboard_roles_touch on public.switchboard_roles;
create trigger switchboard_roles_touch
  before update on public.switchboard_roles
  for each row execute function public.switchboard_roles_touch();
