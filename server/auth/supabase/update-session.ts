import "server-only";
import { NextResponse, type NextRequest } from "next/server";
import { createSupabaseServerClient } from "./server-client";

/**
 * proxy.ts: refreshes an expiring Supabase session before the page renders (Server Components cannot write
 * cookies) and hands the new cookies both to the render (request) and to the browser (response). The pages still
 * check the user themselves; this only keeps the session alive.
 */
export async function updateSupabaseSession(request: NextRequest): Promise<NextResponse> {
  let response = NextResponse.next({ request });
  const supabase = createSupabaseServerClient({
    getAll: () => request.cookies.getAll().map(({ name, value }) => ({ name, value })),
    setAll: (toSet, headers) => {
      for (const { name, value } of toSet) request.cookies.set(name, value);
      response = NextResponse.next({ request });
      for (const { name, value, options } of toSet) response.cookies.set(name, value, options);
      // Cache-Control: private, no-store and friends, so that no CDN serves one user's refreshed cookies to another.
      for (const [key, value] of Object.entries(headers)) response.headers.set(key, value);
    },
  });
  // Nothing may run between creating the client and this call: getClaims() reads the cookies, refreshes an
  // expired access token with the refresh token, and triggers setAll above.
  try {
    await supabase.auth.getClaims();
  } catch (err) {
    // An unexpected failure must not take every page down; the page's own check decides.
    console.warn(`[switchboard] session refresh failed: ${(err as Error).message}`);
  }
  return response;
}
