// The orchestrate contract (DESIGN.md, "HTTP API"), end to end through the real handler on a real database:
// every action, every error code, the exact envelope of each answer, and that a refused request changes nothing.
import { createHash, createHmac, randomBytes } from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import * as modernRoute from "@/app/api/orchestrate/route";
import * as legacyRoute from "@/app/functions/v1/orchestrate-bedrock-models/route";
import type { DatabaseHandle } from "@/db/client";
import { accounts, conversations } from "@/db/schema";
import { handleOrchestrate, MAX_BODY_BYTES } from "@/server/api/orchestrate";
import type { Actor } from "@/server/auth/roles";
import { createSession, sealToken } from "@/server/auth/session";
import { setDatabase } from "@/server/db";
import { createServiceFixture, type ServiceFixture } from "../support/service-fixture";
import { drivers } from "../support/test-db";
import {
  call,
  expectError,
  expectModel,
  expectNotification,
  expectOk,
  expectSafeErrorBody,
  expectSwitch,
  SERVICE_KEY,
  type ApiResponse,
  type CallOptions,
  type Json,
} from "./support/orchestrate-client";
import { BARE_SONNET_45, NOVA_LITE, NOVA_MICRO, SONNET_45, SONNET_46 } from "../support/models";

const HAIKU_45 = "eu.anthropic.claude-haiku-4-5-20251001-v1:0";
/** An entry no use case relies on, so changing its price moves no ranking. */
const TITAN_EMBED = "amazon.titan-embed-text-v2:0";
const NO_SUCH_UUID = "00000000-0000-4000-8000-000000000000";

const userId = (a: Actor) => (a.kind === "user" ? a.user.id : "");

