import { handleListModels } from "@/server/gateway/http/openai-models";

export const dynamic = "force-dynamic";
export const GET = handleListModels;
