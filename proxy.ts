import { NextResponse, type NextRequest } from "next/server";
import { supabaseConfigured } from "@/server/env";

// Next.js 16 Proxy (formerly Middleware), Node.js runtime. With Supabase Auth it refreshes the session cookies
// before the render; with local accounts (the default) it lets every request through untouched and never loads
// supabase-js.
export async function proxy(request: NextRequest): Promise<NextResponse> {
  if (!supabaseConfigured()) return NextResponse.next();
  const { updateSupabaseSession } = await import("@/server/auth/supabase/update-session");
  return updateSupabaseSession(request);
}

export const config = {
  matcher: [
    // Everything except build assets, images, the health check, the Bearer-key API and the gateway (/v1, /bedrock: no session cookie to refresh)
    // and static files by extension.
    "/((?!_next/static|_next/image|api/health|api/orchestrate|functions/v1/|v1/|bedrock/|favicon\\.ico|sitemap\\.xml|robots\\.txt|.*\\.(?:svg|png|jpg|jpeg|gif|webp|ico|css|js|map|txt|woff2?)$).*)",
  ],
};
