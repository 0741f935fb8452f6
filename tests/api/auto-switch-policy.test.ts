// auto-switch on a conversation stays inside the conversation's own use case's policy, through the real API handler
// on a real database (both drivers): an end user cannot name a use case, a conversation whose use case forbids
// auto-switching (or, for an end user, choosing) is not moved, and a refused request writes nothing.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/server/auth/roles";
import { createSession } from "@/server/auth/session";
import { createServiceFixture, type ServiceFixture } from "../support/service-fixture";
import { drivers } from "../support/test-db";
import { call, expectError, expectOk, type Json } from "./support/orchestrate-client";

const userId = (a: Actor) => (a.kind === "user" ? a.user.id : "");
const HEALTH_MESSAGE = "sleep, nutrition, fitness and stress: how much sleep do I need?";

describe.each(drivers)("auto-switch of a conversation on %s", (kind) => {
  let f: ServiceFixture;
  let userToken = "";
  const snapshot = async () => ({
    switches: await f.count("select count(*)::int as n from bedrock_model_switches"),
    conversations: await f.t.rows("select id, use_case, model_override_id from conversations order by id"),
    useCases: await f.t.rows("select name, current_model_id from use_cases order by name"),
  });
  const setPolicy = (useCase: string, allowAutoSwitch: boolean, allowUserChoice: boolean) =>
    f.t.rows("update use_cases set allow_auto_switch = $2, allow_user_choice = $3 where name = $1", [useCase, allowAutoSwitch, allowUserChoice]);

  beforeAll(async () => {
    f = await createServiceFixture(kind);
    userToken = (await createSession(userId(f.user))).value;
  });
  afterAll(async () => f?.t.drop());
  afterEach(async () => {
    await setPolicy("clinical", true, true);
    await f.t.rows("update conversations set model_override_id = null");
  });

  it("refuses an end user who names a use case (403), even their own conversation's, and writes nothing", async () => {
    const before = await snapshot();
    for (const useCase of ["general", "clinical"]) {
      expectError(
        await call({ action: "auto-switch", conversationId: f.conv.clinical, useCase }, { token: userToken }),
        403,
        "forbidden",
        /cannot name a use case/,
      );
    }
    expectError(await call({ action: "auto-switch", conversationId: f.conv.operations, useCase: "general" }, { token: userToken }), 403, "forbidden");
    expectError(await call({ action: "auto-switch", useCase: "general", dryRun: true }, { token: userToken }), 403, "forbidden");
    expect(await snapshot()).toEqual(before);
  });

  it("judges a conversation by its own use case: naming another one is refused for every caller", async () => {
    const before = await snapshot();
    expectError(await call({ action: "auto-switch", conversationId: f.conv.clinical, useCase: "general" }), 400, "invalid_request", /belongs to clinical/);
    expect(await snapshot()).toEqual(before);
  });

  it("refuses an end user's auto-switch where the conversation's use case does not let users choose", async () => {
    const before = await snapshot();
    // operations: auto-switching allowed, user choice not.
    expectError(await call({ action: "auto-switch", conversationId: f.conv.operations }, { token: userToken }), 403, "forbidden", /operations/);
    await setPolicy("clinical", false, false);
    expectError(
      await call({ action: "auto-switch", conversationId: f.conv.clinical, message: HEALTH_MESSAGE }, { token: userToken }),
      403,
      "forbidden",
      /clinical/,
    );
    expect(await snapshot()).toEqual(before);
  });

  it("does not move a conversation whose use case forbids auto-switching, whatever use case its message is about", async () => {
    await setPolicy("clinical", false, true);
    const before = await snapshot();
    for (const token of [undefined, userToken]) {
      const body = expectOk(await call({ action: "auto-switch", conversationId: f.conv.clinical, message: HEALTH_MESSAGE }, { token }));
      expect(body.switched).toBe(false);
      expect(body.detection).toMatchObject({ useCase: "health", aboveThreshold: true });
      expect(body.reason).toMatch(/clinical policy does not allow auto-switching/);
    }
    expect(await snapshot()).toEqual(before);
  });

  it("auto-switches an end user's conversation under its own policy when that allows both", async () => {
    const plan = expectOk(await call({ action: "auto-switch", conversationId: f.conv.clinical, dryRun: true }, { token: userToken }));
    const runnerUp = (plan.candidates as Json[]).find((c) => c.eligible && c.modelId !== plan.toModelId)!.modelId as string;
    await f.t.rows("update conversations set model_override_id = $2 where id = $1", [f.conv.clinical, runnerUp]);
    const body = expectOk(await call({ action: "auto-switch", conversationId: f.conv.clinical }, { token: userToken }));
    expect(body).toMatchObject({ switched: true, useCase: "clinical", fromModelId: runnerUp, toModelId: plan.toModelId });
    expect(body.switch).toMatchObject({ scope: "conversation", switchType: "auto", useCase: "clinical", conversationId: f.conv.clinical });
    const [conv] = await f.t.rows<{ model_override_id: string }>("select model_override_id from conversations where id = $1", [f.conv.clinical]);
    expect(conv!.model_override_id).toBe(plan.toModelId);
  });
});
