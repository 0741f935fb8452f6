// The least-privilege policy of bedrock.md section 3, per kind of catalog entry.
import { describe, expect, it } from "vitest";
import type { CatalogModel } from "@/lib/catalog-model";
import { buildIamPolicy, CATALOG_READ_ACTIONS, INVOKE_ACTIONS, sidFragment, type IamStatement } from "@/server/iam/policy";
import { AppError } from "@/server/errors";
import { MINIMAX_IN_REGION, NOVA_LITE_EU, SONNET_45_EU, SONNET_45_GLOBAL, catalogEntry } from "../bedrock/support/catalog-fixture";

const ACCOUNT = "123456789012";
const REGION = "eu-central-1";
const build = (models: CatalogModel[]) => buildIamPolicy({ models, accountId: ACCOUNT, region: REGION });
const list = (r: string | string[]) => (Array.isArray(r) ? r : [r]);

const sonnetBase = "anthropic.claude-sonnet-4-5-20250929-v1:0";

type Row = {
  label: string;
  entry: CatalogModel;
  statements: Omit<IamStatement, "Effect" | "Action">[];
};

const rows: Row[] = [
  {
    label: "an eu profile",
    entry: SONNET_45_EU,
    statements: [
      {
        Sid: "InvokeProfileEuAnthropicClaudeSonnet4520250929V10",
        Resource: `arn:aws:bedrock:eu-central-1:${ACCOUNT}:inference-profile/eu.${sonnetBase}`,
      },
      {
        Sid: "InvokeViaProfileEuAnthropicClaudeSonnet4520250929V10",
        Resource: ["eu-central-1", "eu-central-2", "eu-north-1", "eu-south-1", "eu-south-2", "eu-west-1", "eu-west-2", "eu-west-3"].map(
          (r) => `arn:aws:bedrock:${r}::foundation-model/${sonnetBase}`,
        ),
        Condition: { StringEquals: { "bedrock:InferenceProfileArn": `arn:aws:bedrock:eu-central-1:${ACCOUNT}:inference-profile/eu.${sonnetBase}` } },
      },
    ],
  },
  {
    label: "a global profile",
    entry: SONNET_45_GLOBAL,
    statements: [
      {
        Sid: "InvokeProfileGlobalAnthropicClaudeSonnet4520250929V10",
        Resource: `arn:aws:bedrock:eu-central-1:${ACCOUNT}:inference-profile/global.${sonnetBase}`,
      },
      {
        Sid: "InvokeViaProfileGlobalAnthropicClaudeSonnet4520250929V10",
        Resource: [
          `arn:aws:bedrock:::foundation-model/${sonnetBase}`,
          `arn:aws:bedrock:eu-central-1::foundation-model/${sonnetBase}`,
          `arn:aws:bedrock:us-east-1::foundation-model/${sonnetBase}`,
          `arn:aws:bedrock:us-west-2::foundation-model/${sonnetBase}`,
        ],
        Condition: { StringEquals: { "bedrock:InferenceProfileArn": `arn:aws:bedrock:eu-central-1:${ACCOUNT}:inference-profile/global.${sonnetBase}` } },
      },
    ],
  },
  {
    label: "an in-region model",
    entry: MINIMAX_IN_REGION,
    statements: [{ Sid: "InvokeModelMinimaxMinimaxM25", Resource: "arn:aws:bedrock:eu-central-1::foundation-model/minimax.minimax-m2.5" }],
  },
];

