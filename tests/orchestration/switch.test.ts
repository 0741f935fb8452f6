import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "@/server/errors";
import { switchModel } from "@/server/switching/switch-model";
import { drivers } from "../support/test-db";
import { createServiceFixture, type ServiceFixture } from "../support/service-fixture";
import { NOVA_LITE, NOVA_MICRO, NOVA_PRO, SONNET_45, SONNET_46 } from "../support/models";
import { codeOf } from "../support/errors";

describe.each(drivers)("switch on %s", (kind) => {
  let f: ServiceFixture;
  const switches = () => f.count("select count(*)::int as n from bedrock_model_switches");
  beforeAll(async () => {
    f = await createServiceFixture(kind, { max: 20 });
  });
  afterAll(async () => f?.t.drop());

  it("switches a use case, logs previous and new model, and returns a manual notification", async () => {
    const r = await switchModel({ actor: f.admin, input: { modelId: NOVA_MICRO, useCase: "health", reason: "cost review" } });
    expect(r.switch).toMatchObject({
      previousModelId: NOVA_LITE,
      newModelId: NOVA_MICRO,
      switchType: "manual",
      trigger: "admin",
      useCase: "health",
      scope: "use_case",
    });
    expect(r.notification).toMatchObject({ type: "manual", modelId: NOVA_MICRO, modelName: "Nova Micro (EU)", previousModelId: NOVA_LITE });
    expect(r.notification!.message).toContain("cost review");
    const [uc] = await f.t.rows<{ current_model_id: string }>("select current_model_id from use_cases where name = 'health'");
    expect(uc!.current_model_id).toBe(NOVA_MICRO);
  });

  it("defaults to the general use case", async () => {
    const r = await switchModel({ actor: f.service, input: { modelId: NOVA_LITE } });
    expect(r.switch.useCase).toBe("general");
    expect(r.switch.trigger).toBe("service");
  });

  it("200 concurrent switches of one use case leave one row each in one unbroken chain, the use case on the last model", async () => {
    const before = await switches();
    const models = [SONNET_45, SONNET_46];
    await Promise.all(
      Array.from({ length: 200 }, (_, i) => switchModel({ actor: f.service, input: { modelId: models[i % 2]!, useCase: "clinical", reason: `load ${i}` } })),
    );
    expect(await switches()).toBe(before + 200);
    const rows = await f.t.rows<{ previous_model_id: string; new_model_id: string }>(
      "select previous_model_id, new_model_id from bedrock_model_switches where use_case = 'clinical' and scope = 'use_case' order by id",
    );
    expect(rows).toHaveLength(200);
    for (let i = 1; i < rows.length; i++) expect(rows[i]!.previous_model_id).toBe(rows[i - 1]!.new_model_id);
    const [uc] = await f.t.rows<{ current_model_id: string }>("select current_model_id from use_cases where name = 'clinical'");
    expect(uc!.current_model_id).toBe(rows.at(-1)!.new_model_id);
  });

  it("an idempotent retry writes one row and returns the first result, also when the retries race", async () => {
    const before = await switches();
    const input = { modelId: NOVA_PRO, useCase: "operations", idempotencyKey: `key-${kind}-1` };
    const first = await switchModel({ actor: f.service, input });
    const again = await switchModel({ actor: f.service, input });
    expect(again.switch.id).toBe(first.switch.id);
    expect(again.replayed).toBe(true);
    const raced = await Promise.all(
      Array.from({ length: 10 }, () => switchModel({ actor: f.service, input: { ...input, modelId: NOVA_LITE, idempotencyKey: `key-${kind}-2` } })),
    );
    expect(new Set(raced.map((r) => r.switch.id)).size).toBe(1);
    expect(await switches()).toBe(before + 2);
  });

  it("checks the caller's role before replaying an idempotency key", async () => {
    const key = `key-${kind}-roles`;
    await switchModel({ actor: f.service, input: { modelId: NOVA_LITE, useCase: "general", idempotencyKey: key } });
    expect(await codeOf(switchModel({ actor: f.analyst, input: { modelId: NOVA_LITE, useCase: "general", idempotencyKey: key } }))).toBe("forbidden");
    expect(await codeOf(switchModel({ actor: f.user, input: { modelId: NOVA_LITE, useCase: "general", idempotencyKey: key } }))).toBe("forbidden");
  });

  it("refuses a stale expectedCurrentModelId with a conflict naming the current model, writing nothing", async () => {
    const before = await switches();
    const err = await switchModel({ actor: f.admin, input: { modelId: NOVA_MICRO, useCase: "operations", expectedCurrentModelId: SONNET_45 } }).catch((e) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err.code).toBe("conflict");
    expect(err.details).toEqual({ currentModelId: NOVA_LITE });
    expect(await switches()).toBe(before);
  });

  it.each([
    ["an unknown model", "no.such-model-v1:0", "general"],
    ["a bare Claude id (not on-demand in eu-central-1)", "anthropic.claude-sonnet-4-5-20250929-v1:0", "general"],
    ["a model outside the clinical policy (context too small)", NOVA_MICRO, "clinical"],
    ["a model past its end of life", "anthropic.claude-3-haiku-20240307-v1:0", "general"],
  ])("refuses %s with invalid_model and the checks, writing nothing", async (_what, modelId, useCase) => {
    const before = await switches();
    const err = await switchModel({ actor: f.admin, input: { modelId, useCase } }).catch((e) => e);
    expect(err.code).toBe("invalid_model");
    expect(err.details.checks.some((c: { status: string }) => c.status === "fail")).toBe(true);
    expect(await switches()).toBe(before);
  });

  it("applies roles: analysts and end users cannot switch a use case; an end user can switch only their own conversation", async () => {
    const before = await switches();
    expect(await codeOf(switchModel({ actor: f.analyst, input: { modelId: NOVA_LITE, useCase: "general" } }))).toBe("forbidden");
    expect(await codeOf(switchModel({ actor: f.user, input: { modelId: NOVA_LITE, useCase: "general" } }))).toBe("forbidden");
    expect(await codeOf(switchModel({ actor: f.otherUser, input: { modelId: SONNET_46, conversationId: f.conv.clinical } }))).toBe("not_found");
    // operations does not let users choose their model
    expect(await codeOf(switchModel({ actor: f.user, input: { modelId: NOVA_LITE, conversationId: f.conv.operations } }))).toBe("forbidden");
    expect(await switches()).toBe(before);
    const own = await switchModel({ actor: f.user, input: { modelId: SONNET_46, conversationId: f.conv.clinical } });
    expect(own.switch).toMatchObject({ scope: "conversation", conversationId: f.conv.clinical, newModelId: SONNET_46, trigger: "user" });
    expect(own.notification!.message).toMatch(/^This conversation now uses Claude Sonnet 4.6 \(EU\)/);
  });

  it("returns not_found for an unknown use case or conversation", async () => {
    expect(await codeOf(switchModel({ actor: f.admin, input: { modelId: NOVA_LITE, useCase: "astrology" } }))).toBe("not_found");
    expect(await codeOf(switchModel({ actor: f.admin, input: { modelId: NOVA_LITE, conversationId: "00000000-0000-4000-8000-000000000000" } }))).toBe(
      "not_found",
    );
  });
});
