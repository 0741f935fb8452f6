import { handleChatCompletions } from "@/server/gateway/http/openai-chat";

export const dynamic = "force-dynamic";
export const POST = handleChatCompletions;
