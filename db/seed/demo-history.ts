// 90 days of realistic history: switches per scope that form one unbroken previous → new chain ending on the
// scope's current model, and invocations served by whichever model was current at that moment.
import type { bedrockModelSwitches, invocations } from "../schema";
import type { Random } from "./random";
import { tokenCostUsd } from "../../lib/cost";

type SwitchRow = typeof bedrockModelSwitches.$inferInsert;
type InvocationRow = typeof invocations.$inferInsert;
type Price = { input: number; output: number; tier: number };

export type HistoryScope = {
  useCase: string;
  /** Set for a conversation scope. */
  conversationId?: string;
  ownerId?: string;
  currentModelId: string;
  pool: string[];
  fallbackChain: string[];
  switchesPerDay: number;
};

const DAY = 86_400_000;

const MANUAL_REASONS = [
  "Quality review: better answers on long documents",
  "Cost review: cheaper model is good enough",
  "Latency complaints from the support team",
  "Evaluation run finished: new model wins",
  "Rolling back after regression in answer quality",
  "Budget alert for this month",
  "Trying the newer model generation",
];
const AUTO_REASONS = [
  "Policy ranking: better score under the use-case objective",
  "Detected use case from message content",
  "Cheaper model within the policy's quality floor",
  "Previous model moved to legacy status",
];
const FALLBACK_ERRORS = ["ThrottlingException", "ThrottlingException", "ServiceUnavailableException", "ModelTimeoutException", "ModelNotReadyException"];

export function generateScopeSwitches(opts: { scope: HistoryScope; rnd: Random; now: number; days: number; adminIds: string[] }): SwitchRow[] {
  const { scope, rnd, now, days } = opts;
  const count = Math.max(2, Math.round(scope.switchesPerDay * days * (0.8 + rnd.next() * 0.4)));
  const times = Array.from({ length: count }, () => now - days * DAY + rnd.next() * (days * DAY - 3_600_000)).sort((a, b) => a - b);
  // Walk backwards from the current model so the chain ends exactly on it.
  const models: string[] = new Array(count + 1);
  models[count] = scope.currentModelId;
  for (let i = count - 1; i >= 0; i--) {
    const others = scope.pool.filter((m) => m !== models[i + 1]);
    models[i] = rnd.pick(others.length ? others : scope.pool);
  }
  const rows: SwitchRow[] = [];
  for (let i = 0; i < count; i++) {
    const previous = models[i] as string;
    const next = models[i + 1] as string;
    const timestamp = new Date(times[i] as number);
    const base = {
      scope: scope.conversationId ? ("conversation" as const) : ("use_case" as const),
      useCase: scope.useCase,
      conversationId: scope.conversationId ?? null,
      previousModelId: previous,
      newModelId: next,
      timestamp,
      notificationShown: rnd.chance(0.9),
    };
    if (scope.conversationId) {
      rows.push({ ...base, userId: scope.ownerId, actor: "user", switchType: "manual", trigger: "user", reason: rnd.pick(MANUAL_REASONS) });
      continue;
    }
    // A switch back to the model before the last one, soon after an auto switch, reads as a manual revert.
    const prevRow = rows[rows.length - 1];
    const isRevert = prevRow?.switchType === "auto" && prevRow.previousModelId === next && (times[i] as number) - (times[i - 1] as number) < DAY;
    const roll = rnd.next();
    const inChain = scope.fallbackChain.includes(next);
    if (!isRevert && inChain && roll < 0.4) {
      const errorCode = rnd.pick(FALLBACK_ERRORS);
      rows.push({
        ...base,
        userId: null,
        actor: "invoke-path",
        switchType: "fallback",
        trigger: "bedrock_error",
        errorCode,
        reason: `Fallback after ${errorCode} from ${previous}`,
      });
    } else if (isRevert || roll < (inChain ? 0.6 : 0.35)) {
      const adminId = rnd.pick(opts.adminIds);
      const byService = rnd.chance(0.2);
      rows.push({
        ...base,
        userId: byService ? null : adminId,
        actor: byService ? "service" : "admin",
        switchType: "manual",
        trigger: byService ? "service" : "admin",
        reason: isRevert ? "Reverted auto-switch: quality regression reported" : rnd.pick(MANUAL_REASONS),
      });
    } else {
      const detected = rnd.chance(0.3);
      rows.push({
        ...base,
        userId: null,
        actor: "policy",
        switchType: "auto",
        trigger: detected ? "detection" : "policy",
        reason: detected ? AUTO_REASONS[1] : rnd.pick(AUTO_REASONS),
      });
    }
  }
  return rows;
}

