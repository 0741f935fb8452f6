"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction } from "@/server/actions/define-action";
import { syncCatalog } from "@/server/catalog/sync";
import { generateIamPolicy } from "@/server/iam/generate";
import { createApiKey, createKeyInput } from "@/server/keys/create-key";
import { revokeApiKey } from "@/server/keys/revoke-key";

export const syncCatalogAction = defineAction({
  schema: z.object({}),
  permission: "catalog:write",
  run: async ({ actor }) => {
    const summary = await syncCatalog({ actor });
    revalidatePath("/models");
    revalidatePath("/settings");
    return summary;
  },
});

export const iamPolicyAction = defineAction({
  schema: z.object({
    accountId: z
      .string()
      .trim()
      .regex(/^\d{12}$/, "An AWS account id is 12 digits."),
  }),
  permission: "settings:read",
  run: async ({ actor }, input) => JSON.stringify(await generateIamPolicy({ actor, accountId: input.accountId }), null, 2),
});

/** Answers the new key's token and secret once; they are not stored in a readable form anywhere. */
export const createKeyAction = defineAction({
  schema: createKeyInput,
  permission: "keys:manage",
  run: async ({ actor }, input) => {
    const created = await createApiKey({ actor, input });
    revalidatePath("/settings");
    return created;
  },
});

export const revokeKeyAction = defineAction({
  schema: z.object({ id: z.uuid("Not a key id.") }),
  permission: "keys:manage",
  run: async ({ actor }, input) => {
    const key = await revokeApiKey({ actor, id: input.id });
    revalidatePath("/settings");
    return key;
  },
});
