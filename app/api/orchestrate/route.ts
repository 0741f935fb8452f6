import { handleOrchestrate } from "@/server/api/orchestrate";

export const dynamic = "force-dynamic";
export const POST = handleOrchestrate;
