// The `aws` mode end to end below the doors, on a real database: the invoke path and the catalog sync, configured
// only through the environment (BEDROCK_MODE=aws, BEDROCK_RUNTIME_ENDPOINT, BEDROCK_CONTROL_ENDPOINT, dummy
// credentials), calling the Bedrock stand-in through the real AWS SDK.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { catalogSnapshot, type CatalogSnapshotEntry } from "@/db/seed/catalog-snapshot";
import { resetBedrockGateways } from "@/server/bedrock";
import { syncCatalog } from "@/server/catalog/sync";
import { invoke } from "@/server/invoke/invoke";
import { flushInvocations } from "@/server/invoke/record";
import { switchModel } from "@/server/switching/switch-model";
import { startBedrockStandIn, type BedrockStandIn, type StandInFault } from "@/stand-ins/bedrock";
import { NOVA_LITE, NOVA_MICRO } from "../support/models";
import { createServiceFixture, type ServiceFixture } from "../support/service-fixture";
import { drivers } from "../support/test-db";

const hello = [{ role: "user" as const, text: "How much sleep do I need after a marathon?" }];
const envGlobal = globalThis as { __switchboardEnv?: unknown };

const novaLite = catalogSnapshot.find((e) => e.modelId === NOVA_LITE)!;
/** A model AWS knows and the bundled catalog does not, and a new profile of a model it knows: the sync adds both. */
const NEW_MODEL: CatalogSnapshotEntry = { ...novaLite, modelId: "eu.amazon.nova-lite-v9:0", baseModelId: "amazon.nova-lite-v9:0", name: "Nova Lite 9" };
const NEW_PROFILE: CatalogSnapshotEntry = { ...novaLite, modelId: "global.amazon.nova-lite-v1:0", geoScope: "global", name: "Global Nova Lite" };

function useStandIn(standIn: BedrockStandIn): void {
  Object.assign(process.env, {
    BEDROCK_MODE: "aws",
    BEDROCK_RUNTIME_ENDPOINT: standIn.url,
    BEDROCK_CONTROL_ENDPOINT: standIn.url,
    BEDROCK_RUNTIME_TIMEOUT_MS: "300",
    AWS_ACCESS_KEY_ID: "AKIDSTANDINTEST",
    AWS_SECRET_ACCESS_KEY: "stand-in-secret",
  });
  envGlobal.__switchboardEnv = undefined; // env() is read once per process: re-read it for this configuration
  resetBedrockGateways();
}

