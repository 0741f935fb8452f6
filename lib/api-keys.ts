/** An API key as listings show it: never its token or secret. Dates are ISO strings. */
export type ApiKeyView = {
  id: string;
  name: string;
  /** The token's first characters (`sb-AbC123`), to tell keys apart. */
  tokenPrefix: string;
  accessKeyId: string;
  /** The use cases the key may call; empty means every use case. */
  useCases: string[];
  createdAt: string;
  createdBy: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
};

/** What creating a key answers, once: the key and its secrets, which are never shown again. */
export type CreatedApiKey = { key: ApiKeyView; token: string; accessKeyId: string; secretAccessKey: string };

export const API_KEY_NAME_MAX = 80;
