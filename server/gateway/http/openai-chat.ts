import "server-only";
import { randomBytes } from "node:crypto";
import { invokeInScope, type InvokeInput } from "@/server/invoke/invoke";
import { authenticateGatewayRequest } from "@/server/keys/authenticate";
import { openGatewayScope, servedHeaders } from "../call";
import { openAiErrorBody, openAiErrorResponse } from "../errors";
import { ChunkBuilder, chatCompletionOf, type CompletionMeta } from "../openai/from-converse";
import { chatCompletionSchema } from "../openai/schema";
import { openAiToConverse } from "../openai/to-converse";
import { parseJsonBody } from "../parse";
import { readGatewayRequest } from "../request";
import { streamCall } from "../stream-call";

const sse = (value: unknown) => new TextEncoder().encode(`data: ${typeof value === "string" ? value : JSON.stringify(value)}\n\n`);

/** POST /v1/chat/completions: OpenAI's Chat Completions, served through the invoke path. */
export async function handleChatCompletions(request: Request): Promise<Response> {
  try {
    const parts = await readGatewayRequest(request);
    const principal = await authenticateGatewayRequest(parts);
    const body = parseJsonBody(chatCompletionSchema, parts.body);
    const input: InvokeInput = openAiToConverse(body);
    const { scope, origin } = await openGatewayScope(principal, { model: body.model, headers: parts.headers, endUser: body.user, source: "openai" });
    const meta = (modelId: string): CompletionMeta => ({ id: `chatcmpl-${randomBytes(12).toString("hex")}`, created: Math.floor(Date.now() / 1000), modelId });

    if (body.stream) {
      let chunks: ChunkBuilder;
      return await streamCall({
        scope,
        input,
        origin,
        encoding: {
          contentType: "text/event-stream; charset=utf-8",
          start: (modelId) => {
            chunks = new ChunkBuilder(meta(modelId));
            return [sse(chunks.first())];
          },
          event: (e) => {
            const chunk = chunks.of(e);
            return chunk ? [sse(chunk)] : [];
          },
          end: (r) => [sse(chunks.last(r.stopReason)), ...(body.stream_options?.include_usage ? [sse(chunks.usage(r))] : []), sse("[DONE]")],
          // OpenAI's SDK raises an APIError for a data event that carries `error`.
          error: (err) => [sse(openAiErrorBody(err).body)],
        },
      });
    }

    const result = await invokeInScope({ scope, input, userId: scope.ownerId, origin });
    const headers = servedHeaders(scope, result.modelId, result.failedAttempts);
    return Response.json(
      {
        ...chatCompletionOf(meta(result.modelId), result),
        switchboard: {
          modelId: result.modelId,
          useCase: scope.useCase.name,
          conversationId: scope.conversationId,
          fallback: result.failedAttempts.map((f) => ({ modelId: f.modelId, errorCode: f.errorCode })),
          notification: result.fallback?.notification ?? null,
        },
      },
      { headers: { "Cache-Control": "no-store", ...headers } },
    );
  } catch (err) {
    return openAiErrorResponse(err);
  }
}
