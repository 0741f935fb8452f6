import "server-only";
import { AppError } from "@/server/errors";
import { secretsEqual, serviceKey } from "@/server/secrets";
import type { Actor } from "./roles";
import { userFromSessionValue } from "./session";

/**
 * The API's caller from `Authorization: Bearer <key>`: the service key (compared in constant time), or a signed-in
 * user's session token, in which case that user's role applies.
 */
export async function actorFromAuthorization(header: string | null): Promise<Actor> {
  const match = header?.match(/^Bearer\s+(\S+)\s*$/i);
  if (!match) throw new AppError("unauthorized", "Send Authorization: Bearer <service key or session token>.");
  const token = match[1]!;
  if (secretsEqual(token, serviceKey())) return { kind: "service" };
  const user = await userFromSessionValue(token);
  if (!user) throw new AppError("unauthorized", "The bearer token is not a valid service key or session.");
  return { kind: "user", user };
}
