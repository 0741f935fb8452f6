import "server-only";
import { inArray } from "drizzle-orm";
import { z } from "zod";
import { apiKeys, useCases } from "@/db/schema";
import { API_KEY_NAME_MAX, type CreatedApiKey } from "@/lib/api-keys";
import { actorLabel, assertCan, type Actor } from "@/server/auth/roles";
import { getDb } from "@/server/db";
import { AppError } from "@/server/errors";
import { encryptSecret, generateKeyMaterial } from "./material";
import { toApiKeyView } from "./view";

const noNul = (v: string) => !v.includes("\u0000");

/** One schema for every door (the API, the server action); the CLI checks the same rules before sending. */
export const createKeyInput = z.strictObject({
  name: z
    .string()
    .trim()
    .min(1, "Give the key a name (who or what uses it).")
    .max(API_KEY_NAME_MAX, `Use at most ${API_KEY_NAME_MAX} characters.`)
    .refine(noNul, "must not contain NUL characters"),
  useCases: z
    .array(z.string().trim().min(1).max(40).refine(noNul, "must not contain NUL characters"))
    .max(100)
    .optional()
    .transform((v) => [...new Set(v ?? [])].sort()),
});
export type CreateKeyInput = z.input<typeof createKeyInput>;

/**
 * Creates a named API key (admins and the service key only). Answers its token, access key id and secret access key
 * once; only the token's hash and the encrypted secret are stored. An empty use-case list means every use case.
 */
export async function createApiKey({ actor, input: raw }: { actor: Actor; input: CreateKeyInput }): Promise<CreatedApiKey> {
  assertCan(actor, "keys:manage");
  const parsed = createKeyInput.safeParse(raw);
  if (!parsed.success) {
    const fieldErrors: Record<string, string> = {};
    for (const issue of parsed.error.issues) fieldErrors[String(issue.path[0] ?? "form")] ??= issue.message;
    const [field, message] = Object.entries(fieldErrors)[0]!;
    throw new AppError("invalid_request", `${field}: ${message}`, { fieldErrors });
  }
  const { name, useCases: wanted } = parsed.data;
  const db = await getDb();
  if (wanted.length) {
    const known = new Set((await db.select({ name: useCases.name }).from(useCases).where(inArray(useCases.name, wanted))).map((r) => r.name));
    const unknown = wanted.filter((u) => !known.has(u));
    if (unknown.length) {
      const message = `Unknown use case${unknown.length > 1 ? "s" : ""}: ${unknown.join(", ")}.`;
      throw new AppError("invalid_request", `useCases: ${message}`, { fieldErrors: { useCases: message } });
    }
  }
  const m = generateKeyMaterial();
  const [row] = await db
    .insert(apiKeys)
    .values({
      name,
      tokenPrefix: m.tokenPrefix,
      tokenHash: m.tokenHash,
      accessKeyId: m.accessKeyId,
      secretEncrypted: encryptSecret(m.secretAccessKey, m.accessKeyId),
      useCases: wanted,
      createdBy: actorLabel(actor),
    })
    .returning();
  return { key: toApiKeyView(row!), token: m.token, accessKeyId: m.accessKeyId, secretAccessKey: m.secretAccessKey };
}