describe.each(drivers)("POST /api/orchestrate on %s", (kind) => {
  let f: ServiceFixture;
  /** Session tokens (sealed, as in the cookie) that also work as Bearer tokens. */
  const tok = { admin: "", analyst: "", user: "", otherUser: "" };

  const switches = () => f.count("select count(*)::int as n from bedrock_model_switches");
  const currentOf = async (useCase: string) =>
    (await f.t.rows<{ current_model_id: string }>("select current_model_id from use_cases where name = $1", [useCase]))[0]!.current_model_id;
  /** Everything a request could change: the switch log, the use cases, conversation overrides, the catalog. */
  const snapshot = async () => ({
    switches: await switches(),
    useCases: await f.t.rows("select name, current_model_id, version from use_cases order by name"),
    overrides: await f.t.rows("select id, model_override_id from conversations order by id"),
    catalog: await f.t.rows("select model_id, enabled, input_price_per_mtok::text as p, updated_at from bedrock_models order by model_id"),
  });

  beforeAll(async () => {
    f = await createServiceFixture(kind, { max: 20 });
    tok.admin = (await createSession(userId(f.admin))).value;
    tok.analyst = (await createSession(userId(f.analyst))).value;
    tok.user = (await createSession(userId(f.user))).value;
    tok.otherUser = (await createSession(userId(f.otherUser))).value;
  });
  afterAll(async () => f?.t.drop());
  afterEach(() => {
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  describe("list-all", () => {
    it("returns the enabled catalog as Model[] by default", async () => {
      const body = expectOk(await call({ action: "list-all" }));
      expect(Object.keys(body).sort()).toEqual(["models", "ok"]);
      const enabled = await f.count("select count(*)::int as n from bedrock_models where enabled");
      expect(body.models).toHaveLength(enabled);
      for (const m of body.models) {
        expectModel(m);
        expect(m.enabled).toBe(true);
      }
    });

    it("filters by provider (case-insensitively) and by use case", async () => {
      const all = expectOk(await call({ action: "list-all" })).models as Json[];
      const anthropic = expectOk(await call({ action: "list-all", provider: "Anthropic" })).models as Json[];
      expect(anthropic.length).toBeGreaterThan(0);
      expect(anthropic.length).toBeLessThan(all.length);
      expect(anthropic.every((m) => m.provider === "Anthropic")).toBe(true);
      expect(expectOk(await call({ action: "list-all", provider: "anthropic" })).models).toEqual(anthropic);

      const clinical = expectOk(await call({ action: "list-all", useCase: "clinical" })).models as Json[];
      expect(clinical.length).toBeGreaterThan(0);
      expect(clinical.length).toBeLessThan(all.length);
      expect(clinical.every((m) => m.useCases.includes("clinical"))).toBe(true);
      expect(clinical.map((m) => m.modelId)).toContain(SONNET_45);

      const both = expectOk(await call({ action: "list-all", provider: "Amazon", useCase: "health" })).models as Json[];
      expect(both.length).toBeGreaterThan(0);
      expect(both.every((m) => m.provider === "Amazon" && m.useCases.includes("health"))).toBe(true);
    });

    it("includeDisabled shows the disabled entries too", async () => {
      const enabled = expectOk(await call({ action: "list-all" })).models as Json[];
      const everything = expectOk(await call({ action: "list-all", includeDisabled: true })).models as Json[];
      expect(everything.length).toBe(await f.count("select count(*)::int as n from bedrock_models"));
      expect(everything.length).toBeGreaterThan(enabled.length);
      expect(everything.some((m) => m.enabled === false)).toBe(true);
      expect(expectOk(await call({ action: "list-all", includeDisabled: false })).models).toEqual(enabled);
    });
  });

  describe("get-for-use-case", () => {
    it("ranks the models for a use case, eligible ones first, the current one marked", async () => {
      const body = expectOk(await call({ action: "get-for-use-case", useCase: "clinical" }));
      expect(Object.keys(body).sort()).toEqual(["currentModelId", "models", "ok", "useCase"]);
      expect(body.useCase).toBe("clinical");
      expect(body.currentModelId).toBe(SONNET_45);
      const models = body.models as Json[];
      expect(models.length).toBeGreaterThan(1);
      models.forEach((m, i) => {
        expectModel(m);
        expect(m.rank).toBe(i + 1);
        expect(typeof m.score).toBe("number");
        expect(typeof m.eligible).toBe("boolean");
        expect(Array.isArray(m.reasons)).toBe(true);
      });
      const current = models.filter((m) => m.current);
      expect(current.map((m) => m.modelId)).toEqual([SONNET_45]);
      const firstIneligible = models.findIndex((m) => !m.eligible);
      const lastEligible = models.map((m) => m.eligible).lastIndexOf(true);
      expect(lastEligible).toBeGreaterThanOrEqual(0);
      expect(firstIneligible).toBeGreaterThan(lastEligible);
      // Eligible models are in score order.
      const eligibleScores = models.filter((m) => m.eligible).map((m) => m.score as number);
      expect(eligibleScores).toEqual([...eligibleScores].sort((a, b) => b - a));
      // A model too small for clinical (128k context, no documents) is ranked, but not as eligible.
      expect(models.find((m) => m.modelId === NOVA_MICRO)?.eligible).toBe(false);
    });
  });

  describe("validate", () => {
    it("a valid model: valid true, each check with name, status and detail, and the model", async () => {
      const body = expectOk(await call({ action: "validate", modelId: NOVA_LITE }));
      expect(Object.keys(body).sort()).toEqual(["checks", "model", "modelId", "ok", "valid"]);
      expect(body.valid).toBe(true);
      expect(body.modelId).toBe(NOVA_LITE);
      expectModel(body.model);
      expect(body.model.modelId).toBe(NOVA_LITE);
      for (const c of body.checks as Json[]) {
        expect(Object.keys(c).sort()).toEqual(["detail", "name", "status"]);
        expect(["pass", "warn", "fail"]).toContain(c.status);
        expect(typeof c.detail).toBe("string");
        expect(c.detail.length).toBeGreaterThan(0);
      }
      expect((body.checks as Json[]).map((c) => c.name)).toEqual(["known", "enabled", "lifecycle", "region"]);
      expect((body.checks as Json[]).every((c) => c.status === "pass")).toBe(true);
    });

    it("a bare Claude id: valid false, and the known check names the EU profile to use instead", async () => {
      const body = expectOk(await call({ action: "validate", modelId: BARE_SONNET_45 }));
      expect(body.valid).toBe(false);
      expect(body.modelId).toBe(BARE_SONNET_45);
      expect(body).not.toHaveProperty("model");
      const known = (body.checks as Json[]).find((c) => c.name === "known")!;
      expect(known.status).toBe("fail");
      expect(known.detail).toContain(SONNET_45);
    });

    it("with a use case adds the policy check, which fails for a model outside the policy", async () => {
      const fits = expectOk(await call({ action: "validate", modelId: NOVA_LITE, useCase: "health" }));
      expect(fits.valid).toBe(true);
      expect((fits.checks as Json[]).find((c) => c.name === "policy")).toMatchObject({ status: "pass" });
      const misfit = expectOk(await call({ action: "validate", modelId: NOVA_MICRO, useCase: "clinical" }));
      expect(misfit.valid).toBe(false);
      const policy = (misfit.checks as Json[]).find((c) => c.name === "policy")!;
      expect(policy.status).toBe("fail");
      expect(policy.detail).toMatch(/clinical/);
    });

    it("probe true adds a probe check (offline: a simulated one-token call), and writes nothing", async () => {
      const before = await snapshot();
      const body = expectOk(await call({ action: "validate", modelId: NOVA_LITE, probe: true }));
      expect(body.valid).toBe(true);
      const probe = (body.checks as Json[]).find((c) => c.name === "probe");
      expect(probe).toMatchObject({ name: "probe", status: "pass" });
      expect(probe!.detail).toMatch(/Probe call/);
      const unprobed = expectOk(await call({ action: "validate", modelId: NOVA_LITE, probe: false }));
      expect((unprobed.checks as Json[]).some((c) => c.name === "probe")).toBe(false);
      expect(await snapshot()).toEqual(before);
    });
  });

  describe("switch", () => {
    it("switches a use case: the Switch record and the notification of DESIGN.md, the row and the use case written", async () => {
      const before = await switches();
      const body = expectOk(await call({ action: "switch", modelId: NOVA_MICRO, useCase: "health", reason: "cost review" }));
      expect(Object.keys(body).sort()).toEqual(["notification", "ok", "switch"]);
      expectSwitch(body.switch);
      expect(body.switch).toMatchObject({
        userId: null,
        actor: "service",
        scope: "use_case",
        useCase: "health",
        conversationId: null,
        previousModelId: NOVA_LITE,
        newModelId: NOVA_MICRO,
        reason: "cost review",
        switchType: "manual",
        trigger: "service",
        errorCode: null,
        notificationShown: true,
      });
      expectNotification(body.notification, "manual");
      expect(body.notification).toEqual({
        type: "manual",
        modelId: NOVA_MICRO,
        modelName: "Nova Micro (EU)",
        title: "Model switched",
        message: "The health use case now uses Nova Micro (EU). Reason: cost review",
        previousModelId: NOVA_LITE,
        previousModelName: "Nova Lite (EU)",
      });
      expect(await switches()).toBe(before + 1);
      expect(await currentOf("health")).toBe(NOVA_MICRO);
      const [row] = await f.t.rows<{ id: string | number; user_id: string | null }>("select id, user_id from bedrock_model_switches order by id desc limit 1");
      expect(Number(row!.id)).toBe(body.switch.id);
    });

    it("an admin's session token switches as that admin; showNotification false leaves the notification out", async () => {
      const body = expectOk(await call({ action: "switch", modelId: NOVA_LITE, useCase: "health", showNotification: false }, { token: tok.admin }));
      expect(Object.keys(body).sort()).toEqual(["ok", "switch"]);
      expect(body.switch).toMatchObject({
        userId: userId(f.admin),
        actor: "a@test.local",
        trigger: "admin",
        notificationShown: false,
        previousModelId: NOVA_MICRO,
        newModelId: NOVA_LITE,
      });
      expect(await currentOf("health")).toBe(NOVA_LITE);
    });

    it("without a scope switches the general use case", async () => {
      const previous = await currentOf("general");
      const body = expectOk(await call({ action: "switch", modelId: NOVA_LITE, userId: userId(f.user) }));
      expect(body.switch).toMatchObject({ scope: "use_case", useCase: "general", previousModelId: previous, newModelId: NOVA_LITE, userId: userId(f.user) });
      expect(await currentOf("general")).toBe(NOVA_LITE);
    });

    it("conversationId scopes the switch to that conversation: its override changes, its use case does not", async () => {
      const useCaseBefore = await currentOf("general");
      const body = expectOk(await call({ action: "switch", modelId: SONNET_46, conversationId: f.conv.other, reason: "long document" }));
      expectSwitch(body.switch);
      expect(body.switch).toMatchObject({
        scope: "conversation",
        conversationId: f.conv.other,
        useCase: "general",
        previousModelId: useCaseBefore,
        newModelId: SONNET_46,
      });
      expectNotification(body.notification, "manual");
      expect(body.notification.message).toBe("This conversation now uses Claude Sonnet 4.6 (EU). Reason: long document");
      const [conv] = await f.t.rows<{ model_override_id: string }>("select model_override_id from conversations where id = $1", [f.conv.other]);
      expect(conv!.model_override_id).toBe(SONNET_46);
      expect(await currentOf("general")).toBe(useCaseBefore);
    });

    it("an end user's token switches their own conversation", async () => {
      const body = expectOk(await call({ action: "switch", modelId: SONNET_46, conversationId: f.conv.clinical }, { token: tok.user }));
      expect(body.switch).toMatchObject({ scope: "conversation", conversationId: f.conv.clinical, userId: userId(f.user), trigger: "user" });
      expect(await currentOf("clinical")).toBe(SONNET_45);
    });

    it("a matching expectedCurrentModelId switches; a stale one answers 409 conflict naming the current model and writes nothing", async () => {
      const current = await currentOf("general");
      expectOk(await call({ action: "switch", modelId: HAIKU_45, useCase: "general", expectedCurrentModelId: current }));
      const before = await snapshot();
      const r = await call({ action: "switch", modelId: NOVA_LITE, useCase: "general", expectedCurrentModelId: current });
      const error = expectError(r, 409, "conflict", new RegExp(HAIKU_45.replace(/[.]/g, "\\.")));
      expect(error.details).toEqual({ currentModelId: HAIKU_45 });
      expect(await snapshot()).toEqual(before);
    });

    it("the same idempotencyKey twice answers the same switch and writes one row", async () => {
      const key = `retry-${kind}-${randomBytes(4).toString("hex")}`;
      const before = await switches();
      const first = expectOk(await call({ action: "switch", modelId: NOVA_MICRO, useCase: "general", idempotencyKey: key }));
      const again = expectOk(await call({ action: "switch", modelId: NOVA_MICRO, useCase: "general", idempotencyKey: key }));
      expect(again.switch.id).toBe(first.switch.id);
      expect(again.switch).toEqual(first.switch);
      expect(again.notification).toEqual(first.notification);
      expect(again.replayed).toBe(true);
      expect(await switches()).toBe(before + 1);
      expect(await f.count("select count(*)::int as n from bedrock_model_switches where idempotency_key = $1", [key])).toBe(1);
    });
  });

  describe("auto-switch", () => {
    it("dryRun explains the choice (ranked candidates) and writes nothing", async () => {
      const before = await snapshot();
      const body = expectOk(await call({ action: "auto-switch", useCase: "clinical", dryRun: true }));
      for (const key of ["switched", "fromModelId", "toModelId", "reason", "candidates"]) expect(body).toHaveProperty(key);
      expect(body.switched).toBe(false);
      expect(body).not.toHaveProperty("notification");
      expect(body).not.toHaveProperty("switch");
      expect(body.fromModelId).toBe(SONNET_45);
      expect(typeof body.toModelId).toBe("string");
      expect(typeof body.reason).toBe("string");
      const candidates = body.candidates as Json[];
      expect(candidates.length).toBeGreaterThan(0);
      for (const c of candidates) {
        expect(typeof c.modelId).toBe("string");
        expect(typeof c.score).toBe("number");
        expect(typeof c.eligible).toBe("boolean");
      }
      expect(candidates[0]!.modelId).toBe(body.toModelId);
      if (body.toModelId !== body.fromModelId) expect(body.reason).toMatch(/dry run/);
      expect(await snapshot()).toEqual(before);
    });

    it("detects the use case from a message: 'patient dosage contraindication' is clinical", async () => {
      const before = await snapshot();
      const body = expectOk(await call({ action: "auto-switch", message: "patient dosage contraindication", dryRun: true }));
      expect(body.detection).toMatchObject({ useCase: "clinical", aboveThreshold: true });
      expect(body.detection.confidence).toBeGreaterThanOrEqual(0.5);
      expect(body.useCase).toBe("clinical");
      expect(body.fromModelId).toBe(SONNET_45);
      expect(body.switched).toBe(false);
      expect(body.reason).toMatch(/Detected use case clinical/);
      expect(await snapshot()).toEqual(before);
    });

    it("without dryRun switches the use case to the best model as an auto switch, with an auto notification", async () => {
      const plan = expectOk(await call({ action: "auto-switch", useCase: "operations", dryRun: true }));
      const before = await switches();
      const body = expectOk(await call({ action: "auto-switch", useCase: "operations" }));
      if (plan.toModelId === plan.fromModelId) {
        expect(body.switched).toBe(false);
        expect(await switches()).toBe(before);
        return;
      }
      expect(body).toMatchObject({ switched: true, fromModelId: plan.fromModelId, toModelId: plan.toModelId });
      expectSwitch(body.switch);
      expect(body.switch).toMatchObject({ switchType: "auto", trigger: "policy", useCase: "operations", newModelId: plan.toModelId });
      expectNotification(body.notification, "auto");
      expect(body.notification.title).toBe("Model auto-switched");
      expect(await switches()).toBe(before + 1);
      expect(await currentOf("operations")).toBe(plan.toModelId);
      // Now on the best model: a second run has nothing to do.
      const again = expectOk(await call({ action: "auto-switch", useCase: "operations" }));
      expect(again.switched).toBe(false);
      expect(await switches()).toBe(before + 1);
    });

    it("without useCase or message answers 400 naming useCase", async () => {
      expectError(await call({ action: "auto-switch" }), 400, "invalid_request", /useCase/);
      expectError(await call({ action: "auto-switch", dryRun: true }), 400, "invalid_request", /useCase/);
    });
  });

  describe("clear-cache", () => {
    it("answers exactly { ok: true, cleared: true }, and list-all then shows a change made behind the app's back", async () => {
      const priceOf = async () => (expectOk(await call({ action: "list-all" })).models as Json[]).find((m) => m.modelId === TITAN_EMBED)!.inputPricePerMTok;
      const original = await priceOf(); // warms the cache
      await f.t.rows("update bedrock_models set input_price_per_mtok = $1 where model_id = $2", [original + 1, TITAN_EMBED]);
      try {
        expect(await priceOf()).toBe(original); // still cached
        const r = await call({ action: "clear-cache" });
        expectOk(r);
        expect(r.body).toEqual({ ok: true, cleared: true });
        expect(await priceOf()).toBe(original + 1);
      } finally {
        await f.t.rows("update bedrock_models set input_price_per_mtok = $1 where model_id = $2", [original, TITAN_EMBED]);
        expectOk(await call({ action: "clear-cache" }, { token: tok.admin }));
      }
      expect(await priceOf()).toBe(original);
    });
  });

  describe("roles through session tokens", () => {
    it("an analyst can list-all, get-for-use-case and validate (read-only)", async () => {
      const before = await snapshot();
      expect(expectOk(await call({ action: "list-all" }, { token: tok.analyst })).models.length).toBeGreaterThan(0);
      expect(expectOk(await call({ action: "get-for-use-case", useCase: "health" }, { token: tok.analyst })).useCase).toBe("health");
      expect(expectOk(await call({ action: "validate", modelId: NOVA_LITE, useCase: "health" }, { token: tok.analyst })).valid).toBe(true);
      expect(expectOk(await call({ action: "auto-switch", useCase: "clinical", dryRun: true }, { token: tok.analyst })).switched).toBe(false);
      expect(await snapshot()).toEqual(before);
    });

    it("an end user can list-all", async () => {
      const body = expectOk(await call({ action: "list-all", provider: "Amazon" }, { token: tok.user }));
      expect(body.models.length).toBeGreaterThan(0);
    });
  });

  describe("refused requests", () => {
    type Case = {
      name: string;
      status: number;
      code: string;
      message?: RegExp;
      body: () => unknown;
      opts?: () => CallOptions;
    };
    const svc =
      (body: unknown): (() => unknown) =>
      () =>
        body;
    const as = (who: keyof typeof tok) => () => ({ token: tok[who] });
    const raw = (text: string) => ({ body: () => text, opts: () => ({ raw: true }) });

    const cases: Case[] = [
      // 400 invalid_request
      { name: "a body that is not JSON", status: 400, code: "invalid_request", message: /not valid JSON/, ...raw("{action: switch") },
      { name: "an empty body", status: 400, code: "invalid_request", message: /not valid JSON/, ...raw("") },
      { name: "a JSON array", status: 400, code: "invalid_request", message: /JSON object/, ...raw('[{"action":"clear-cache"}]') },
      { name: "a JSON string", status: 400, code: "invalid_request", message: /JSON object/, ...raw('"clear-cache"') },
      { name: "JSON null", status: 400, code: "invalid_request", message: /JSON object/, ...raw("null") },
      { name: "a missing action", status: 400, code: "invalid_request", message: /^action: is required/, body: svc({ modelId: NOVA_LITE }) },
      { name: "an unknown action", status: 400, code: "invalid_request", message: /switch-everything/, body: svc({ action: "switch-everything" }) },
      { name: "an action that is not a string", status: 400, code: "invalid_request", message: /^action:/, body: svc({ action: ["switch"] }) },
      { name: "validate without modelId", status: 400, code: "invalid_request", message: /^modelId: is required/, body: svc({ action: "validate" }) },
      {
        name: "switch without modelId",
        status: 400,
        code: "invalid_request",
        message: /^modelId: is required/,
        body: svc({ action: "switch", useCase: "general" }),
      },
      { name: "switch with a blank modelId", status: 400, code: "invalid_request", message: /^modelId:/, body: svc({ action: "switch", modelId: "   " }) },
      {
        name: 'a wrong type (probe: "yes")',
        status: 400,
        code: "invalid_request",
        message: /^probe:/,
        body: svc({ action: "validate", modelId: NOVA_LITE, probe: "yes" }),
      },
      {
        name: "a wrong type (showNotification: 1)",
        status: 400,
        code: "invalid_request",
        message: /^showNotification:/,
        body: svc({ action: "switch", modelId: NOVA_LITE, showNotification: 1 }),
      },
      {
        name: "an unknown parameter",
        status: 400,
        code: "invalid_request",
        message: /^Unknown parameter: colour\./,
        body: svc({ action: "list-all", colour: "red" }),
      },
      {
        name: "a misspelt parameter (modelID)",
        status: 400,
        code: "invalid_request",
        message: /^Unknown parameter: modelID\./,
        body: svc({ action: "switch", modelID: NOVA_LITE }),
      },
      {
        name: "a parameter clear-cache does not take",
        status: 400,
        code: "invalid_request",
        message: /force/,
        body: svc({ action: "clear-cache", force: true }),
      },
      {
        name: "useCase and conversationId together",
        status: 400,
        code: "invalid_request",
        message: /useCase or conversationId/,
        body: () => ({ action: "switch", modelId: NOVA_LITE, useCase: "general", conversationId: f.conv.other }),
      },
      {
        name: "a conversationId over 200 characters",
        status: 400,
        code: "invalid_request",
        message: /^conversationId: is too long/,
        body: svc({ action: "switch", modelId: NOVA_LITE, conversationId: "c".repeat(201) }),
      },
      {
        name: "a userId that is not a UUID",
        status: 400,
        code: "invalid_request",
        message: /^userId:/,
        body: svc({ action: "switch", modelId: NOVA_LITE, userId: "bob" }),
      },
      {
        name: "a use-case name with SQL in it",
        status: 400,
        code: "invalid_request",
        message: /^useCase:/,
        body: svc({ action: "switch", modelId: NOVA_LITE, useCase: "general'; drop table use_cases;--" }),
      },
      {
        name: "a reason over 500 characters",
        status: 400,
        code: "invalid_request",
        message: /^reason:/,
        body: svc({ action: "switch", modelId: NOVA_LITE, reason: "r".repeat(501) }),
      },
      {
        name: "a NUL character in reason",
        status: 400,
        code: "invalid_request",
        message: /^reason:/,
        body: svc({ action: "switch", modelId: NOVA_LITE, reason: "a\u0000b" }),
      },
      {
        name: "a NUL character in idempotencyKey",
        status: 400,
        code: "invalid_request",
        message: /^idempotencyKey:/,
        body: svc({ action: "switch", modelId: NOVA_LITE, idempotencyKey: "k\u0000" }),
      },
      {
        name: "auto-switch without useCase or message",
        status: 400,
        code: "invalid_request",
        message: /useCase/,
        body: svc({ action: "auto-switch", reason: "x" }),
      },
      // 401 unauthorized: checked before the body is even read
      { name: "no Authorization header", status: 401, code: "unauthorized", body: svc({ action: "clear-cache" }), opts: () => ({ token: null }) },
      { name: "no Authorization header and a broken body", status: 401, code: "unauthorized", body: () => "{", opts: () => ({ token: null, raw: true }) },
      {
        name: "a wrong service key",
        status: 401,
        code: "unauthorized",
        body: svc({ action: "switch", modelId: NOVA_LITE }),
        opts: () => ({ token: `${SERVICE_KEY}x` }),
      },
      {
        name: "a malformed header (Basic)",
        status: 401,
        code: "unauthorized",
        message: /Bearer/,
        body: svc({ action: "clear-cache" }),
        opts: () => ({ authorization: `Basic ${Buffer.from(`svc:${SERVICE_KEY}`).toString("base64")}` }),
      },
      {
        name: "a malformed header (Basic x)",
        status: 401,
        code: "unauthorized",
        body: svc({ action: "clear-cache" }),
        opts: () => ({ authorization: "Basic x" }),
      },
      { name: "Bearer without a token", status: 401, code: "unauthorized", body: svc({ action: "clear-cache" }), opts: () => ({ authorization: "Bearer " }) },
      {
        name: "the service key without the Bearer scheme",
        status: 401,
        code: "unauthorized",
        body: svc({ action: "clear-cache" }),
        opts: () => ({ authorization: SERVICE_KEY }),
      },
      {
        name: "a forged session token (an admin's token, signature made with another secret)",
        status: 401,
        code: "unauthorized",
        body: svc({ action: "switch", modelId: NOVA_LITE, useCase: "general" }),
        opts: () => {
          const token = tok.admin.slice(0, tok.admin.lastIndexOf("."));
          return { token: `${token}.${createHmac("sha256", "not-the-session-secret").update(token).digest("base64url")}` };
        },
      },
      {
        name: "a session token with a valid signature but no session behind it",
        status: 401,
        code: "unauthorized",
        body: svc({ action: "clear-cache" }),
        opts: () => ({ token: sealToken(randomBytes(32).toString("base64url")) }),
      },
      // 403 forbidden
      {
        name: "an analyst's token on switch",
        status: 403,
        code: "forbidden",
        body: svc({ action: "switch", modelId: NOVA_LITE, useCase: "health" }),
        opts: as("analyst"),
      },
      { name: "an analyst's token on clear-cache", status: 403, code: "forbidden", body: svc({ action: "clear-cache" }), opts: as("analyst") },
      {
        name: "an analyst's token on auto-switch",
        status: 403,
        code: "forbidden",
        body: svc({ action: "auto-switch", useCase: "clinical" }),
        opts: as("analyst"),
      },
      {
        name: "an end user's token on a use-case switch",
        status: 403,
        code: "forbidden",
        body: svc({ action: "switch", modelId: NOVA_LITE, useCase: "general" }),
        opts: as("user"),
      },
      {
        name: "an end user's token on a default-scope switch",
        status: 403,
        code: "forbidden",
        body: svc({ action: "switch", modelId: NOVA_LITE }),
        opts: as("user"),
      },
      { name: "an end user's token on clear-cache", status: 403, code: "forbidden", body: svc({ action: "clear-cache" }), opts: as("user") },
      { name: "an end user's token on validate", status: 403, code: "forbidden", body: svc({ action: "validate", modelId: NOVA_LITE }), opts: as("user") },
      {
        name: "an end user's own conversation whose use case forbids choosing",
        status: 403,
        code: "forbidden",
        body: () => ({ action: "switch", modelId: NOVA_LITE, conversationId: f.conv.operations }),
        opts: as("user"),
      },
      // 404 not_found
      {
        name: "an unknown use case (get-for-use-case)",
        status: 404,
        code: "not_found",
        message: /astrology/,
        body: svc({ action: "get-for-use-case", useCase: "astrology" }),
      },
      {
        name: "an unknown use case (switch)",
        status: 404,
        code: "not_found",
        message: /astrology/,
        body: svc({ action: "switch", modelId: NOVA_LITE, useCase: "astrology" }),
      },
      {
        name: "an unknown use case (validate)",
        status: 404,
        code: "not_found",
        message: /astrology/,
        body: svc({ action: "validate", modelId: NOVA_LITE, useCase: "astrology" }),
      },
      {
        name: "an unknown conversation",
        status: 404,
        code: "not_found",
        message: new RegExp(NO_SUCH_UUID),
        body: svc({ action: "switch", modelId: NOVA_LITE, conversationId: NO_SUCH_UUID }),
      },
      {
        name: "an unknown external conversation id",
        status: 404,
        code: "not_found",
        message: /crm-thread-42/,
        body: svc({ action: "switch", modelId: NOVA_LITE, conversationId: "crm-thread-42" }),
      },
      {
        name: "an unknown conversation (auto-switch)",
        status: 404,
        code: "not_found",
        body: svc({ action: "auto-switch", useCase: "general", conversationId: NO_SUCH_UUID }),
      },
      {
        name: "another user's conversation, for an end user",
        status: 404,
        code: "not_found",
        body: () => ({ action: "switch", modelId: NOVA_LITE, conversationId: f.conv.other }),
        opts: as("user"),
      },
      // 409 conflict
      {
        name: "a stale expectedCurrentModelId",
        status: 409,
        code: "conflict",
        body: svc({ action: "switch", modelId: NOVA_LITE, useCase: "clinical", expectedCurrentModelId: NOVA_MICRO }),
      },
      // 413
      {
        name: "a body over 64 KiB (a big JSON string)",
        status: 413,
        code: "payload_too_large",
        message: /64 KiB/,
        body: () => JSON.stringify({ action: "switch", modelId: NOVA_LITE, reason: "x".repeat(MAX_BODY_BYTES) }),
        opts: () => ({ raw: true }),
      },
      {
        name: "a declared Content-Length over 64 KiB",
        status: 413,
        code: "payload_too_large",
        body: svc({ action: "clear-cache" }),
        opts: () => ({ headers: { "content-length": String(MAX_BODY_BYTES + 1) } }),
      },
      // 422 invalid_model
      {
        name: "switching to a bare Claude id",
        status: 422,
        code: "invalid_model",
        message: /eu\.anthropic/,
        body: svc({ action: "switch", modelId: BARE_SONNET_45, useCase: "clinical" }),
      },
      { name: "switching to an unknown model", status: 422, code: "invalid_model", body: svc({ action: "switch", modelId: "no.such-model-v1:0" }) },
      {
        name: "switching to a model outside the policy",
        status: 422,
        code: "invalid_model",
        message: /clinical/,
        body: svc({ action: "switch", modelId: NOVA_MICRO, useCase: "clinical" }),
      },
      {
        name: "switching to a disabled model",
        status: 422,
        code: "invalid_model",
        body: svc({ action: "switch", modelId: "eu.anthropic.claude-3-7-sonnet-20250219-v1:0", useCase: "general" }),
      },
    ];

    const send = async (c: Case): Promise<ApiResponse> => call(c.body(), c.opts?.() ?? {});

    it.each(cases)("$status $code for $name", async (c) => {
      const error = expectError(await send(c), c.status, c.code, c.message);
      if (c.code === "invalid_model") {
        const checks = (error.details as Json).checks as Json[];
        expect(Array.isArray(checks)).toBe(true);
        expect(checks.some((x) => x.status === "fail")).toBe(true);
        for (const x of checks) expect(Object.keys(x).sort()).toEqual(["detail", "name", "status"]);
      }
      if (c.code === "conflict") expect(error.details).toEqual({ currentModelId: await currentOf("clinical") });
    });

    it("the whole table of refused requests writes nothing", async () => {
      const before = await snapshot();
      for (const c of cases) expect((await send(c)).status, c.name).toBe(c.status);
      // Refused twice over, concurrently, for good measure.
      const answers = await Promise.all(cases.map(send));
      for (const [i, r] of answers.entries()) expect(r.status, cases[i]!.name).toBe(cases[i]!.status);
      expect(await snapshot()).toEqual(before);
    });

    it("the invalid_model details carry the same checks validate gives", async () => {
      const refused = expectError(await call({ action: "switch", modelId: BARE_SONNET_45 }), 422, "invalid_model");
      const validated = expectOk(await call({ action: "validate", modelId: BARE_SONNET_45, useCase: "general" }));
      expect(refused.details).toEqual({ checks: validated.checks });
    });

    it("the body limit is 64 KiB exactly: a padded body of 64 KiB is read, one byte more is refused", async () => {
      const json = JSON.stringify({ action: "list-all" });
      const exact = json + " ".repeat(MAX_BODY_BYTES - json.length);
      expect(Buffer.byteLength(exact)).toBe(MAX_BODY_BYTES);
      expectOk(await call(exact, { raw: true }));
      expectError(await call(`${exact} `, { raw: true }), 413, "payload_too_large");
      // Multi-byte characters count as bytes, not characters.
      const wide = JSON.stringify({ action: "list-all", provider: "é".repeat(33_000) });
      expect(wide.length).toBeLessThan(MAX_BODY_BYTES);
      expectError(await call(wide, { raw: true }), 413, "payload_too_large");
    });

    it("401 for an expired session", async () => {
      const { value } = await createSession(userId(f.analyst));
      const token = value.slice(0, value.lastIndexOf("."));
      await f.t.rows("update sessions set expires_at = now() - interval '1 minute' where token_hash = $1", [createHash("sha256").update(token).digest("hex")]);
      expectError(await call({ action: "list-all" }, { token: value }), 401, "unauthorized");
    });

    it("429 rate_limited for a signed-in user over the window's limit (the clock held still); the service key is not limited", async () => {
      const [account] = await f.t.db
        .insert(accounts)
        .values({ email: `burst-${kind}@test.local`, name: "Burst", role: "user", passwordHash: "x" })
        .returning();
      const [conv] = await f.t.db.insert(conversations).values({ userId: account!.id, useCase: "general", title: "burst" }).returning();
      const token = (await createSession(account!.id)).value;
      const before = await snapshot();

      // Frozen time: the whole burst falls in one window, so the window's limit is exactly what passes.
      vi.useFakeTimers({ toFake: ["Date"], now: new Date() });
      const burst = await Promise.all(Array.from({ length: 150 }, () => call({ action: "list-all", provider: "Amazon" }, { token })));
      const passed = burst.filter((r) => r.status === 200).length;
      const limited = burst.filter((r) => r.status === 429);
      expect(passed).toBe(120);
      expect(limited).toHaveLength(30);
      for (const r of limited) expectError(r, 429, "rate_limited", /Too many requests/);
      // A write while limited is refused before it is looked at, and changes nothing.
      expectError(await call({ action: "switch", modelId: HAIKU_45, conversationId: conv!.id }, { token }), 429, "rate_limited");
      expect(await snapshot()).toEqual(before);

      // The service key drives backends and the CLI: never limited.
      const service = await Promise.all(Array.from({ length: 300 }, () => call({ action: "list-all", provider: "Amazon" })));
      expect(service.every((r) => r.status === 200)).toBe(true);
      // Other users have buckets of their own.
      expectOk(await call({ action: "list-all" }, { token: tok.otherUser }));

      // The window ends, the user is served again.
      vi.setSystemTime(Date.now() + 10_000);
      expectOk(await call({ action: "switch", modelId: HAIKU_45, conversationId: conv!.id }, { token }));
    });

    it("an unexpected failure (a database error whose text holds SQL) answers 500 internal with a generic message", async () => {
      const error = vi.spyOn(console, "error").mockImplementation(() => {});
      const failing: DatabaseHandle = {
        ...f.t,
        listen: async () => {
          throw new Error('Failed query: select "model_id" from "bedrock_models" -- postgres: connection refused\n    at Socket.connect (node:net:1:1)');
        },
      };
      setDatabase(failing);
      try {
        const r = await call({ action: "list-all" });
        expectError(r, 500, "internal", /changed nothing/);
        expectSafeErrorBody(r);
        expect(error).toHaveBeenCalled(); // the detail goes to the server log, not the caller
      } finally {
        setDatabase(f.t);
      }
      expectOk(await call({ action: "list-all" }));
    });
  });

  describe("the legacy path", () => {
    it("both routes export the one handler as POST", () => {
      expect(modernRoute.POST).toBe(handleOrchestrate);
      expect(legacyRoute.POST).toBe(handleOrchestrate);
      expect(legacyRoute.dynamic).toBe("force-dynamic");
      expect(modernRoute.dynamic).toBe("force-dynamic");
    });

    it("POST /functions/v1/orchestrate-bedrock-models answers as /api/orchestrate does", async () => {
      const legacy = { url: "http://localhost/functions/v1/orchestrate-bedrock-models", handler: legacyRoute.POST };
      const modern = { handler: modernRoute.POST };
      for (const [body, opts] of [
        [{ action: "list-all", provider: "Amazon" }, {}],
        [{ action: "get-for-use-case", useCase: "health" }, {}],
        [{ action: "validate", modelId: BARE_SONNET_45 }, {}],
        [{ action: "no-such-action" }, {}],
        [{ action: "clear-cache" }, { token: null }],
      ] as const) {
        const a = await call(body, { ...opts, ...legacy });
        const b = await call(body, { ...opts, ...modern });
        expect(a.status).toBe(b.status);
        expect(a.body).toEqual(b.body);
      }
      const before = await switches();
      const r = expectOk(await call({ action: "switch", modelId: NOVA_MICRO, useCase: "health", reason: "legacy caller" }, legacy));
      expect(r.switch).toMatchObject({ useCase: "health", newModelId: NOVA_MICRO, reason: "legacy caller" });
      expect(await switches()).toBe(before + 1);
    });
  });
});
