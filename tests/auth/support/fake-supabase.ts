// A small stand-in for Supabase on 127.0.0.1: the Auth (GoTrue) endpoints that @supabase/auth-js 2.119 calls, and
// the one PostgREST read the role lookup makes. Paths and shapes follow node_modules/@supabase/auth-js/dist:
//   POST /auth/v1/token?grant_type=password        body { email, password, gotrue_meta_security }  -> session
//   POST /auth/v1/token?grant_type=refresh_token   body { refresh_token }                          -> session
//   GET  /auth/v1/user                             Authorization: Bearer <access token>            -> user
//   GET  /auth/v1/.well-known/jwks.json                                                            -> { keys }
//   POST /auth/v1/logout?scope=global|local|others Authorization: Bearer <access token>            -> 204
//   GET  /rest/v1/switchboard_roles?select=role&user_id=eq.<id>&limit=1                           -> [{ role }]
// Access tokens are ES256 JWTs signed with a key generated here, so getClaims() verifies them against the JWKS.
import { createPublicKey, generateKeyPairSync, randomBytes, randomUUID, sign, verify, type KeyObject } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";

export type FakeUser = {
  id: string;
  email: string;
  password: string;
  app_metadata: Record<string, unknown>;
  user_metadata: Record<string, unknown>;
  /** A banned or deleted user: /user answers 403 even for a JWT that still verifies. */
  disabled?: boolean;
};

type Session = { id: string; userId: string; refreshToken: string; revoked: boolean };

export type RequestLog = { method: string; path: string; query: URLSearchParams; authorization?: string; apikey?: string };

const b64url = (v: Buffer | string) => Buffer.from(v).toString("base64url");

export type SigningKey = { kid: string; privateKey: KeyObject; publicJwk: Record<string, unknown> };

export function makeSigningKey(kid = `kid-${randomBytes(4).toString("hex")}`): SigningKey {
  const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
  const jwk = publicKey.export({ format: "jwk" });
  return { kid, privateKey, publicJwk: { ...jwk, kid, alg: "ES256", use: "sig", key_ops: ["verify"] } };
}

/** An ES256 JWT as Supabase Auth issues it (raw r||s signature, as JWS requires). */
export function signJwt(payload: Record<string, unknown>, key: SigningKey): string {
  const header = b64url(JSON.stringify({ alg: "ES256", kid: key.kid, typ: "JWT" }));
  const body = b64url(JSON.stringify(payload));
  const signature = sign("sha256", Buffer.from(`${header}.${body}`), { key: key.privateKey, dsaEncoding: "ieee-p1363" });
  return `${header}.${body}.${b64url(signature)}`;
}

export type FakeSupabase = Awaited<ReturnType<typeof startFakeSupabase>>;