/** The model in effect for a scope at time t, from its sorted switch rows. */
function modelAt(rows: SwitchRow[], t: number, fallback: string): string {
  let lo = 0;
  let hi = rows.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if ((rows[mid]!.timestamp as Date).getTime() <= t) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  if (found === -1) return rows[0]?.previousModelId ?? fallback;
  return rows[found]!.newModelId;
}

const TOKEN_PROFILE: Record<string, { inMean: number; outMean: number; perDay: number }> = {
  clinical: { inMean: 1900, outMean: 520, perDay: 70 },
  health: { inMean: 900, outMean: 340, perDay: 130 },
  operations: { inMean: 1300, outMean: 420, perDay: 90 },
  general: { inMean: 700, outMean: 300, perDay: 50 },
};

const FAILURES: { outcome: InvocationRow["outcome"]; code: string; p: number }[] = [
  { outcome: "throttled", code: "ThrottlingException", p: 0.02 },
  { outcome: "timeout", code: "ModelTimeoutException", p: 0.005 },
  { outcome: "server_error", code: "ServiceUnavailableException", p: 0.005 },
  { outcome: "validation_error", code: "ValidationException", p: 0.003 },
];

export function* generateInvocations(opts: {
  useCase: string;
  switches: SwitchRow[];
  currentModelId: string;
  prices: Map<string, Price>;
  rnd: Random;
  now: number;
  days: number;
  scale?: number;
  users?: { userId: string; conversationId: string }[];
}): Generator<InvocationRow> {
  const { rnd, now, days } = opts;
  const profile = TOKEN_PROFILE[opts.useCase] ?? { inMean: 800, outMean: 300, perDay: 30 };
  for (let d = days; d >= 0; d--) {
    const dayStart = now - d * DAY;
    const weekday = new Date(dayStart).getUTCDay();
    const weekendFactor = weekday === 0 || weekday === 6 ? 0.55 : 1;
    const count = Math.round(profile.perDay * (opts.scale ?? 1) * weekendFactor * (0.75 + rnd.next() * 0.5));
    for (let i = 0; i < count; i++) {
      const t = dayStart + rnd.next() * DAY;
      if (t > now) continue;
      const modelId = modelAt(opts.switches, t, opts.currentModelId);
      const price = opts.prices.get(modelId) ?? { input: 0, output: 0, tier: 3 };
      let outcome: InvocationRow["outcome"] = "success";
      let errorCode: string | null = null;
      let roll = rnd.next();
      for (const f of FAILURES) {
        if (roll < f.p) {
          outcome = f.outcome;
          errorCode = f.code;
          break;
        }
        roll -= f.p;
      }
      const ok = outcome === "success";
      const inputTokens = ok ? Math.round(rnd.normal(profile.inMean, profile.inMean * 0.35, 20)) : 0;
      const outputTokens = ok ? Math.round(rnd.normal(profile.outMean, profile.outMean * 0.4, 5)) : 0;
      const latencyMs = Math.round(ok ? rnd.normal(250 + price.tier * 180 + outputTokens * 2, 120, 80) : rnd.normal(900, 400, 30));
      const who = opts.users?.length && rnd.chance(0.15) ? rnd.pick(opts.users) : null;
      yield {
        modelId,
        useCase: opts.useCase,
        conversationId: who?.conversationId ?? null,
        userId: who?.userId ?? null,
        inputTokens,
        outputTokens,
        latencyMs,
        outcome,
        errorCode,
        inputPricePerMTok: price.input,
        outputPricePerMTok: price.output,
        costUsd: tokenCostUsd({ inputTokens, outputTokens }, { inputPricePerMTok: price.input, outputPricePerMTok: price.output }),
        createdAt: new Date(t),
      };
    }
  }
}
