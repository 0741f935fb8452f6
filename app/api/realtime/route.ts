import { handleRealtimeStream } from "@/server/realtime/handlers";

// A long-lived stream per signed-in browser: never cached, never prerendered, on the Node runtime (it LISTENs on Postgres).
export const dynamic = "force-dynamic";
export const runtime = "nodejs";
export const GET = handleRealtimeStream;
