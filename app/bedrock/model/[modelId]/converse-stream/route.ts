// The model id is read from the request path by the handler (URL-decoded there), not from the route params.
import { handleBedrockConverseStream } from "@/server/gateway/http/bedrock-converse";

export const dynamic = "force-dynamic";
export const POST = handleBedrockConverseStream;
