// The model id is read from the request path by the handler (URL-decoded there), not from the route params.
import { handleBedrockConverse } from "@/server/gateway/http/bedrock-converse";

export const dynamic = "force-dynamic";
export const POST = handleBedrockConverse;