describe("buildIamPolicy", () => {
  it.each(rows)("$label gets exactly its invoke statements", ({ entry, statements }) => {
    const policy = build([entry]);
    expect(policy.Version).toBe("2012-10-17");
    expect(policy.Statement[0]).toEqual({ Sid: "CatalogRead", Effect: "Allow", Action: [...CATALOG_READ_ACTIONS], Resource: "*" });
    expect(policy.Statement.slice(1)).toEqual(statements.map((s) => ({ ...s, Effect: "Allow", Action: [...INVOKE_ACTIONS] })));
  });

  it("grants the catalog read actions of bedrock.md", () => {
    expect([...CATALOG_READ_ACTIONS].sort()).toEqual(
      [
        "bedrock:ListFoundationModels",
        "bedrock:GetFoundationModel",
        "bedrock:ListInferenceProfiles",
        "bedrock:GetInferenceProfile",
        "bedrock:GetFoundationModelAvailability",
      ].sort(),
    );
  });

  it("never puts '*' on an invoke action, and every Sid is alphanumeric and unique", () => {
    const policy = build([SONNET_45_EU, SONNET_45_GLOBAL, MINIMAX_IN_REGION, NOVA_LITE_EU]);
    const invoke = policy.Statement.filter((s) => s.Action.some((a) => a.startsWith("bedrock:Invoke")));
    expect(invoke.length).toBe(7);
    for (const s of invoke) {
      expect(list(s.Resource).some((r) => r.includes("*"))).toBe(false);
      expect(s.Action).toEqual(["bedrock:InvokeModel", "bedrock:InvokeModelWithResponseStream"]);
    }
    const sids = policy.Statement.map((s) => s.Sid);
    for (const sid of sids) expect(sid).toMatch(/^[A-Za-z0-9]+$/);
    expect(new Set(sids).size).toBe(sids.length);
    // No Converse action exists in IAM; nothing broader than the two invoke actions is granted.
    expect(policy.Statement.flatMap((s) => s.Action).some((a) => a === "bedrock:*" || a.includes("Converse"))).toBe(false);
  });

  it("every foundation-model ARN behind a profile is limited to use through that profile", () => {
    const policy = build([SONNET_45_EU, SONNET_45_GLOBAL, NOVA_LITE_EU]);
    for (const s of policy.Statement) {
      const fmArns = list(s.Resource).filter((r) => r.includes(":foundation-model/"));
      if (fmArns.length > 0) expect(s.Condition?.StringEquals?.["bedrock:InferenceProfileArn"]).toMatch(/:inference-profile\//);
    }
  });

  it("includes the source region even when the profile's destinations omit it", () => {
    const entry = catalogEntry({
      modelId: "eu.mistral.pixtral-large-2502-v1:0",
      baseModelId: "mistral.pixtral-large-2502-v1:0",
      geoScope: "eu",
      destinationRegions: ["eu-west-1"],
    });
    const via = build([entry]).Statement[2];
    expect(list(via?.Resource ?? [])).toEqual([
      "arn:aws:bedrock:eu-central-1::foundation-model/mistral.pixtral-large-2502-v1:0",
      "arn:aws:bedrock:eu-west-1::foundation-model/mistral.pixtral-large-2502-v1:0",
    ]);
  });

  it("is deterministic whatever the input order, and ignores disabled entries and duplicates", () => {
    const a = build([MINIMAX_IN_REGION, SONNET_45_GLOBAL, SONNET_45_EU]);
    const b = build([SONNET_45_EU, SONNET_45_EU, MINIMAX_IN_REGION, SONNET_45_GLOBAL, { ...NOVA_LITE_EU, enabled: false }]);
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
    expect(a.Statement.map((s) => s.Sid)).toEqual([
      "CatalogRead",
      "InvokeProfileEuAnthropicClaudeSonnet4520250929V10",
      "InvokeViaProfileEuAnthropicClaudeSonnet4520250929V10",
      "InvokeProfileGlobalAnthropicClaudeSonnet4520250929V10",
      "InvokeViaProfileGlobalAnthropicClaudeSonnet4520250929V10",
      "InvokeModelMinimaxMinimaxM25",
    ]);
  });

  it("gives only the catalog statement for an empty catalog", () => {
    expect(build([]).Statement.map((s) => s.Sid)).toEqual(["CatalogRead"]);
  });

  it.each(["12345", "1234567890123", "12345678901a", "", "arn:aws:iam::123456789012:root"])("rejects account id %j", (accountId) => {
    expect(() => buildIamPolicy({ models: [MINIMAX_IN_REGION], accountId, region: REGION })).toThrow(/12-digit AWS account id/);
    try {
      buildIamPolicy({ models: [], accountId, region: REGION });
    } catch (err) {
      expect(err).toBeInstanceOf(AppError);
      expect((err as AppError).code).toBe("invalid_request");
    }
  });

  it("rejects a malformed region", () => {
    expect(() => buildIamPolicy({ models: [], accountId: ACCOUNT, region: "Frankfurt" })).toThrow(/AWS region/);
  });

  it("numbers Sids that would collide", () => {
    const one = catalogEntry({ modelId: "acme.model-v1:0" });
    const two = catalogEntry({ modelId: "acme.model-v10" });
    expect(sidFragment(one.modelId)).toBe(sidFragment(two.modelId));
    const sids = build([one, two]).Statement.map((s) => s.Sid);
    expect(new Set(sids).size).toBe(3);
  });
});
