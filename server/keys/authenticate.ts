import "server-only";
import { AppError } from "@/server/errors";
import type { GatewayPrincipal, GatewayRequestParts } from "@/server/gateway/principal";
import { secretsEqual, serviceKey } from "@/server/secrets";

// TODO(keys): named API keys (bearer token and SigV4) land here; until then only the service key is accepted.
/** The gateway's caller: `Authorization: Bearer <service key or API key token>`, or AWS SigV4 signed with an API key. */
export async function authenticateGatewayRequest(req: GatewayRequestParts): Promise<GatewayPrincipal> {
  const match = req.headers.get("authorization")?.match(/^Bearer\s+(\S+)\s*$/i);
  if (match && secretsEqual(match[1]!, serviceKey())) return { kind: "service" };
  throw new AppError("unauthorized", "Send Authorization: Bearer <API key>, or sign the request with the key's AWS credentials.");
}
