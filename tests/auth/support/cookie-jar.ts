// A browser's cookies for one test: what Next's cookies() would hold, and what a server client reads and writes.
import type { CookieToSet, SessionCookies } from "@/server/auth/supabase/server-client";

type Options = { maxAge?: number; expires?: Date | number | string } & Record<string, unknown>;

export class CookieJar implements SessionCookies {
  private readonly values = new Map<string, string>();
  /** Every write, in order (name, value, options), for assertions on what would be sent to the browser. */
  readonly writes: { name: string; value: string; options?: Options }[] = [];

  constructor(initial: Record<string, string> = {}) {
    for (const [k, v] of Object.entries(initial)) this.values.set(k, v);
  }

  getAll(): { name: string; value: string }[] {
    return [...this.values].map(([name, value]) => ({ name, value }));
  }

  get(name: string): { name: string; value: string } | undefined {
    const value = this.values.get(name);
    return value === undefined ? undefined : { name, value };
  }

  has(name: string): boolean {
    return this.values.has(name);
  }

  /** Next's store signature; a max-age of 0 or an empty value removes the cookie, as a browser would. */
  set(name: string, value: string, options?: Options): void {
    this.writes.push({ name, value, options });
    if (value === "" || options?.maxAge === 0) this.values.delete(name);
    else this.values.set(name, value);
  }

  delete(name: string): void {
    this.set(name, "", { maxAge: 0 });
  }

  setAll(toSet: CookieToSet[]): void {
    for (const { name, value, options } of toSet) this.set(name, value, options as Options);
  }

  /** The whole Supabase session stored under `key` (chunked or not), decoded. */
  session(key: string): Record<string, unknown> | null {
    return decodeSessionCookie(key, this.getAll());
  }
}

/** The cookie value @supabase/ssr writes for a session (base64url encoding, its default). */
export function encodeSessionCookie(session: unknown): string {
  return `base64-${Buffer.from(JSON.stringify(session)).toString("base64url")}`;
}

/** Reassembles `key` or `key.0`, `key.1`, ... and decodes it. */
export function decodeSessionCookie(key: string, cookies: { name: string; value: string }[]): Record<string, unknown> | null {
  const byName = new Map(cookies.filter((c) => c.value !== "").map((c) => [c.name, c.value]));
  let raw = byName.get(key);
  if (!raw) {
    const parts: string[] = [];
    for (let i = 0; byName.has(`${key}.${i}`); i++) parts.push(byName.get(`${key}.${i}`)!);
    raw = parts.join("") || undefined;
  }
  if (!raw) return null;
  const json = raw.startsWith("base64-") ? Buffer.from(raw.slice(7), "base64url").toString() : raw;
  return JSON.parse(json) as Record<string, unknown>;
}