export async function startFakeSupabase(opts: { anonKey: string; serviceRoleKey: string }) {
  const key = makeSigningKey();
  const users = new Map<string, FakeUser>();
  const sessions = new Map<string, Session>();
  const roles = new Map<string, string>();
  const log: RequestLog[] = [];
  let url = "";
  const accessTtl = 3600;

  const publicUser = (u: FakeUser) => ({
    id: u.id,
    aud: "authenticated",
    role: "authenticated",
    email: u.email,
    email_confirmed_at: "2026-01-01T00:00:00Z",
    phone: "",
    app_metadata: { provider: "email", providers: ["email"], ...u.app_metadata },
    user_metadata: u.user_metadata,
    identities: [],
    created_at: "2026-01-01T00:00:00Z",
    updated_at: "2026-01-01T00:00:00Z",
    is_anonymous: false,
  });

  function accessToken(u: FakeUser, sessionId: string, ttl = accessTtl): { token: string; exp: number } {
    const now = Math.floor(Date.now() / 1000);
    const exp = now + ttl;
    const pu = publicUser(u);
    const token = signJwt(
      {
        iss: `${url}/auth/v1`,
        sub: u.id,
        aud: "authenticated",
        exp,
        iat: now,
        email: u.email,
        phone: "",
        app_metadata: pu.app_metadata,
        user_metadata: pu.user_metadata,
        role: "authenticated",
        aal: "aal1",
        amr: [{ method: "password", timestamp: now }],
        session_id: sessionId,
        is_anonymous: false,
      },
      key,
    );
    return { token, exp };
  }

  function issueSession(u: FakeUser, session?: Session) {
    const s = session ?? { id: randomUUID(), userId: u.id, refreshToken: "", revoked: false };
    s.refreshToken = randomBytes(12).toString("base64url");
    sessions.set(s.id, s);
    const { token, exp } = accessToken(u, s.id);
    return {
      access_token: token,
      token_type: "bearer",
      expires_in: accessTtl,
      expires_at: exp,
      refresh_token: s.refreshToken,
      user: publicUser(u),
    };
  }

  /** The session and user behind a bearer JWT, checked as GoTrue does: signature, expiry, live session, live user. */
  function authenticate(authorization: string | undefined): { user: FakeUser; session: Session } | { status: number; code: string; msg: string } {
    const token = authorization?.replace(/^Bearer\s+/i, "") ?? "";
    const parts = token.split(".");
    if (parts.length !== 3) return { status: 401, code: "no_authorization", msg: "This endpoint requires a valid Bearer token" };
    if (!verifyJwt(token)) return { status: 403, code: "bad_jwt", msg: "invalid JWT: unable to parse or verify signature" };
    const claims = JSON.parse(Buffer.from(parts[1]!, "base64url").toString()) as { sub: string; exp: number; session_id: string };
    if (claims.exp * 1000 < Date.now()) return { status: 403, code: "bad_jwt", msg: "invalid JWT: token is expired" };
    const session = sessions.get(claims.session_id);
    if (!session || session.revoked) return { status: 403, code: "session_not_found", msg: "Session from session_id claim in JWT does not exist" };
    const user = [...users.values()].find((u) => u.id === claims.sub);
    if (!user || user.disabled) return { status: 403, code: "user_not_found", msg: "User from sub claim in JWT does not exist" };
    return { user, session };
  }

  const publicKey = createPublicKey(key.privateKey);
  function verifyJwt(token: string): boolean {
    const [h, p, s] = token.split(".");
    try {
      const header = JSON.parse(Buffer.from(h!, "base64url").toString()) as { kid?: string };
      if (header.kid !== key.kid) return false;
      return verify("sha256", Buffer.from(`${h}.${p}`), { key: publicKey, dsaEncoding: "ieee-p1363" }, Buffer.from(s!, "base64url"));
    } catch {
      return false;
    }
  }

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const u = new URL(req.url ?? "/", "http://127.0.0.1");
      const authorization = req.headers.authorization;
      const apikey = typeof req.headers.apikey === "string" ? req.headers.apikey : undefined;
      log.push({ method: req.method ?? "GET", path: u.pathname, query: u.searchParams, authorization, apikey });
      const send = (status: number, body?: unknown) => {
        res.writeHead(status, { "content-type": "application/json", "x-supabase-api-version": "2024-01-01" });
        res.end(body === undefined ? undefined : JSON.stringify(body));
      };
      const fail = (status: number, code: string, msg: string) => send(status, { code, error_code: code, msg, message: msg });
      let body: Record<string, unknown> = {};
      try {
        body = chunks.length ? (JSON.parse(Buffer.concat(chunks).toString()) as Record<string, unknown>) : {};
      } catch {
        return fail(400, "bad_json", "Could not parse request body as JSON");
      }
      // Every Auth and REST request carries the project's key.
      if (apikey !== opts.anonKey && apikey !== opts.serviceRoleKey) return fail(401, "no_api_key", "Invalid API key");

      if (req.method === "GET" && u.pathname === "/auth/v1/.well-known/jwks.json") return send(200, { keys: [key.publicJwk] });

      if (req.method === "POST" && u.pathname === "/auth/v1/token") {
        const grant = u.searchParams.get("grant_type");
        if (grant === "password") {
          const user = users.get(String(body.email ?? "").toLowerCase());
          if (!user || user.password !== body.password || user.disabled) return fail(400, "invalid_credentials", "Invalid login credentials");
          return send(200, issueSession(user));
        }
        if (grant === "refresh_token") {
          const session = [...sessions.values()].find((s) => s.refreshToken === body.refresh_token && !s.revoked);
          const user = session && [...users.values()].find((x) => x.id === session.userId);
          if (!session || !user || user.disabled) return fail(400, "refresh_token_not_found", "Invalid Refresh Token: Refresh Token Not Found");
          return send(200, issueSession(user, session));
        }
        return fail(400, "unsupported_grant_type", "unsupported grant type");
      }

      if (req.method === "GET" && u.pathname === "/auth/v1/user") {
        const who = authenticate(authorization);
        if ("status" in who) return fail(who.status, who.code, who.msg);
        return send(200, publicUser(who.user));
      }

      if (req.method === "POST" && u.pathname === "/auth/v1/logout") {
        const who = authenticate(authorization);
        if ("status" in who) return fail(who.status, who.code, who.msg);
        const scope = u.searchParams.get("scope") ?? "global";
        for (const s of sessions.values()) {
          if (s.userId !== who.user.id) continue;
          if (scope === "global" || (scope === "local" && s.id === who.session.id) || (scope === "others" && s.id !== who.session.id)) s.revoked = true;
        }
        res.writeHead(204).end();
        return;
      }

      if (req.method === "GET" && u.pathname === "/rest/v1/switchboard_roles") {
        const userId = (u.searchParams.get("user_id") ?? "").replace(/^eq\./, "");
        const bearer = authorization?.replace(/^Bearer\s+/i, "");
        // PostgREST with the service role reads every row; with a user's JWT, RLS lets them read their own only.
        if (bearer !== opts.serviceRoleKey) {
          const who = authenticate(authorization);
          if ("status" in who) return fail(401, "PGRST301", "JWT invalid");
          if (who.user.id !== userId) return send(200, []);
        }
        const role = roles.get(userId);
        return send(200, role ? [{ role }] : []);
      }

      return fail(404, "not_found", `no fake for ${req.method} ${u.pathname}`);
    });
  });

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    key,
    log,
    /** Requests to one path since the log was last cleared. */
    calls: (method: string, path: string) => log.filter((l) => l.method === method && l.path === path).length,
    clearLog: () => void log.splice(0),
    addUser(u: Partial<FakeUser> & { email: string }): FakeUser {
      const user: FakeUser = { id: randomUUID(), password: "correct horse battery staple", app_metadata: {}, user_metadata: {}, ...u };
      users.set(user.email.toLowerCase(), user);
      return user;
    },
    setRoleRow: (userId: string, role: string) => void roles.set(userId, role),
    /** Signs the user out everywhere on the Auth server (their JWTs still verify until they expire). */
    revokeSessions(userId: string) {
      for (const s of sessions.values()) if (s.userId === userId) s.revoked = true;
    },
    /** A session as the token endpoint returns it, without going through HTTP. */
    issueSession: (u: FakeUser) => issueSession(u),
    /** An access token for a live session that has already expired. */
    expiredAccessToken(u: FakeUser) {
      const s = { id: randomUUID(), userId: u.id, refreshToken: randomBytes(12).toString("base64url"), revoked: false };
      sessions.set(s.id, s);
      return { accessToken: accessToken(u, s.id, -120).token, refreshToken: s.refreshToken };
    },
    sessionsOf: (userId: string) => [...sessions.values()].filter((s) => s.userId === userId),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections(); // fetch keeps connections alive; do not wait for them to time out
      }),
  };
}
