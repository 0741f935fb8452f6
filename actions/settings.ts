"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction } from "@/server/actions/define-action";
import { syncCatalog } from "@/server/catalog/sync";
import { generateIamPolicy } from "@/server/iam/generate";

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
  schema: z.object({ accountId: z.string().trim().regex(/^\d{12}$/, "An AWS account id is 12 digits.") }),
  permission: "settings:read",
  run: async ({ actor }, input) => JSON.stringify(await generateIamPolicy({ actor, accountId: input.accountId }), null, 2),
});
