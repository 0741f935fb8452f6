import "server-only";
import { assertCan, type Actor } from "@/server/auth/roles";
import { cachedCatalog } from "@/server/catalog/cache";
import { env } from "@/server/env";
import { buildIamPolicy, type IamPolicyDocument } from "./policy";

/** The least-privilege policy for the enabled catalog entries, for the account an admin enters. */
export async function generateIamPolicy({ actor, accountId }: { actor: Actor; accountId: string }): Promise<IamPolicyDocument> {
  assertCan(actor, "settings:read");
  const models = (await cachedCatalog()).filter((m) => m.enabled);
  return buildIamPolicy({ models, accountId, region: env().AWS_REGION });
}
