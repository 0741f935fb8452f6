// Supabase Auth, through the real server code, against Supabase's endpoints stood in on loopback
// (support/fake-supabase.ts): page gating with getClaims(), getUser() before every change, the role from app_metadata
// or the roles table (never user_metadata), refused tokens, the session refresh in proxy.ts, sign-in and sign-out,
// and the API's bearer path. Local accounts stay the default: without the variables nothing here is used.
import { NextRequest } from "next/server";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { accounts } from "@/db/schema";
import { eq } from "drizzle-orm";
import { defineAction } from "@/server/actions/define-action";
import { actorFromAuthorization } from "@/server/auth/bearer";
import { getSessionUser, requireSignedIn, sessionUserForPage, verifiedUserForMutation } from "@/server/auth/session";
import { clearAccountMirrorCache } from "@/server/auth/supabase/account";
import { clearRoleCache } from "@/server/auth/supabase/role";
import { signInWithSupabase, signOutOfSupabase } from "@/server/auth/supabase/session";
import { publicSupabaseConfig } from "@/server/auth/supabase/public-config";
import { parseEnv, supabaseConfigured } from "@/server/env";
import { AppError } from "@/server/errors";
import { call, expectError, expectOk } from "../api/support/orchestrate-client";
import { createServiceFixture, type ServiceFixture } from "../support/service-fixture";
import { setRequestCookies } from "../support/next-headers";
import { drivers } from "../support/test-db";
import { CookieJar, decodeSessionCookie, encodeSessionCookie } from "./support/cookie-jar";
import { makeSigningKey, signJwt, startFakeSupabase, type FakeSupabase, type FakeUser } from "./support/fake-supabase";

// Next's cookies() is the browser's jar of the current test (pages, actions and the sign-in action read it):
// setRequestCookies (tests/support/next-headers.ts).

const ANON_KEY = "anon-key-for-the-loopback-project";
const SERVICE_ROLE_KEY = "service-role-key-for-the-loopback-project";
/** @supabase/ssr names the cookie after the first label of the project host: 127.0.0.1 -> sb-127-auth-token. */
const COOKIE = "sb-127-auth-token";
const PASSWORD = "correct horse battery staple";

const envGlobal = globalThis as { __switchboardEnv?: unknown };

function configure(fake: FakeSupabase | null, opts: { serviceRole?: boolean } = {}): void {
  for (const k of ["NEXT_PUBLIC_SUPABASE_URL", "NEXT_PUBLIC_SUPABASE_ANON_KEY", "NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY", "SUPABASE_SERVICE_ROLE_KEY"]) {
    delete process.env[k];
  }
  if (fake) {
    process.env.NEXT_PUBLIC_SUPABASE_URL = fake.url;
    process.env.NEXT_PUBLIC_SUPABASE_ANON_KEY = ANON_KEY;
    if (opts.serviceRole !== false) process.env.SUPABASE_SERVICE_ROLE_KEY = SERVICE_ROLE_KEY;
  }
  envGlobal.__switchboardEnv = undefined; // env() is read once per process; re-read it for this configuration
  clearRoleCache();
  clearAccountMirrorCache();
}

/** Signs in through the server code and makes the resulting cookies this test's "browser". */
async function signInAs(user: FakeUser): Promise<CookieJar> {
  const jar = new CookieJar();
  await signInWithSupabase({ email: user.email, password: PASSWORD }, jar);
  expect(jar.session(COOKIE)?.access_token, "signing in writes the session cookie").toBeTruthy();
  setRequestCookies(jar);
  return jar;
}

function sessionJar(session: Record<string, unknown>): CookieJar {
  const jar = new CookieJar({ [COOKIE]: encodeSessionCookie(session) });
  setRequestCookies(jar);
  return jar;
}