describe.each(drivers)("aws mode against the Bedrock stand-in on %s", (kind) => {
  let f: ServiceFixture;
  let standIn: BedrockStandIn;
  const lastSwitch = async () =>
    (await f.t.rows<Record<string, unknown>>("select * from bedrock_model_switches where use_case = 'health' order by id desc limit 1"))[0];

  beforeAll(async () => {
    standIn = await startBedrockStandIn({ catalog: [...catalogSnapshot, NEW_MODEL, NEW_PROFILE] });
    useStandIn(standIn);
    f = await createServiceFixture(kind);
  });
  afterAll(async () => {
    await f?.t.drop();
    await standIn?.close();
    process.env.BEDROCK_MODE = "offline";
    for (const k of ["BEDROCK_RUNTIME_ENDPOINT", "BEDROCK_CONTROL_ENDPOINT", "BEDROCK_RUNTIME_TIMEOUT_MS"]) delete process.env[k];
    envGlobal.__switchboardEnv = undefined;
    resetBedrockGateways();
  });
  afterEach(async () => {
    standIn.setFault(NOVA_LITE, null);
    standIn.clearCalls();
    await f.t.rows("delete from model_cooldowns");
    await switchModel({ actor: f.admin, input: { modelId: NOVA_LITE, useCase: "health" } }).catch(() => undefined);
  });

  it("serves health from Nova Lite through the stand-in and records the call with its cost", async () => {
    const streamed: string[] = [];
    const r = await invoke({ actor: f.service, input: { useCase: "health", messages: hello, onText: (t) => streamed.push(t) } });
    expect(r).toMatchObject({ modelId: NOVA_LITE, text: `Stand-in reply from ${NOVA_LITE}: ${hello[0]!.text}`, failedAttempts: [], fallback: null });
    expect(streamed.length).toBeGreaterThan(1);
    expect(standIn.calls).toEqual([expect.objectContaining({ operation: "ConverseStream", modelId: NOVA_LITE, auth: "sigv4", status: 200 })]);
    await flushInvocations();
    const [inv] = await f.t.rows<{ outcome: string; input_tokens: number; output_tokens: number; cost_usd: string }>(
      "select * from invocations order by id desc limit 1",
    );
    expect(inv).toMatchObject({ outcome: "success", input_tokens: r.inputTokens, output_tokens: r.outputTokens });
    expect(r.inputTokens).toBe(Math.ceil(hello[0]!.text.length / 4));
    expect(Number(inv!.cost_usd)).toBeCloseTo((r.inputTokens * 0.078 + r.outputTokens * 0.312) / 1e6, 8);
  });

  it.each([
    [{ kind: "throttle", retryAfterSeconds: 5 }, "ThrottlingException", "throttled"],
    [{ kind: "unavailable" }, "ServiceUnavailableException", "server_error"],
    [{ kind: "timeout", ms: 3000 }, "TimeoutError", "timeout"],
    [{ kind: "midstream", exception: "throttlingException", afterChunks: 0 }, "ThrottlingException", "throttled"],
  ] as [StandInFault, string, string][])("%o on Nova Lite falls back to Nova Micro, cools it down and logs %s", async (fault, code, outcome) => {
    standIn.setFault(NOVA_LITE, fault);
    const r = await invoke({ actor: f.service, input: { useCase: "health", messages: hello } });
    expect(r.modelId).toBe(NOVA_MICRO);
    expect(r.text).toBe(`Stand-in reply from ${NOVA_MICRO}: ${hello[0]!.text}`);
    expect(r.failedAttempts).toEqual([{ modelId: NOVA_LITE, errorCode: code, httpStatus: expect.any(Number) }]);
    expect(standIn.calls.map((c) => c.modelId)).toEqual([NOVA_LITE, NOVA_MICRO]);
    expect(await lastSwitch()).toMatchObject({
      switch_type: "fallback",
      trigger: "bedrock_error",
      error_code: code,
      previous_model_id: NOVA_LITE,
      new_model_id: NOVA_MICRO,
    });
    expect(await f.count("select count(*) as n from model_cooldowns where model_id = $1 and until > now()", [NOVA_LITE])).toBe(1);
    await flushInvocations();
    const failed = await f.t.rows<{ outcome: string; error_code: string }>(
      "select outcome, error_code from invocations where model_id = $1 order by id desc limit 1",
      [NOVA_LITE],
    );
    expect(failed[0]).toEqual({ outcome, error_code: code });
  });

  it.each([
    [{ kind: "validation" }, "ValidationException", "invalid_request"],
    [{ kind: "access_denied" }, "AccessDeniedException", "unavailable"],
    [{ kind: "midstream" }, "ModelStreamErrorException", "unavailable"],
    // Text already reached the caller: another model cannot take the answer over, even for a retryable error.
    [{ kind: "midstream", exception: "throttlingException", afterChunks: 1 }, "ThrottlingException", "unavailable"],
  ] as [StandInFault, string, string][])("%o is answered as %s without a fallback", async (fault, code, appCode) => {
    const before = await lastSwitch();
    standIn.setFault(NOVA_LITE, fault);
    const err = await invoke({ actor: f.service, input: { useCase: "health", messages: hello } }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: appCode, details: { bedrockCode: code, modelId: NOVA_LITE } });
    expect(standIn.calls.map((c) => c.modelId)).toEqual([NOVA_LITE]);
    expect(await lastSwitch()).toEqual(before);
    expect(await f.count("select count(*) as n from model_cooldowns")).toBe(0);
  });

  it("syncs the catalog from the stand-in's listings: adds what AWS knows and we do not, keeps curated fields", async () => {
    const curated =
      "select model_id, input_price_per_mtok, output_price_per_mtok, quality_tier, use_cases, enabled from bedrock_models where model_id not in ($1, $2) order by model_id";
    const before = await f.t.rows(curated, [NEW_MODEL.modelId, NEW_PROFILE.modelId]);
    const summary = await syncCatalog({ actor: f.admin });
    expect(summary.mode).toBe("aws");
    expect(summary.added).toEqual(expect.arrayContaining([NEW_MODEL.modelId, NEW_PROFILE.modelId]));
    type Row = { model_id: string; enabled: boolean; input_price_per_mtok: string; source: string; context_window: number; destination_regions: string[] };
    const rows = await f.t.rows<Row>("select * from bedrock_models where model_id in ($1, $2) order by model_id", [NEW_MODEL.modelId, NEW_PROFILE.modelId]);
    expect(rows.map((r) => [r.model_id, r.enabled, Number(r.input_price_per_mtok), r.source])).toEqual([
      [NEW_MODEL.modelId, false, 0, "aws-sync"],
      [NEW_PROFILE.modelId, false, 0, "aws-sync"],
    ]);
    // Limits are unknown for a new model, and those of the model's other profile for a new profile of it.
    expect(rows.map((r) => r.context_window)).toEqual([1, novaLite.contextWindow]);
    expect(rows[0]!.destination_regions).toEqual([...NEW_MODEL.destinationRegions].sort());
    expect(await f.t.rows(curated, [NEW_MODEL.modelId, NEW_PROFILE.modelId])).toEqual(before);
    expect(new Set(standIn.calls.map((c) => c.operation))).toEqual(new Set(["ListFoundationModels", "ListInferenceProfiles"]));
  });
});
