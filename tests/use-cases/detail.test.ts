import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { modelCooldowns } from "@/db/schema";
import { applyAutoSwitch } from "@/server/use-cases/apply-auto-switch";
import { getUseCaseDetail, listUseCaseDetails } from "@/server/use-cases/detail";
import { listUseCaseSummaries } from "@/server/use-cases/summaries";
import { autoSwitch } from "@/server/orchestration/auto-switch";
import { switchModel } from "@/server/switching/switch-model";
import { drivers } from "../support/test-db";
import { createServiceFixture, dropInvokePathCachesHere, type ServiceFixture } from "../support/service-fixture";
import { NOVA_LITE, NOVA_MICRO, NOVA_PRO, OPUS } from "../support/models";
import { failure } from "../support/errors";

describe.each(drivers)("use-case detail and auto-switch apply on %s", (kind) => {
  let f: ServiceFixture;
  beforeAll(async () => {
    f = await createServiceFixture(kind);
  });
  afterAll(async () => f?.t.drop());

  it("describes a use case: current model, chain with names, and only the cooldowns that matter to it", async () => {
    const soon = new Date(Date.now() + 10 * 60_000);
    const later = new Date(Date.now() + 20 * 60_000);
    await f.t.db.insert(modelCooldowns).values([
      // health's fallback chain starts with Nova Micro
      { modelId: NOVA_MICRO, until: soon, errorCode: "throttled" },
      // expired: ignored
      { modelId: NOVA_PRO, until: new Date(Date.now() - 60_000), errorCode: "timeout" },
      // far above health's price ceiling and not in its chain: not health's concern
      { modelId: OPUS, until: later, errorCode: "server_error" },
    ]);
    dropInvokePathCachesHere(); // written behind the app's back (coolDown announces its own)
    const d = await getUseCaseDetail({ actor: f.analyst, name: "health" });
    expect(d.useCase.name).toBe("health");
    expect(d.currentModel?.modelId).toBe(NOVA_LITE);
    expect(d.fallbackChain).toEqual([
      { modelId: NOVA_MICRO, name: "Nova Micro (EU)", enabled: true, coolingDownUntil: soon.toISOString() },
      { modelId: NOVA_PRO, name: "Nova Pro (EU)", enabled: true, coolingDownUntil: null },
    ]);
    expect(d.cooldowns).toEqual([{ modelId: NOVA_MICRO, name: "Nova Micro (EU)", until: soon.toISOString(), errorCode: "throttled", role: "fallback" }]);

    // Every use case lists only the cooldowns it has a reason to care about, soonest first, and says which reason.
    const all = await listUseCaseDetails({ actor: f.admin });
    const roles = Object.fromEntries(all.map((x) => [x.useCase.name, x.cooldowns.map((c) => [c.modelId, c.role, c.until])]));
    expect(roles).toEqual({
      // Nova Micro lacks the documents capability and the 200K context; Opus's $25 output is over the $20 ceiling.
      clinical: [],
      // No ceiling and text only: both would fit but for their cooldowns.
      general: [
        [NOVA_MICRO, "candidate", soon.toISOString()],
        [OPUS, "candidate", later.toISOString()],
      ],
      health: [[NOVA_MICRO, "fallback", soon.toISOString()]],
      // Both have tools and 100K of context.
      operations: [
        [NOVA_MICRO, "candidate", soon.toISOString()],
        [OPUS, "candidate", later.toISOString()],
      ],
    });
    expect(all.find((x) => x.useCase.name === "health")).toEqual(d);
  });

  it("answers not_found for an unknown use case and lists summaries for other pages", async () => {
    expect((await failure(getUseCaseDetail({ actor: f.admin, name: "astrology" }))).code).toBe("not_found");
    const s = await listUseCaseSummaries({ actor: f.analyst });
    expect(s.find((u) => u.name === "health")).toEqual({
      name: "health",
      currentModelId: NOVA_LITE,
      monthlyInputTokens: 1_600_000_000,
      monthlyOutputTokens: 380_000_000,
    });
  });

  it("applies exactly the previewed auto-switch, and refuses when the model or the winner moved", async () => {
    await f.t.db.delete(modelCooldowns);
    dropInvokePathCachesHere();
    const preview = await autoSwitch({ actor: f.admin, input: { useCase: "health", dryRun: true } });
    expect(preview.switched).toBe(false);
    expect(preview.toModelId).not.toBe(preview.fromModelId);

    const wrongTo = await failure(
      applyAutoSwitch({ actor: f.admin, useCase: "health", expectedFromModelId: preview.fromModelId!, expectedToModelId: NOVA_PRO }),
    );
    expect(wrongTo.code).toBe("conflict");
    expect(wrongTo.message).toMatch(/not the eu\.amazon\.nova-pro-v1:0 you previewed/);

    await switchModel({ actor: f.admin, input: { modelId: NOVA_PRO, useCase: "health" } });
    const stale = await failure(
      applyAutoSwitch({ actor: f.admin, useCase: "health", expectedFromModelId: preview.fromModelId!, expectedToModelId: preview.toModelId! }),
    );
    expect(stale.code).toBe("conflict");
    expect(stale.details).toEqual({ currentModelId: NOVA_PRO });

    const fresh = await autoSwitch({ actor: f.admin, input: { useCase: "health", dryRun: true } });
    const applied = await applyAutoSwitch({ actor: f.admin, useCase: "health", expectedFromModelId: NOVA_PRO, expectedToModelId: fresh.toModelId! });
    expect(applied.switched).toBe(true);
    expect(applied.switch?.switchType).toBe("auto");
    expect(applied.toModelId).toBe(fresh.toModelId);

    expect((await failure(applyAutoSwitch({ actor: f.analyst, useCase: "health" }))).code).toBe("forbidden");
  });
});
