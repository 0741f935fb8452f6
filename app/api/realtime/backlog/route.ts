import { handleRealtimeBacklog } from "@/server/realtime/handlers";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";
export const GET = handleRealtimeBacklog;
