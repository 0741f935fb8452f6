import { handleHistoryExport } from "@/server/analytics/export-route";

export const dynamic = "force-dynamic";
export const GET = handleHistoryExport;