/** Where a redirect() sends the visitor (it throws; its digest carries the destination), or null without a redirect. */
async function redirectOf(p: Promise<unknown>): Promise<string | null> {
  try {
    await p;
  } catch (err) {
    const digest = String((err as { digest?: string }).digest ?? "");
    if (digest.startsWith("NEXT_REDIRECT")) return digest.split(";")[2] ?? null;
    throw err;
  }
  return null;
}

function claimsOf(jwt: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(jwt.split(".")[1]!, "base64url").toString()) as Record<string, unknown>;
}

describe("Supabase configuration (server/env.ts)", () => {
  const base = { SWITCHBOARD_DATA_DIR: "/tmp/x" };

  it("is off by default: local accounts", () => {
    const e = parseEnv(base);
    expect(e.NEXT_PUBLIC_SUPABASE_URL).toBeUndefined();
    configure(null);
    expect(supabaseConfigured()).toBe(false);
    expect(publicSupabaseConfig()).toBeNull();
  });

  it("needs the URL and a key together, with a message naming the missing one", () => {
    expect(() => parseEnv({ ...base, NEXT_PUBLIC_SUPABASE_URL: "https://abc.supabase.co" })).toThrow(/NEXT_PUBLIC_SUPABASE_ANON_KEY: required/);
    expect(() => parseEnv({ ...base, NEXT_PUBLIC_SUPABASE_ANON_KEY: "k" })).toThrow(/NEXT_PUBLIC_SUPABASE_URL: required/);
    expect(() => parseEnv({ ...base, SUPABASE_SERVICE_ROLE_KEY: "s" })).toThrow(/SUPABASE_SERVICE_ROLE_KEY/);
    expect(() => parseEnv({ ...base, NEXT_PUBLIC_SUPABASE_URL: "abc.supabase.co", NEXT_PUBLIC_SUPABASE_ANON_KEY: "k" })).toThrow(
      /NEXT_PUBLIC_SUPABASE_URL: must be the project URL/,
    );
    expect(
      parseEnv({ ...base, NEXT_PUBLIC_SUPABASE_URL: "https://abc.supabase.co", NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY: "sb_publishable_x" })
        .NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY,
    ).toBe("sb_publishable_x");
    // Empty values count as unset (a blank line in an .env file turns nothing on).
    expect(parseEnv({ ...base, NEXT_PUBLIC_SUPABASE_URL: "", NEXT_PUBLIC_SUPABASE_ANON_KEY: " " }).NEXT_PUBLIC_SUPABASE_URL).toBeUndefined();
  });

  it("never hands the service role key to the browser", async () => {
    const fake = await startFakeSupabase({ anonKey: ANON_KEY, serviceRoleKey: SERVICE_ROLE_KEY });
    try {
      configure(fake);
      expect(publicSupabaseConfig()).toEqual({ url: fake.url, anonKey: ANON_KEY });
      expect(JSON.stringify(publicSupabaseConfig())).not.toContain(SERVICE_ROLE_KEY);
    } finally {
      configure(null);
      await fake.close();
    }
  });
});

describe("proxy.ts matcher", () => {
  it("runs on pages and actions, not on build assets, static files, the health check or the Bearer-key API", async () => {
    const { config } = await import("@/proxy");
    const { unstable_doesMiddlewareMatch } = await import("next/experimental/testing/server");
    const matches = (url: string) => unstable_doesMiddlewareMatch({ config, url });
    for (const url of ["/", "/chat", "/models", "/sign-in", "/api/realtime", "/history?page=2"]) expect(matches(url), url).toBe(true);
    for (const url of [
      "/api/health",
      "/api/orchestrate",
      "/functions/v1/orchestrate-bedrock-models",
      "/_next/static/chunks/app.js",
      "/_next/image?url=x",
      "/favicon.ico",
      "/logo.svg",
      "/fonts/geist.woff2",
    ]) {
      expect(matches(url), url).toBe(false);
    }
  });
});

