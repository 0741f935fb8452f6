import { fieldErrorsOf, issueMessage } from "@/lib/zod-message";
import "server-only";
import { z } from "zod";
import type { CatalogModel } from "@/lib/catalog-model";
import { baseModelIdOf, foundationModelArn, inferenceProfileArn, isInferenceProfileId, partitionOf } from "@/server/bedrock/arn";
import { AppError } from "@/server/errors";

// The least-privilege IAM policy for the catalog's enabled entries (bedrock.md section 3). The old system granted
// bedrock:* on "*"; here every invoke right names its resource, and the foundation models behind a profile can
// only be invoked through that profile.

export type IamStatement = {
  Sid: string;
  Effect: "Allow";
  Action: string[];
  /** A single resource as a string, several as a sorted list, as AWS's own examples write them. */
  Resource: string | string[];
  Condition?: Record<string, Record<string, string>>;
};

export type IamPolicyDocument = { Version: "2012-10-17"; Statement: IamStatement[] };

export type BuildIamPolicyInput = {
  /** The enabled catalog entries; disabled ones passed by mistake get no invoke rights. */
  models: CatalogModel[];
  accountId: string;
  region: string;
};

export const CATALOG_READ_ACTIONS = [
  "bedrock:GetFoundationModel",
  "bedrock:GetFoundationModelAvailability",
  "bedrock:GetInferenceProfile",
  "bedrock:ListFoundationModels",
  "bedrock:ListInferenceProfiles",
] as const;

/** Converse needs InvokeModel and ConverseStream needs InvokeModelWithResponseStream: there is no Converse action. */
export const INVOKE_ACTIONS = ["bedrock:InvokeModel", "bedrock:InvokeModelWithResponseStream"] as const;

const inputSchema = z.object({
  accountId: z
    .string()
    .trim()
    .regex(/^\d{12}$/, "accountId must be a 12-digit AWS account id, e.g. 123456789012"),
  region: z
    .string()
    .trim()
    .regex(/^[a-z]{2}(-[a-z]+)+-\d$/, "region must be an AWS region such as eu-central-1"),
});

/** "eu.anthropic.claude-sonnet-4-5-20250929-v1:0" → "EuAnthropicClaudeSonnet4520250929V10": IAM allows [A-Za-z0-9] only. */
export function sidFragment(id: string): string {
  return id
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join("");
}

function resource(list: string[]): string | string[] {
  const sorted = [...new Set(list)].sort();
  return sorted.length === 1 ? (sorted[0] as string) : sorted;
}

export function buildIamPolicy(input: BuildIamPolicyInput): IamPolicyDocument {
  const raw = { accountId: input.accountId, region: input.region };
  const parsed = inputSchema.safeParse(raw);
  if (!parsed.success) {
    throw new AppError("invalid_request", parsed.error.issues.map((i) => issueMessage(i, raw)).join("; "), {
      fieldErrors: fieldErrorsOf(parsed.error, raw),
    });
  }
  const { accountId, region } = parsed.data;

  const statements: IamStatement[] = [
    // The read actions are not known to support resource-level scoping (bedrock.md section 3): "*" is required.
    { Sid: "CatalogRead", Effect: "Allow", Action: [...CATALOG_READ_ACTIONS], Resource: "*" },
  ];

  const usedSids = new Set(["CatalogRead"]);
  const uniqueSid = (base: string): string => {
    // Two ids that differ only in punctuation (v1:0 and v10) would collide; number the later one.
    let sid = base;
    for (let n = 2; usedSids.has(sid); n++) sid = `${base}N${n}`;
    usedSids.add(sid);
    return sid;
  };

  const entries = [...new Map(input.models.filter((m) => m.enabled).map((m) => [m.modelId, m])).values()].sort((a, b) => a.modelId.localeCompare(b.modelId));

  for (const entry of entries) {
    const fragment = sidFragment(entry.modelId);
    if (!isInferenceProfileId(entry.modelId)) {
      // An in-region model is invoked directly: its own ARN, nothing else.
      statements.push({
        Sid: uniqueSid(`InvokeModel${fragment}`),
        Effect: "Allow",
        Action: [...INVOKE_ACTIONS],
        Resource: foundationModelArn(region, entry.modelId),
      });
      continue;
    }

    const profileArn = inferenceProfileArn(region, accountId, entry.modelId);
    const baseId = entry.baseModelId || baseModelIdOf(entry.modelId);
    // The source region plus every region the profile routes to; a request may land in any of them.
    const regions = new Set([region, ...entry.destinationRegions]);
    const modelArns = [...regions].map((r) => foundationModelArn(r, baseId));
    // Global profiles also route through the region-less foundation-model ARN.
    if (entry.modelId.startsWith("global.")) modelArns.push(foundationModelArn("", baseId, partitionOf(region)));

    statements.push({
      Sid: uniqueSid(`InvokeProfile${fragment}`),
      Effect: "Allow",
      Action: [...INVOKE_ACTIONS],
      Resource: profileArn,
    });
    statements.push({
      Sid: uniqueSid(`InvokeViaProfile${fragment}`),
      Effect: "Allow",
      Action: [...INVOKE_ACTIONS],
      Resource: resource(modelArns),
      // Without this condition the same ARNs would allow invoking the bare model directly in every region listed.
      Condition: { StringEquals: { "bedrock:InferenceProfileArn": profileArn } },
    });
  }

  return { Version: "2012-10-17", Statement: statements };
}
