// "Switch back" from a toast: the end user's own conversation goes back to the previous model, only if it still uses
// the model the toast announced, and only where the use case lets users choose.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { switchBack } from "@/server/realtime/switch-back";
import { switchModel } from "@/server/switching/switch-model";
import { createServiceFixture, type ServiceFixture } from "../support/service-fixture";
import { drivers } from "../support/test-db";
import { NOVA_LITE, NOVA_PRO, SONNET_45, SONNET_46 } from "../support/models";
import { codeOf } from "../support/errors";

describe.each(drivers)("switch back on %s", (kind) => {
  let f: ServiceFixture;
  const modelOf = async (conversationId: string) =>
    (
      await f.t.rows<{ m: string }>(
        "select coalesce(c.model_override_id, u.current_model_id) as m from conversations c join use_cases u on u.name = c.use_case where c.id = $1",
        [conversationId],
      )
    )[0]!.m;

  beforeAll(async () => {
    f = await createServiceFixture(kind);
  });
  afterAll(async () => f?.t.drop());

  it("pins the user's conversation back to the previous model after a use-case switch", async () => {
    await switchModel({ actor: f.admin, input: { useCase: "clinical", modelId: SONNET_46 } });
    expect(await modelOf(f.conv.clinical)).toBe(SONNET_46);
    const r = await switchBack({ actor: f.user, conversationIds: [f.conv.clinical], modelId: SONNET_45, expectedCurrentModelId: SONNET_46 });
    expect(r.switchIds).toHaveLength(1);
    expect(r.skipped).toEqual([]);
    expect(await modelOf(f.conv.clinical)).toBe(SONNET_45);
    const [row] = await f.t.rows<{ scope: string; reason: string; user_id: string }>(
      "select scope, reason, user_id from bedrock_model_switches where id = $1",
      [r.switchIds[0]],
    );
    expect(row).toMatchObject({ scope: "conversation", reason: "Switched back from the notification", user_id: f.user.kind === "user" ? f.user.user.id : "" });
  });

  it("is a conflict, changing nothing, when the model changed again meanwhile", async () => {
    const before = await modelOf(f.conv.clinical);
    expect(
      await codeOf(switchBack({ actor: f.user, conversationIds: [f.conv.clinical], modelId: SONNET_46, expectedCurrentModelId: "eu.amazon.nova-micro-v1:0" })),
    ).toBe("conflict");
    expect(await modelOf(f.conv.clinical)).toBe(before);
  });

  it("refuses another user's conversation and a use case without user choice", async () => {
    expect(
      await codeOf(
        switchBack({
          actor: f.user,
          conversationIds: [f.conv.other],
          modelId: NOVA_LITE,
          expectedCurrentModelId: "eu.anthropic.claude-haiku-4-5-20251001-v1:0",
        }),
      ),
    ).toBe("not_found");
    await switchModel({ actor: f.admin, input: { useCase: "operations", modelId: NOVA_LITE } });
    expect(await codeOf(switchBack({ actor: f.user, conversationIds: [f.conv.operations], modelId: NOVA_PRO, expectedCurrentModelId: NOVA_LITE }))).toBe(
      "forbidden",
    );
    expect(await modelOf(f.conv.operations)).toBe(NOVA_LITE);
  });
});
