// The test-only fault route: invisible (404) unless SWITCHBOARD_TEST_ROUTES=1, and then for the service key only.
import { afterEach, describe, expect, it } from "vitest";
import { DELETE, GET, POST } from "@/app/api/test/faults/route";
import { clearFaults, listFaults } from "@/server/bedrock/fault-injection";

const KEY = process.env.SWITCHBOARD_SERVICE_KEY!;
const url = "http://localhost/api/test/faults";
const post = (body: unknown, key?: string) =>
  POST(
    new Request(url, {
      method: "POST",
      headers: { "Content-Type": "application/json", ...(key ? { Authorization: `Bearer ${key}` } : {}) },
      body: JSON.stringify(body),
    }),
  );

// No database: the service key is checked first, and a token without a signature never reaches the session table.
describe("test fault route", () => {
  afterEach(() => {
    delete process.env.SWITCHBOARD_TEST_ROUTES;
    clearFaults();
  });

  it("does not exist unless test routes are on", async () => {
    const r = await post({ modelId: "eu.amazon.nova-lite-v1:0", kind: "throttle" }, KEY);
    expect(r.status).toBe(404);
    expect(listFaults()).toEqual([]);
  });

  it("needs the service key, validates the body, injects, lists and clears", async () => {
    process.env.SWITCHBOARD_TEST_ROUTES = "1";
    expect((await post({ modelId: "m", kind: "throttle" })).status).toBe(401);
    expect((await post({ modelId: "m", kind: "throttle" }, "wrong-key-wrong-key-wrong-key")).status).toBe(401);
    expect((await post({ modelId: "m", kind: "meltdown" }, KEY)).status).toBe(400);
    const ok = await post({ modelId: "eu.amazon.nova-lite-v1:0", kind: "throttle", remaining: 1 }, KEY);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ ok: true, fault: { modelId: "eu.amazon.nova-lite-v1:0", kind: "throttle", remaining: 1 } });
    const list = await GET(new Request(url, { headers: { Authorization: `Bearer ${KEY}` } }));
    expect((await list.json()).faults).toHaveLength(1);
    const cleared = await DELETE(new Request(`${url}?modelId=eu.amazon.nova-lite-v1:0`, { method: "DELETE", headers: { Authorization: `Bearer ${KEY}` } }));
    expect(await cleared.json()).toEqual({ ok: true, faults: [] });
  });
});
