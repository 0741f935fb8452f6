import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getForUseCase } from "@/server/orchestration/get-for-use-case";
import { createUseCase, type CreateUseCaseInput } from "@/server/use-cases/create-use-case";
import { drivers } from "../support/test-db";
import { createServiceFixture, type ServiceFixture } from "../support/service-fixture";
import { NOVA_LITE } from "../support/models";
import { failure } from "../support/errors";

const POLICY: CreateUseCaseInput["policy"] = {
  objective: "cost",
  minContext: null,
  maxInputPricePerMTok: 1,
  maxOutputPricePerMTok: null,
  requiredCapabilities: ["text"],
  allowedProviders: ["amazon"],
  allowedGeoScopes: ["eu"],
  excludeLegacy: true,
  candidates: [],
  allowAutoSwitch: true,
  allowUserChoice: false,
  cooldownSeconds: 60,
  monthlyInputTokens: 5_000_000,
  monthlyOutputTokens: 1_000_000,
  description: "Customer support replies.",
};

describe.each(drivers)("createUseCase on %s", (kind) => {
  let f: ServiceFixture;
  beforeAll(async () => {
    f = await createServiceFixture(kind);
  });
  afterAll(async () => f?.t.drop());

  it("adds a use case on a model that fits its policy, ready for get-for-use-case", async () => {
    const u = await createUseCase({ actor: f.admin, input: { name: "customer-support", currentModelId: NOVA_LITE, policy: POLICY } });
    expect(u).toMatchObject({
      name: "customer-support",
      currentModelId: NOVA_LITE,
      version: 1,
      fallbackChain: [],
      allowedProviders: ["Amazon"],
      detectionTerms: [],
    });
    const ranked = await getForUseCase({ actor: f.analyst, useCase: "customer-support" });
    expect(ranked.currentModelId).toBe(NOVA_LITE);
    expect(ranked.models.filter((m) => m.eligible).every((m) => m.provider === "Amazon")).toBe(true);
  });

  it.each([
    ["a name the database would refuse", { name: "Customer Support" }, "name", /lowercase/],
    ["a one-letter name", { name: "x" }, "name", /2 to 40/],
    ["a first model outside the policy", { name: "support-b", currentModelId: "eu.anthropic.claude-sonnet-4-6" }, "currentModelId", /provider|Input price/],
    ["an unknown first model", { name: "support-c", currentModelId: "no.such-model-v1:0" }, "currentModelId", /Unknown model id/],
    ["a bad policy field", { name: "support-d", policy: { ...POLICY, cooldownSeconds: -1 } }, "policy.cooldownSeconds", /between 0 and 86,400/],
  ])("refuses %s with a field error", async (_what, patch: Partial<CreateUseCaseInput>, key, message) => {
    const input: CreateUseCaseInput = { ...{ name: "support-x", currentModelId: NOVA_LITE, policy: POLICY }, ...patch };
    const err = await failure(createUseCase({ actor: f.admin, input }));
    expect(err.code).toBe("invalid_request");
    expect((err.details as { fieldErrors: Record<string, string> }).fieldErrors[key]).toMatch(message);
    expect(await f.count("select count(*)::int as n from use_cases where name = $1", [input.name])).toBe(0);
  });

  it("refuses a name that exists with a conflict, and non-admins outright", async () => {
    const err = await failure(createUseCase({ actor: f.admin, input: { name: "health", currentModelId: NOVA_LITE, policy: POLICY } }));
    expect(err.code).toBe("conflict");
    expect(err.message).toBe("A use case named health already exists.");
    expect((await failure(createUseCase({ actor: f.analyst, input: { name: "support-e", currentModelId: NOVA_LITE, policy: POLICY } }))).code).toBe(
      "forbidden",
    );
  });
});
