import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppError } from "@/server/errors";
import { getDb } from "@/server/db";
import { findUseCase } from "@/server/use-cases/load";
import type { PolicyInput } from "@/lib/policy-schema";
import { updatePolicy } from "@/server/use-cases/update-policy";
import { switchModel } from "@/server/switching/switch-model";
import { drivers } from "../support/test-db";
import { createServiceFixture, type ServiceFixture } from "../support/service-fixture";
import { NOVA_MICRO } from "../support/models";
import { failure } from "../support/errors";

async function load(name: string) {
  return (await findUseCase({ db: await getDb(), name }))!;
}

/** The editable policy of a use case as stored now. */
async function policyOf(name: string): Promise<PolicyInput> {
  const u = await load(name);
  return {
    objective: u.objective,
    minContext: u.minContext,
    maxInputPricePerMTok: u.maxInputPricePerMTok,
    maxOutputPricePerMTok: u.maxOutputPricePerMTok,
    requiredCapabilities: u.requiredCapabilities as PolicyInput["requiredCapabilities"],
    allowedProviders: u.allowedProviders,
    allowedGeoScopes: u.allowedGeoScopes,
    excludeLegacy: u.excludeLegacy,
    candidates: u.candidates,
    allowAutoSwitch: u.allowAutoSwitch,
    allowUserChoice: u.allowUserChoice,
    cooldownSeconds: u.cooldownSeconds,
    monthlyInputTokens: u.monthlyInputTokens,
    monthlyOutputTokens: u.monthlyOutputTokens,
    description: u.description,
  };
}

