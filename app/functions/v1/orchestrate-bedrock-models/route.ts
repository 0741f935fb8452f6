// The old Supabase edge function's path, so its callers only change the base URL.
import { handleOrchestrate } from "@/server/api/orchestrate";

export const dynamic = "force-dynamic";
export const POST = handleOrchestrate;
