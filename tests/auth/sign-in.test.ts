// Local sign-in against a real database on both drivers: failures are counted atomically before the password is
// checked, a doubling delay per account, a refusal per (account, address), and the owner is never locked out by
// failures from somewhere else. The clock and the wait are injected: nothing here sleeps.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { accounts, signInFailures } from "@/db/schema";
import { hashPassword } from "@/server/auth/password";
import { signIn } from "@/server/auth/sign-in";
import { ADDRESS_LIMIT, WINDOW_MS } from "@/server/auth/sign-in-throttle";
import { setDatabase } from "@/server/db";
import { AppError } from "@/server/errors";
import { createTestDatabase, drivers, type TestDatabase } from "../support/test-db";

const EMAIL = "owner@test.local";
const PASSWORD = "correct horse battery";
const T0 = new Date("2026-12-03T10:00:00.000Z");

describe.each(drivers)("sign-in on %s", (kind) => {
  let t: TestDatabase;
  let now = T0;
  let waits: number[] = [];
  const attempt = (password: string, address: string, email = EMAIL) =>
    signIn({ email, password }, { clientAddress: address, now: () => now, wait: async (ms) => void waits.push(ms) });
  const failure = async (p: Promise<unknown>) => {
    const err = await p.then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(AppError);
    return err as AppError;
  };

  beforeAll(async () => {
    t = await createTestDatabase(kind, { max: 20 });
    setDatabase(t);
    await t.db.insert(accounts).values({ email: EMAIL, name: "Owner", role: "admin", passwordHash: await hashPassword(PASSWORD) });
  });
  afterAll(async () => t?.drop());
  beforeEach(async () => {
    await t.db.delete(signInFailures);
    now = T0;
    waits = [];
  });

  it("records a wrong password (the failure insert works on this driver) and answers the one clear message", async () => {
    const err = await failure(attempt("wrong", "10.0.0.1"));
    expect(err.code).toBe("unauthorized");
    expect(err.message).toBe("That email and password do not match an account.");
    const rows = await t.rows<{ key: string; failures: number }>("select key, failures from sign_in_failures order by key");
    expect(rows).toEqual([
      { key: `email-address:${EMAIL} 10.0.0.1`, failures: 1 },
      { key: `email:${EMAIL}`, failures: 1 },
    ]);
    // A second failure counts on (the conflict branch of the upsert, with its timestamps, runs too).
    await failure(attempt("wrong", "10.0.0.1"));
    expect((await t.rows<{ failures: number }>("select failures from sign_in_failures where key = $1", [`email:${EMAIL}`]))[0]!.failures).toBe(2);
  });

  it("slows each attempt on the account after three failures, doubling, and says why", async () => {
    for (let i = 0; i < 6; i++) await failure(attempt("wrong", `10.0.1.${i}`));
    expect(waits).toEqual([500, 1000, 2000]);
    const err = await failure(attempt("wrong", "10.0.1.99"));
    expect(err.message).toMatch(/each sign-in waits a little longer \(this one 4 s\)/);
    // The right password still gets in, after the wait, and clears the count.
    const ok = await attempt(PASSWORD, "10.0.1.100");
    expect(ok.user.email).toBe(EMAIL);
    expect(waits.at(-1)).toBe(8000);
    waits = [];
    await failure(attempt("wrong", "10.0.1.100"));
    expect(waits).toEqual([]);
  });

  it("refuses an address past the limit with how long to wait, and only that address: the owner gets in from another", async () => {
    for (let i = 0; i < ADDRESS_LIMIT; i++) expect((await failure(attempt("wrong", "203.0.113.9"))).code).toBe("unauthorized");
    now = new Date(T0.getTime() + 3 * 60_000);
    const refused = await failure(attempt(PASSWORD, "203.0.113.9"));
    expect(refused.code).toBe("rate_limited");
    expect(refused.message).toBe("Too many attempts from this address; try again in 12 minutes.");
    // Trying again while refused does not push the end of the refusal back.
    now = new Date(T0.getTime() + 10 * 60_000);
    expect((await failure(attempt("wrong", "203.0.113.9"))).message).toBe("Too many attempts from this address; try again in 5 minutes.");
    // The owner, elsewhere, signs in (slowed down, never refused).
    const ok = await attempt(PASSWORD, "198.51.100.7");
    expect(ok.user.email).toBe(EMAIL);
    // The window over, the address may try again.
    now = new Date(T0.getTime() + WINDOW_MS + 1000);
    expect((await failure(attempt("wrong", "203.0.113.9"))).code).toBe("unauthorized");
  });

  it("counts 40 parallel wrong attempts one by one: only the first ten are checked, the rest refused", async () => {
    const results = await Promise.all(Array.from({ length: 40 }, () => failure(attempt("wrong", "192.0.2.40"))));
    const codes = results.map((e) => e.code);
    expect(codes.filter((c) => c === "unauthorized")).toHaveLength(ADDRESS_LIMIT);
    expect(codes.filter((c) => c === "rate_limited")).toHaveLength(40 - ADDRESS_LIMIT);
    const [account] = await t.rows<{ failures: number }>("select failures from sign_in_failures where key = $1", [`email:${EMAIL}`]);
    expect(account!.failures).toBe(40);
  });

  it("deletes counts past the window as attempts come in, so attempts sprayed over many accounts do not pile up", async () => {
    const keys = async () => (await t.rows<{ key: string }>("select key from sign_in_failures")).map((r) => r.key).sort();
    for (let i = 0; i < 5; i++) await failure(attempt("wrong", `10.0.3.${i}`, `spray${i}@test.local`));
    expect(await keys()).toHaveLength(10);
    // Within the window nothing goes; past it, the next attempt (on any key) clears the expired ones.
    now = new Date(T0.getTime() + WINDOW_MS - 60_000);
    await failure(attempt("wrong", "10.0.3.50", "other@test.local"));
    expect(await keys()).toHaveLength(12);
    now = new Date(T0.getTime() + WINDOW_MS + 2 * 60_000);
    await failure(attempt("wrong", "10.0.3.99"));
    expect(await keys()).toEqual(
      [`email-address:${EMAIL} 10.0.3.99`, "email-address:other@test.local 10.0.3.50", `email:${EMAIL}`, "email:other@test.local"].sort(),
    );
  });

  it("treats an unknown email like a wrong password, counted the same way", async () => {
    const err = await failure(attempt("whatever", "10.0.2.1", "nobody@test.local"));
    expect(err.message).toBe("That email and password do not match an account.");
    expect(await t.rows("select key from sign_in_failures where key like 'email:nobody%'")).toHaveLength(1);
  });
});
