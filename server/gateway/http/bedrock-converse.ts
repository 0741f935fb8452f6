import "server-only";
import { randomUUID } from "node:crypto";
import { invokeInScope, type InvokeInput } from "@/server/invoke/invoke";
import { authenticateGatewayRequest } from "@/server/keys/authenticate";
import { AppError } from "@/server/errors";
import { CONVERSATION_HEADER, openGatewayScope, servedHeaders } from "../call";
import { bedrockErrorResponse, bedrockExceptionOf } from "../errors";
import { endFrames, eventFrame, exceptionFrame, frameOf, streamExceptionType } from "../bedrock/event-stream";
import { converseSchema, METADATA_CONVERSATION, METADATA_USER, type ConverseBody } from "../bedrock/schema";
import { parseJsonBody } from "../parse";
import { readGatewayRequest } from "../request";
import { streamCall } from "../stream-call";

const PATH = /\/model\/([^/]+)\/(converse|converse-stream)$/;

/** The model id from `/bedrock/model/{modelId}/converse[-stream]` (URL-encoded by the SDK: `eu.amazon.nova-lite-v1%3A0`). */
export function modelIdFromPath(pathname: string): string {
  const match = PATH.exec(pathname);
  let id: string | undefined;
  try {
    id = match ? decodeURIComponent(match[1]!) : undefined;
  } catch {
    id = undefined;
  }
  if (!id) throw new AppError("invalid_request", "The path must be /bedrock/model/{modelId}/converse or /converse-stream.", { param: "modelId" });
  return id;
}

function inputOf(body: ConverseBody): InvokeInput {
  return {
    messages: body.messages,
    ...(body.system?.length ? { system: body.system } : {}),
    ...(body.inferenceConfig ? { inferenceConfig: body.inferenceConfig } : {}),
    ...(body.toolConfig ? { toolConfig: body.toolConfig } : {}),
  };
}

/** The conversation header, or the same key in requestMetadata (the AWS SDK sends no custom headers without middleware). */
function headersWithMetadata(headers: Headers, body: ConverseBody): Headers {
  const fromMetadata = body.requestMetadata?.[METADATA_CONVERSATION];
  if (headers.has(CONVERSATION_HEADER) || fromMetadata === undefined) return headers;
  const out = new Headers(headers);
  out.set(CONVERSATION_HEADER, fromMetadata);
  return out;
}

async function open(request: Request) {
  const parts = await readGatewayRequest(request);
  const principal = await authenticateGatewayRequest(parts);
  const model = modelIdFromPath(new URL(request.url).pathname);
  const body = parseJsonBody(converseSchema, parts.body);
  const endUser = body.requestMetadata?.[METADATA_USER];
  const { scope, origin } = await openGatewayScope(principal, {
    model,
    headers: headersWithMetadata(parts.headers, body),
    ...(endUser ? { endUser } : {}),
    source: "bedrock",
  });
  return { scope, origin, input: inputOf(body) };
}

/** POST /bedrock/model/{modelId}/converse: Bedrock's Converse, served through the invoke path. */
export async function handleBedrockConverse(request: Request): Promise<Response> {
  try {
    const { scope, origin, input } = await open(request);
    const r = await invokeInScope({ scope, input, userId: scope.ownerId, origin });
    return Response.json(
      {
        output: { message: { role: "assistant", content: r.content } },
        stopReason: r.stopReason,
        usage: { inputTokens: r.inputTokens, outputTokens: r.outputTokens, totalTokens: r.inputTokens + r.outputTokens },
        metrics: { latencyMs: r.latencyMs },
      },
      { headers: { "x-amzn-RequestId": randomUUID(), "Cache-Control": "no-store", ...servedHeaders(scope, r.modelId, r.failedAttempts) } },
    );
  } catch (err) {
    return bedrockErrorResponse(err, { "x-amzn-RequestId": randomUUID() });
  }
}

/** POST /bedrock/model/{modelId}/converse-stream: the answer as AWS event-stream frames. */
export async function handleBedrockConverseStream(request: Request): Promise<Response> {
  try {
    const { scope, origin, input } = await open(request);
    return await streamCall({
      scope,
      input,
      origin,
      encoding: {
        contentType: "application/vnd.amazon.eventstream",
        start: () => [eventFrame("messageStart", { role: "assistant" })],
        event: (e) => [frameOf(e)],
        end: (r) => endFrames(r),
        error: (err) => {
          const x = bedrockExceptionOf(err);
          return [exceptionFrame(streamExceptionType(x.name), x.message)];
        },
      },
    });
  } catch (err) {
    return bedrockErrorResponse(err, { "x-amzn-RequestId": randomUUID() });
  }
}
