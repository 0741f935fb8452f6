// The browser's realtime transport is chosen from the database the switch log lives in, not from URLs: Supabase
// Realtime only with Supabase configured AND the `realtime` schema, realtime.send() and the broadcast trigger of
// db/supabase/realtime.sql present in that database; otherwise Server-Sent Events. The choice is what the mode badge,
// /api/health and the pages' RealtimeProvider get. Real databases: PGlite, and Postgres (with the Supabase stand-ins
// of support/supabase-stand-in.ts in a throwaway database) when DATABASE_URL is set.
import postgres from "postgres";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { GET as healthRoute } from "@/app/api/health/route";
import { modeLabel } from "@/components/shell/mode-badge";
import { realtimeSettings } from "@/server/realtime/page-settings";
import { chooseRealtimeTransportFor, forgetRealtimeTransport, realtimeTransport } from "@/server/realtime/transport-choice";
import { getRuntimeMode } from "@/server/runtime-info";
import { createServiceFixture, type ServiceFixture } from "../support/service-fixture";
import { drivers } from "../support/test-db";
import { realtimeSqlFor, standInRoles, STUBS } from "./support/supabase-stand-in";

const SUPABASE_ENV = {
  NEXT_PUBLIC_SUPABASE_URL: "https://project.supabase.example",
  NEXT_PUBLIC_SUPABASE_ANON_KEY: "anon-key-for-the-transport-test",
};
const envGlobal = globalThis as { __switchboardEnv?: unknown };

function configureSupabase(on: boolean): void {
  for (const [k, v] of Object.entries(SUPABASE_ENV)) {
    if (on) process.env[k] = v;
    else delete process.env[k];
  }
  envGlobal.__switchboardEnv = undefined;
  forgetRealtimeTransport();
}

afterEach(() => configureSupabase(false));

describe.each(drivers)("the realtime transport on %s", (kind) => {
  let f: ServiceFixture;
  beforeAll(async () => {
    f = await createServiceFixture(kind);
  });
  afterAll(async () => {
    await f?.t.drop();
  });

  it("is SSE without Supabase, and SSE with Supabase Auth when the switch log's database is not Supabase's", async () => {
    expect(await chooseRealtimeTransportFor(f.t, false)).toMatchObject({ kind: "sse", reason: expect.stringMatching(/not configured/) });
    expect(await chooseRealtimeTransportFor(f.t, true)).toMatchObject({ kind: "sse", reason: expect.stringMatching(/no `realtime` schema/) });
  });

  it("is what the pages, the mode badge and /api/health get", async () => {
    configureSupabase(true);
    expect((await realtimeTransport()).kind).toBe("sse");
    const settings = await realtimeSettings();
    // No Supabase settings go to the browser when it is not to use Supabase Realtime.
    expect(settings).toMatchObject({ transport: "sse", supabase: null });
    expect(modeLabel(await getRuntimeMode())).toMatch(/ · SSE$/);
    const health = (await (await healthRoute()).json()) as { realtime?: { transport?: string } };
    expect(health.realtime).toEqual({ transport: "sse" });
  });
});

describe.runIf(!!process.env.DATABASE_URL)("the realtime transport on a Supabase Postgres (stand-in)", () => {
  let f: ServiceFixture;
  let sql: postgres.Sql;
  const roles = standInRoles();
  const { role, anon } = roles;

  beforeAll(async () => {
    f = await createServiceFixture("postgres");
    sql = postgres(f.t.url!, { max: 1, onnotice: () => {} });
  });
  afterAll(async () => {
    await sql?.end();
    await f?.t.drop();
    await roles.drop();
  });

  it("is Supabase Realtime only once realtime.sql's trigger is on the switch log, and SSE again when it is disabled", async () => {
    await sql.unsafe(STUBS(role, anon)); // the realtime schema and realtime.send, as on any Supabase project
    expect(await chooseRealtimeTransportFor(f.t, true)).toMatchObject({ kind: "sse", reason: expect.stringMatching(/apply db\/supabase\/realtime\.sql/) });

    await sql.unsafe(realtimeSqlFor(role, anon));
    expect(await chooseRealtimeTransportFor(f.t, true)).toMatchObject({ kind: "supabase" });
    // Supabase Auth not configured: browsers have nothing to connect with.
    expect((await chooseRealtimeTransportFor(f.t, false)).kind).toBe("sse");

    configureSupabase(true);
    expect(await realtimeSettings()).toMatchObject({
      transport: "supabase",
      supabase: { url: SUPABASE_ENV.NEXT_PUBLIC_SUPABASE_URL, anonKey: SUPABASE_ENV.NEXT_PUBLIC_SUPABASE_ANON_KEY },
    });
    expect(modeLabel(await getRuntimeMode())).toMatch(/ · Supabase Realtime$/);
    expect(((await (await healthRoute()).json()) as { realtime: unknown }).realtime).toEqual({ transport: "supabase" });

    await sql.unsafe(`alter table bedrock_model_switches disable trigger switchboard_broadcast_switch`);
    expect((await chooseRealtimeTransportFor(f.t, true)).kind).toBe("sse");
    await sql.unsafe(`alter table bedrock_model_switches enable trigger switchboard_broadcast_switch`);

    // realtime.send gone (Realtime not set up): SSE.
    await sql.unsafe(`alter function realtime.send(jsonb, text, text, boolean) rename to send_gone`);
    expect(await chooseRealtimeTransportFor(f.t, true)).toMatchObject({ kind: "sse", reason: expect.stringMatching(/realtime\.send\(\) is missing/) });
    await sql.unsafe(`alter function realtime.send_gone(jsonb, text, text, boolean) rename to send`);
  });
});