describe.each(drivers)("updatePolicy on %s", (kind) => {
  let f: ServiceFixture;
  beforeAll(async () => {
    f = await createServiceFixture(kind);
  });
  afterAll(async () => f?.t.drop());

  it("saves a policy, bumps the version and returns the fresh use case without warnings", async () => {
    const before = await load("operations");
    const policy = {
      ...(await policyOf("operations")),
      cooldownSeconds: 600,
      objective: "quality" as const,
      allowedProviders: ["amazon", "Anthropic"],
      candidates: [NOVA_MICRO, "eu.amazon.nova-pro-v1:0"],
    };
    const r = await updatePolicy({ actor: f.admin, name: "operations", expectedVersion: before.version, policy });
    expect(r.useCase).toMatchObject({ cooldownSeconds: 600, objective: "quality", version: before.version + 1, currentModelId: before.currentModelId });
    // Providers are stored in the catalog's spelling.
    expect(r.useCase.allowedProviders).toEqual(["Amazon", "Anthropic"]);
    expect(r.useCase.candidates).toEqual([NOVA_MICRO, "eu.amazon.nova-pro-v1:0"]);
    expect(r.warnings).toEqual([]);
    expect(await load("operations")).toMatchObject({ cooldownSeconds: 600, version: before.version + 1 });
  });

  it("accepts a base model id as a candidate (residency then picks the profile)", async () => {
    const u = await load("general");
    const r = await updatePolicy({
      actor: f.admin,
      name: "general",
      expectedVersion: u.version,
      policy: { ...(await policyOf("general")), candidates: ["anthropic.claude-haiku-4-5-20251001-v1:0"] },
    });
    expect(r.useCase.candidates).toEqual(["anthropic.claude-haiku-4-5-20251001-v1:0"]);
  });

  it("refuses a stale version with a conflict that carries the fresh use case, saving nothing", async () => {
    const u = await load("health");
    // Someone switches the model: that bumps the version the editor loaded.
    await switchModel({ actor: f.admin, input: { modelId: NOVA_MICRO, useCase: "health" } });
    const err = await failure(
      updatePolicy({ actor: f.admin, name: "health", expectedVersion: u.version, policy: { ...(await policyOf("health")), cooldownSeconds: 999 } }),
    );
    expect(err.code).toBe("conflict");
    expect(err.message).toMatch(/changed use case health meanwhile/);
    const fresh = (err.details as { useCase: { version: number; currentModelId: string } }).useCase;
    expect(fresh).toMatchObject({ version: u.version + 1, currentModelId: NOVA_MICRO });
    expect((await load("health")).cooldownSeconds).toBe(u.cooldownSeconds);
  });

  it.each([
    ["a negative cooldown", { cooldownSeconds: -5 }, "policy.cooldownSeconds", /between 0 and 86,400/],
    ["a cooldown over a day", { cooldownSeconds: 86_401 }, "policy.cooldownSeconds", /between 0 and 86,400/],
    ["a fractional cooldown", { cooldownSeconds: 1.5 }, "policy.cooldownSeconds", /whole number/],
    ["a zero minimum context", { minContext: 0 }, "policy.minContext", /at least 1/],
    ["a negative price ceiling", { maxInputPricePerMTok: -1 }, "policy.maxInputPricePerMTok", /0 or more/],
    ["a negative monthly volume", { monthlyOutputTokens: -10 }, "policy.monthlyOutputTokens", /0 or more/],
    ["an unknown objective", { objective: "speed" }, "policy.objective", /quality, balanced or cost/],
    ["an unknown capability", { requiredCapabilities: ["telepathy"] }, "policy.requiredCapabilities.0", /Capabilities are/],
    ["an unknown geo scope", { allowedGeoScopes: ["mars"] }, "policy.allowedGeoScopes.0", /Geo scopes are/],
    [
      "an unknown provider",
      { allowedProviders: ["Amazon", "Acme AI"] },
      "policy.allowedProviders",
      /Unknown provider Acme AI: the catalog has Amazon, Anthropic/,
    ],
    ["an unknown candidate", { candidates: [NOVA_MICRO, "no.such-model-v1:0"] }, "policy.candidates.1", /not in the catalog/],
    ["a repeated candidate", { candidates: [NOVA_MICRO, NOVA_MICRO] }, "policy.candidates.1", /listed twice/],
    ["an unknown field", { temperature: 2 }, "policy", /temperature/],
  ])("refuses %s with a field error and changes nothing", async (_what, patch, field, message) => {
    const before = await load("clinical");
    const policy = { ...(await policyOf("clinical")), ...patch } as PolicyInput;
    const err = await failure(updatePolicy({ actor: f.admin, name: "clinical", expectedVersion: before.version, policy }));
    expect(err.code).toBe("invalid_request");
    const fieldErrors = (err.details as { fieldErrors: Record<string, string> }).fieldErrors;
    expect(fieldErrors[field]).toMatch(message);
    expect(await load("clinical")).toEqual(before);
  });

  it("saves a policy the current model no longer fits, with a warning naming the failing checks", async () => {
    const u = await load("clinical");
    const r = await updatePolicy({
      actor: f.admin,
      name: "clinical",
      expectedVersion: u.version,
      policy: { ...(await policyOf("clinical")), maxInputPricePerMTok: 1 },
    });
    expect(r.useCase.maxInputPricePerMTok).toBe(1);
    expect(r.useCase.currentModelId).toBe(u.currentModelId);
    expect(r.warnings.join(" ")).toMatch(
      /^The current model, Claude Sonnet 4\.5, no longer fits this policy: Input price \$3\.30\/MTok exceeds the policy ceiling of \$1\.00\/MTok\. It keeps serving clinical/,
    );
  });

  it("warns when no enabled model fits at all", async () => {
    const u = await load("general");
    const r = await updatePolicy({
      actor: f.admin,
      name: "general",
      expectedVersion: u.version,
      policy: { ...(await policyOf("general")), minContext: 90_000_000 },
    });
    expect(r.warnings.some((w) => /No enabled model in the catalog fits/.test(w))).toBe(true);
  });

  it("lets only admins (and the service) edit a policy, and says when the use case does not exist", async () => {
    const u = await load("operations");
    const policy = await policyOf("operations");
    expect((await failure(updatePolicy({ actor: f.analyst, name: "operations", expectedVersion: u.version, policy }))).code).toBe("forbidden");
    expect((await failure(updatePolicy({ actor: f.user, name: "operations", expectedVersion: u.version, policy }))).code).toBe("forbidden");
    expect((await failure(updatePolicy({ actor: f.admin, name: "astrology", expectedVersion: 1, policy }))).code).toBe("not_found");
    const r = await updatePolicy({ actor: f.service, name: "operations", expectedVersion: u.version, policy });
    expect(r.useCase.version).toBe(u.version + 1);
  });

  it("lets one of two concurrent saves of the same version win and refuses the other", async () => {
    const u = await load("operations");
    const base = await policyOf("operations");
    const results = await Promise.allSettled([
      updatePolicy({ actor: f.admin, name: "operations", expectedVersion: u.version, policy: { ...base, cooldownSeconds: 111 } }),
      updatePolicy({ actor: f.admin, name: "operations", expectedVersion: u.version, policy: { ...base, cooldownSeconds: 222 } }),
    ]);
    const won = results.filter((r) => r.status === "fulfilled");
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect((lost[0]!.reason as AppError).code).toBe("conflict");
    expect((await load("operations")).version).toBe(u.version + 1);
  });
});