describe.each(drivers)("Supabase Auth on %s", (kind) => {
  let f: ServiceFixture;
  let fake: FakeSupabase;
  let admin: FakeUser;
  let analyst: FakeUser;
  let endUser: FakeUser;
  let selfPromoted: FakeUser;
  let tableAnalyst: FakeUser;
  let oddRole: FakeUser;

  beforeAll(async () => {
    f = await createServiceFixture(kind);
    fake = await startFakeSupabase({ anonKey: ANON_KEY, serviceRoleKey: SERVICE_ROLE_KEY });
    admin = fake.addUser({ email: "ada@example.com", app_metadata: { role: "admin" }, user_metadata: { full_name: "Ada Admin" } });
    analyst = fake.addUser({ email: "ann@example.com", app_metadata: { role: "analyst" } });
    endUser = fake.addUser({ email: "eve@example.com" });
    // Anyone can write their own user_metadata (supabase.auth.updateUser({ data })): it must never grant a role.
    selfPromoted = fake.addUser({ email: "mallory@example.com", user_metadata: { role: "admin" } });
    tableAnalyst = fake.addUser({ email: "tom@example.com" });
    fake.setRoleRow(tableAnalyst.id, "analyst");
    oddRole = fake.addUser({ email: "odd@example.com", app_metadata: { role: "superuser" } });
  });

  afterAll(async () => {
    configure(null);
    setRequestCookies(null);
    await fake?.close();
    await f?.t.drop();
  });

  beforeEach(() => {
    configure(fake);
    fake.clearLog();
    setRequestCookies(null);
  });

  describe("page gating: getSessionUser() with getClaims()", () => {
    it("takes the role from app_metadata (admin, analyst) and verifies the JWT locally against the JWKS", async () => {
      await signInAs(admin);
      fake.clearLog();
      expect(await getSessionUser()).toEqual({ id: admin.id, email: "ada@example.com", name: "Ada Admin", role: "admin" });
      // Verified with the project's public key: no round trip to /user for a page.
      expect(fake.calls("GET", "/auth/v1/user")).toBe(0);
      expect(fake.calls("GET", "/rest/v1/switchboard_roles")).toBe(0);

      await signInAs(analyst);
      expect(await getSessionUser()).toMatchObject({ id: analyst.id, role: "analyst", name: "ann" });
    });

    it("ignores user_metadata.role: a user who wrote role=admin there is an end user", async () => {
      const jar = await signInAs(selfPromoted);
      expect(claimsOf(String(jar.session(COOKIE)!.access_token)).user_metadata).toEqual({ role: "admin" });
      expect((await getSessionUser())?.role).toBe("user");
      expect((await verifiedUserForMutation())?.role).toBe("user");
    });

    it("falls back to the roles table (read with the service role), then to user", async () => {
      await signInAs(tableAnalyst);
      clearRoleCache(); // signing in looked the role up already; make the page check look again
      fake.clearLog();
      expect((await getSessionUser())?.role).toBe("analyst");
      const lookup = fake.log.find((l) => l.path === "/rest/v1/switchboard_roles")!;
      expect(lookup.query.get("user_id")).toBe(`eq.${tableAnalyst.id}`);
      expect(lookup.authorization).toBe(`Bearer ${SERVICE_ROLE_KEY}`);

      await signInAs(endUser);
      expect((await getSessionUser())?.role).toBe("user");
      // An unknown value in app_metadata grants nothing either.
      await signInAs(oddRole);
      expect((await getSessionUser())?.role).toBe("user");
    });

    it("without a service role key, reads the roles table as the user (RLS: their own row)", async () => {
      configure(fake, { serviceRole: false });
      const jar = await signInAs(tableAnalyst);
      clearRoleCache();
      fake.clearLog();
      expect((await getSessionUser())?.role).toBe("analyst");
      const lookup = fake.log.find((l) => l.path === "/rest/v1/switchboard_roles")!;
      expect(lookup.authorization).toBe(`Bearer ${String(jar.session(COOKIE)!.access_token)}`);
      expect(lookup.apikey).toBe(ANON_KEY);
    });

    it("mirrors the user into accounts under the Supabase id, so their conversations have an owner", async () => {
      await signInAs(analyst);
      await getSessionUser();
      const [row] = await f.t.db.select().from(accounts).where(eq(accounts.id, analyst.id));
      expect(row).toMatchObject({ id: analyst.id, email: "ann@example.com", role: "analyst" });
      expect(row!.passwordHash).not.toMatch(/^scrypt\$/); // a mirror, never a local way in
    });

    it("has no user without cookies", async () => {
      setRequestCookies(new CookieJar());
      expect(await getSessionUser()).toBeNull();
      expect(fake.log).toHaveLength(0);
    });

    it("with the legacy JWT secret, an Auth outage shows 'unavailable' instead of sending the visitor to sign in", async () => {
      const now = Math.floor(Date.now() / 1000);
      // A token of a project still on the legacy shared secret (HS256, no kid): getClaims() cannot verify it locally,
      // so it asks the Auth server (getUser) on every page.
      const part = (v: unknown) => Buffer.from(JSON.stringify(v)).toString("base64url");
      const legacy = `${part({ alg: "HS256", typ: "JWT" })}.${part({ sub: admin.id, aud: "authenticated", role: "authenticated", exp: now + 3600, iat: now, email: admin.email, app_metadata: { role: "admin" }, user_metadata: {}, session_id: "legacy" })}.${part("signature")}`;
      sessionJar({ access_token: legacy, refresh_token: "r", token_type: "bearer", expires_in: 3600, expires_at: now + 3600, user: { id: admin.id } });
      // The Auth server answers and does not accept it: signed out, to the sign-in page.
      expect(await redirectOf(requireSignedIn())).toBe("/sign-in");
      expect(fake.log.map((l) => l.path)).toContain("/auth/v1/user");
      // The Auth server cannot be reached: not a signed-out visitor, an outage.
      process.env.NEXT_PUBLIC_SUPABASE_URL = "http://127.0.0.1:9"; // nothing listens on the discard port
      envGlobal.__switchboardEnv = undefined;
      await expect(getSessionUser()).rejects.toMatchObject({ code: "unavailable" });
      expect(await redirectOf(requireSignedIn())).toBe("/unavailable");
      expect(await redirectOf(sessionUserForPage())).toBe("/unavailable");
    });
  });

  describe("refused tokens", () => {
    it("refuses an expired access token whose refresh token is no good", async () => {
      const { accessToken } = fake.expiredAccessToken(admin);
      sessionJar({
        access_token: accessToken,
        refresh_token: "not-a-refresh-token",
        token_type: "bearer",
        expires_in: 3600,
        expires_at: Math.floor(Date.now() / 1000) - 120,
        user: { id: admin.id },
      });
      expect(await getSessionUser()).toBeNull();
      expect(fake.calls("POST", "/auth/v1/token")).toBe(1);
    });

    it("refreshes an expired access token with a valid refresh token, and writes the new cookies", async () => {
      const { accessToken, refreshToken } = fake.expiredAccessToken(admin);
      const jar = sessionJar({
        access_token: accessToken,
        refresh_token: refreshToken,
        token_type: "bearer",
        expires_in: 3600,
        expires_at: Math.floor(Date.now() / 1000) - 120,
        user: { id: admin.id },
      });
      expect((await getSessionUser())?.role).toBe("admin");
      expect(jar.session(COOKIE)!.access_token).not.toBe(accessToken);
    });

    it("refuses a forged token: another key under the project's kid, an unknown kid, a tampered payload", async () => {
      const session = fake.issueSession(endUser);
      const claims = claimsOf(session.access_token);
      const attacker = makeSigningKey(fake.key.kid);
      const forgedSameKid = signJwt({ ...claims, app_metadata: { role: "admin" } }, attacker);
      const forgedOtherKid = signJwt({ ...claims, app_metadata: { role: "admin" } }, makeSigningKey());
      const [h, , s] = session.access_token.split(".");
      const tampered = `${h}.${Buffer.from(JSON.stringify({ ...claims, app_metadata: { role: "admin" } })).toString("base64url")}.${s}`;
      for (const token of [forgedSameKid, forgedOtherKid, tampered]) {
        sessionJar({ ...session, access_token: token });
        expect(await getSessionUser(), "page gating").toBeNull();
        expect(await verifiedUserForMutation(), "mutation").toBeNull();
        await expect(actorFromAuthorization(`Bearer ${token}`), "bearer").rejects.toMatchObject({ code: "unauthorized" });
      }
    });

    it("refuses an expired token on the bearer path", async () => {
      const { accessToken } = fake.expiredAccessToken(admin);
      await expect(actorFromAuthorization(`Bearer ${accessToken}`)).rejects.toMatchObject({ code: "unauthorized" });
    });
  });

  describe("mutations: getUser() before every change", () => {
    const ran: string[] = [];
    const clearCacheAction = defineAction({
      schema: z.object({ reason: z.string().min(1) }),
      permission: "cache:clear",
      run: async ({ user }) => {
        ran.push(user.id);
        return { by: user.role };
      },
    });

    beforeEach(() => void ran.splice(0));

    it("asks the Auth server once, then runs the action as the verified user", async () => {
      await signInAs(admin);
      fake.clearLog();
      expect(await clearCacheAction({ reason: "test" })).toEqual({ ok: true, data: { by: "admin" } });
      expect(fake.calls("GET", "/auth/v1/user")).toBe(1);
      expect(ran).toEqual([admin.id]);
    });

    it("refuses a revoked session even though its JWT still verifies", async () => {
      await signInAs(admin);
      fake.revokeSessions(admin.id);
      // The page check still passes on the signature alone (until the token expires) ...
      expect((await getSessionUser())?.role).toBe("admin");
      // ... but nothing changes: the action asks the Auth server first.
      const result = await clearCacheAction({ reason: "test" });
      expect(result).toMatchObject({ ok: false, code: "unauthorized" });
      expect(ran).toEqual([]);
      expect(await verifiedUserForMutation()).toBeNull();
    });

    it("applies a role taken away in app_metadata at once", async () => {
      const demoted = fake.addUser({ email: "dora@example.com", app_metadata: { role: "admin" } });
      await signInAs(demoted);
      demoted.app_metadata = { role: "user" };
      expect((await getSessionUser())?.role).toBe("admin"); // the old JWT's claims, until it is refreshed
      expect(await clearCacheAction({ reason: "test" })).toMatchObject({ ok: false, code: "forbidden" });
      expect(ran).toEqual([]);
    });

    it("reads the roles table afresh for a change (no cached answer)", async () => {
      const promoted = fake.addUser({ email: "pat@example.com" });
      await signInAs(promoted);
      expect((await getSessionUser())?.role).toBe("user");
      fake.setRoleRow(promoted.id, "admin");
      expect(await clearCacheAction({ reason: "test" })).toEqual({ ok: true, data: { by: "admin" } });
    });

    it("reports an unreachable Auth server as unavailable, not as a signed-out user", async () => {
      await signInAs(admin);
      process.env.NEXT_PUBLIC_SUPABASE_URL = "http://127.0.0.1:9"; // nothing listens on the discard port
      envGlobal.__switchboardEnv = undefined;
      expect(await clearCacheAction({ reason: "test" })).toMatchObject({ ok: false, code: "unavailable" });
      expect(ran).toEqual([]);
    });
  });

  describe("the API's bearer path (POST /api/orchestrate)", () => {
    it("accepts a Supabase access token with that user's role", async () => {
      const adminToken = fake.issueSession(admin).access_token;
      const analystToken = fake.issueSession(analyst).access_token;
      const userToken = fake.issueSession(selfPromoted).access_token;
      expect(await actorFromAuthorization(`Bearer ${adminToken}`)).toMatchObject({ kind: "user", user: { id: admin.id, role: "admin" } });
      expectOk(await call({ action: "clear-cache" }, { token: adminToken }));
      expectOk(await call({ action: "list-all" }, { token: analystToken }));
      expectError(await call({ action: "clear-cache" }, { token: analystToken }), 403, "forbidden");
      expectError(await call({ action: "clear-cache" }, { token: userToken }), 403, "forbidden");
    });

    it("refuses a revoked user's token that still verifies", async () => {
      const revoked = fake.addUser({ email: "rex@example.com", app_metadata: { role: "admin" } });
      const token = fake.issueSession(revoked).access_token;
      fake.revokeSessions(revoked.id);
      expectError(await call({ action: "clear-cache" }, { token }), 401, "unauthorized");
    });

    it("still takes the service key and local session values", async () => {
      expect(await actorFromAuthorization("Bearer test-service-key-0123456789abcdef")).toEqual({ kind: "service" });
      await expect(actorFromAuthorization("Bearer abc.def")).rejects.toBeInstanceOf(AppError);
    });
  });

  describe("proxy.ts: session refresh", () => {
    const request = (cookie?: string) => new NextRequest("http://localhost:3000/chat", { headers: cookie ? { cookie: `${COOKIE}=${cookie}` } : {} });

    it("refreshes an expired access token and sets the refreshed cookies on the response and the request", async () => {
      const { proxy } = await import("@/proxy");
      const { accessToken, refreshToken } = fake.expiredAccessToken(analyst);
      const cookie = encodeSessionCookie({
        access_token: accessToken,
        refresh_token: refreshToken,
        token_type: "bearer",
        expires_in: 3600,
        expires_at: Math.floor(Date.now() / 1000) - 120,
        user: { id: analyst.id },
      });
      const response = await proxy(request(cookie));

      expect(fake.calls("POST", "/auth/v1/token")).toBe(1);
      const setCookie = response.headers.getSetCookie().join("\n");
      expect(setCookie).toContain(`${COOKIE}`);
      const refreshed = decodeSessionCookie(COOKIE, response.cookies.getAll());
      expect(refreshed).not.toBeNull();
      expect(refreshed!.access_token).not.toBe(accessToken);
      expect(refreshed!.refresh_token).not.toBe(refreshToken);
      expect(claimsOf(String(refreshed!.access_token))).toMatchObject({ sub: analyst.id });
      expect(Number(claimsOf(String(refreshed!.access_token)).exp) * 1000).toBeGreaterThan(Date.now());
      // No CDN may keep a response that carries one user's fresh session.
      expect(response.headers.get("cache-control")).toMatch(/no-store/);
      // The render of this same request sees the refreshed session too.
      expect(response.headers.get("x-middleware-request-cookie") ?? "").toContain(COOKIE);
      expect(response.headers.get("x-middleware-next")).toBe("1");
    });

    it("leaves a fresh session alone and does not call Auth", async () => {
      const { proxy } = await import("@/proxy");
      const session = fake.issueSession(analyst);
      fake.clearLog();
      const response = await proxy(request(encodeSessionCookie(session)));
      expect(response.headers.getSetCookie()).toEqual([]);
      expect(fake.calls("POST", "/auth/v1/token")).toBe(0);
      expect(response.headers.get("x-middleware-next")).toBe("1");
    });

    it("clears the cookies of a session that cannot be refreshed", async () => {
      const { proxy } = await import("@/proxy");
      const { accessToken } = fake.expiredAccessToken(analyst);
      const cookie = encodeSessionCookie({
        access_token: accessToken,
        refresh_token: "revoked",
        token_type: "bearer",
        expires_in: 3600,
        expires_at: Math.floor(Date.now() / 1000) - 120,
        user: { id: analyst.id },
      });
      const response = await proxy(request(cookie));
      expect(response.headers.get("x-middleware-next")).toBe("1");
      const cleared = response.cookies.getAll().filter((c) => c.name.startsWith(COOKIE));
      expect(cleared.length).toBeGreaterThan(0);
      expect(cleared.every((c) => c.value === "" && c.maxAge === 0)).toBe(true);
    });

    it("passes everything through untouched with local accounts (the default)", async () => {
      configure(null);
      const { proxy } = await import("@/proxy");
      const { accessToken, refreshToken } = fake.expiredAccessToken(analyst);
      const response = await proxy(request(encodeSessionCookie({ access_token: accessToken, refresh_token: refreshToken, expires_at: 1 })));
      expect(response.headers.get("x-middleware-next")).toBe("1");
      expect(response.headers.getSetCookie()).toEqual([]);
      expect(fake.log).toHaveLength(0);
    });
  });

  describe("sign-in and sign-out (app/(auth)/actions.ts)", () => {
    const form = (email: string, password: string) => {
      const data = new FormData();
      data.set("email", email);
      data.set("password", password);
      return data;
    };
    /** redirect() throws; its digest carries the destination. */
    const destination = async (p: Promise<unknown>) => {
      try {
        await p;
      } catch (err) {
        const digest = String((err as { digest?: string }).digest ?? "");
        if (digest.startsWith("NEXT_REDIRECT")) return digest.split(";")[2];
        throw err;
      }
      return null;
    };

    it("signs in with signInWithPassword, writes the session cookies, and sends staff to / and end users to /chat", async () => {
      const { signInAction } = await import("@/actions/auth");
      const jar = new CookieJar();
      setRequestCookies(jar);
      expect(await destination(signInAction({}, form("ADA@example.com", PASSWORD)))).toBe("/");
      expect(fake.log.filter((l) => l.path === "/auth/v1/token").map((l) => l.query.get("grant_type"))).toEqual(["password"]);
      expect(jar.session(COOKIE)?.access_token).toBeTruthy();
      expect(await getSessionUser()).toMatchObject({ id: admin.id, role: "admin" });

      setRequestCookies(new CookieJar());
      expect(await destination(signInAction({}, form("eve@example.com", PASSWORD)))).toBe("/chat");
    });

    it("answers a wrong password with the same message as local accounts and sets no cookie", async () => {
      const { signInAction } = await import("@/actions/auth");
      const jar = new CookieJar();
      setRequestCookies(jar);
      const state = await signInAction({}, form("ada@example.com", "wrong"));
      expect(state).toEqual({ error: "That email and password do not match an account.", email: "ada@example.com" });
      expect(jar.getAll()).toEqual([]);
      // Field errors are checked before anything reaches Supabase.
      fake.clearLog();
      expect((await signInAction({}, form("not-an-email", ""))).fieldErrors).toMatchObject({ email: expect.any(String), password: expect.any(String) });
      expect(fake.log).toHaveLength(0);
    });

    it("signs out: revokes this session with the Auth server and clears the cookies", async () => {
      const { signOutAction } = await import("@/actions/auth");
      const jar = await signInAs(endUser);
      const other = new CookieJar();
      await signInWithSupabase({ email: endUser.email, password: PASSWORD }, other); // another browser
      const live = () => fake.sessionsOf(endUser.id).filter((s) => !s.revoked).length;
      const liveBefore = live();
      expect(await destination(signOutAction())).toBe("/sign-in");
      expect(fake.log.find((l) => l.path === "/auth/v1/logout")?.query.get("scope")).toBe("local");
      expect(jar.session(COOKIE)).toBeNull();
      expect(await getSessionUser()).toBeNull();
      // Only this browser's session ended.
      expect(live()).toBe(liveBefore - 1);
      setRequestCookies(other);
      expect(await verifiedUserForMutation()).toMatchObject({ id: endUser.id });
      await signOutOfSupabase(other);
    });
  });
});
