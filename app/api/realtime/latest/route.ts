import { handleRealtimeLatest } from "@/server/realtime/handlers";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";
export const GET = handleRealtimeLatest;
