// next/headers outside a Next.js request: vitest.config.ts points the module here for every test file. cookies() is
// the jar the current test set with setRequestCookies (the browser of the request it makes); with none it throws, as
// Next's does outside a request. tests/support/setup.ts clears it before every file.
type CookieStore = { get: (name: string) => { name: string; value: string } | undefined };

let jar: unknown = null;

/** The cookies of the requests the test makes next (null: none, as outside a request). */
export function setRequestCookies(next: unknown): void {
  jar = next;
}

/** A jar holding one cookie, or none when `value` is empty. */
export function cookieJarWith(name: string, value: string): CookieStore {
  return { get: (n) => (n === name && value ? { name, value } : undefined) };
}

export async function cookies(): Promise<unknown> {
  if (!jar) throw new Error("no cookie jar for this request");
  return jar;
}

export async function headers(): Promise<Headers> {
  return new Headers();
}
