import "server-only";
import type { apiKeys } from "@/db/schema";
import type { ApiKeyView } from "@/lib/api-keys";

type Row = typeof apiKeys.$inferSelect;

export function toApiKeyView(row: Row): ApiKeyView {
  return {
    id: row.id,
    name: row.name,
    tokenPrefix: row.tokenPrefix,
    accessKeyId: row.accessKeyId,
    useCases: row.useCases,
    createdAt: row.createdAt.toISOString(),
    createdBy: row.createdBy,
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
  };
}
