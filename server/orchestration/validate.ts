import "server-only";
import { assertCan, type Actor } from "@/server/auth/roles";
import { BedrockCallError } from "@/server/bedrock";
import { cachedCatalog } from "@/server/catalog/cache";
import { env } from "@/server/env";
import { validateModel, type ModelValidation } from "@/server/policy/validate-model";
import { bedrockMode } from "@/server/runtime-info";
import { requireUseCase } from "./get-for-use-case";
import { gateway } from "./gateway";

/** validate: every check of the model id, each with a detail a person can act on; optionally a one-token probe. */
export async function validateOperation({
  actor,
  modelId,
  useCase: useCaseName,
  probe,
}: {
  actor: Actor;
  modelId: string;
  useCase?: string;
  probe?: boolean;
}): Promise<ModelValidation> {
  assertCan(actor, "validate");
  const [catalog, useCase] = await Promise.all([cachedCatalog(), useCaseName ? requireUseCase(useCaseName) : null]);
  const base = { modelId, catalog, region: env().AWS_REGION, now: new Date(), useCase: useCase ? { name: useCase.name, policy: useCase } : null };
  const first = validateModel(base);
  if (!first.model) return first; // unknown: nothing to ask Bedrock about
  const access = bedrockMode() === "aws" ? await checkAccess(first.model.baseModelId) : null;
  const probed = probe && !first.checks.some((c) => c.status === "fail") ? await runProbe(modelId) : null;
  return access || probed ? validateModel({ ...base, access, probe: probed }) : first;
}

async function checkAccess(baseModelId: string) {
  try {
    const a = await gateway().getModelAvailability(baseModelId);
    return { authorized: a.authorized, agreement: a.agreement };
  } catch (err) {
    const code = err instanceof BedrockCallError ? err.code : "error";
    return { authorized: false, agreement: `could not check (${code})` };
  }
}

async function runProbe(modelId: string) {
  try {
    const r = await gateway().converse({ modelId, messages: [{ role: "user", text: "ping" }], maxTokens: 1 });
    return { ok: true, detail: `Probe call answered in ${r.latencyMs} ms (${r.inputTokens} in, ${r.outputTokens} out).` };
  } catch (err) {
    const e = err instanceof BedrockCallError ? err : null;
    return { ok: false, detail: e ? `Probe call failed: ${e.code} (HTTP ${e.httpStatus}): ${e.message}` : "Probe call failed." };
  }
}
