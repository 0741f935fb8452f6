import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppError } from "@/server/errors";
import { getDb } from "@/server/db";
import { findUseCase } from "@/server/use-cases/load";
import { setFallbackChain } from "@/server/use-cases/update-fallback-chain";
import { drivers } from "../support/test-db";
import { createServiceFixture, type ServiceFixture } from "../support/service-fixture";
import { HAIKU, NOVA_LITE, NOVA_MICRO, NOVA_PRO } from "../support/models";
import { failure } from "../support/errors";

const NOVA2_LITE = "global.amazon.nova-2-lite-v1:0";
const PIXTRAL = "eu.mistral.pixtral-large-2502-v1:0";

const chainOf = async (name: string) => (await findUseCase({ db: await getDb(), name }))!.fallbackChain;
const fieldErrors = (err: AppError) => (err.details as { fieldErrors: Record<string, string> }).fieldErrors;

describe.each(drivers)("setFallbackChain on %s", (kind) => {
  let f: ServiceFixture;
  beforeAll(async () => {
    f = await createServiceFixture(kind, { max: 10 });
  });
  afterAll(async () => f?.t.drop());

  it("replaces the chain in the given order and leaves the version alone", async () => {
    const before = (await findUseCase({ db: await getDb(), name: "health" }))!;
    const r = await setFallbackChain({ actor: f.admin, name: "health", chain: [NOVA_PRO, NOVA_MICRO, HAIKU] });
    expect(r.useCase.fallbackChain).toEqual([NOVA_PRO, NOVA_MICRO, HAIKU]);
    expect(await chainOf("health")).toEqual([NOVA_PRO, NOVA_MICRO, HAIKU]);
    expect(r.useCase.version).toBe(before.version);
    const rows = await f.t.rows<{ position: number; model_id: string }>(
      "select position, model_id from use_case_fallbacks where use_case = 'health' order by position",
    );
    expect(rows).toEqual([
      { position: 0, model_id: NOVA_PRO },
      { position: 1, model_id: NOVA_MICRO },
      { position: 2, model_id: HAIKU },
    ]);
  });

  it("accepts an empty chain (no fallback) and models outside the policy (the chain is the admin's choice)", async () => {
    expect((await setFallbackChain({ actor: f.admin, name: "general", chain: [] })).useCase.fallbackChain).toEqual([]);
    // Pixtral ($2/MTok in) is over health's $1.50 input ceiling and global Nova 2 Lite outside its EU residency,
    // but a fallback is not held to the policy.
    expect((await setFallbackChain({ actor: f.admin, name: "health", chain: [PIXTRAL, NOVA2_LITE] })).useCase.fallbackChain).toEqual([PIXTRAL, NOVA2_LITE]);
  });

  it("refuses the current model in its own chain, saying so, and changes nothing", async () => {
    const before = await chainOf("health");
    const err = await failure(setFallbackChain({ actor: f.admin, name: "health", chain: [NOVA_MICRO, NOVA_LITE] }));
    expect(err.code).toBe("invalid_request");
    expect(fieldErrors(err)["chain.1"]).toMatch(/is the current model of health; .* cannot be in its own chain/);
    expect(await chainOf("health")).toEqual(before);
  });

  it.each([
    ["an unknown id", ["no.such-model-v1:0"], "chain.0", /Unknown model id/],
    ["a disabled entry", [NOVA_MICRO, "eu.amazon.nova-2-pro-preview-20251202-v1:0"], "chain.1", /disabled/i],
    ["an entry past its end of life", ["eu.anthropic.claude-3-5-sonnet-20240620-v1:0"], "chain.0", /end of life/i],
    ["a bare Claude id", ["anthropic.claude-haiku-4-5-20251001-v1:0"], "chain.0", /eu\.anthropic\.claude-haiku-4-5-20251001-v1:0/],
    ["a repeated model", [NOVA_MICRO, NOVA_PRO, NOVA_MICRO], "chain.2", /already in the chain/],
    ["more than five models", [NOVA_MICRO, NOVA_PRO, HAIKU, NOVA2_LITE, PIXTRAL, "eu.anthropic.claude-sonnet-4-6"], "chain", /at most 5/],
  ])("refuses %s with a field error on the entry, changing nothing", async (_what, chain, key, message) => {
    const before = await chainOf("health");
    const err = await failure(setFallbackChain({ actor: f.admin, name: "health", chain }));
    expect(err.code).toBe("invalid_request");
    expect(fieldErrors(err)[key]).toMatch(message);
    expect(await chainOf("health")).toEqual(before);
  });

  it("refuses a save made from a stale chain with a conflict carrying the fresh one", async () => {
    const seen = await chainOf("operations");
    await setFallbackChain({ actor: f.admin, name: "operations", chain: [HAIKU] });
    const err = await failure(setFallbackChain({ actor: f.admin, name: "operations", chain: [NOVA_MICRO], expectedChain: seen }));
    expect(err.code).toBe("conflict");
    expect((err.details as { useCase: { fallbackChain: string[] } }).useCase.fallbackChain).toEqual([HAIKU]);
    expect(await chainOf("operations")).toEqual([HAIKU]);
    const ok = await setFallbackChain({ actor: f.admin, name: "operations", chain: [NOVA_MICRO], expectedChain: [HAIKU] });
    expect(ok.useCase.fallbackChain).toEqual([NOVA_MICRO]);
  });

  it("keeps each concurrent save whole: the chain ends as one of them, never a mix", async () => {
    const a = [NOVA_MICRO, NOVA_PRO, HAIKU];
    const b = [NOVA2_LITE, PIXTRAL];
    await Promise.all(Array.from({ length: 10 }, (_, i) => setFallbackChain({ actor: f.admin, name: "clinical", chain: i % 2 ? a : b })));
    const final = await chainOf("clinical");
    expect([a, b]).toContainEqual(final);
  });

  it("lets only admins edit a chain and answers not_found for an unknown use case", async () => {
    expect((await failure(setFallbackChain({ actor: f.analyst, name: "health", chain: [] }))).code).toBe("forbidden");
    expect((await failure(setFallbackChain({ actor: f.user, name: "health", chain: [] }))).code).toBe("forbidden");
    expect((await failure(setFallbackChain({ actor: f.admin, name: "astrology", chain: [] }))).code).toBe("not_found");
  });
});
