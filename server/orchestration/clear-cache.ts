import "server-only";
import { assertCan, type Actor } from "@/server/auth/roles";
import { invalidateCatalog } from "@/server/catalog/cache";

export async function clearCache({ actor }: { actor: Actor }): Promise<{ cleared: true }> {
  assertCan(actor, "cache:clear");
  await invalidateCatalog();
  return { cleared: true };
}
