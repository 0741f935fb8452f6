import "server-only";
import type { CatalogModel } from "@/lib/catalog-model";
import { modelDisplayName } from "@/lib/model-labels";
import type { SwitchNotification, SwitchRecord } from "./types";

const TITLES = { manual: "Model switched", auto: "Model auto-switched", fallback: "Fallback model in use" } as const;

/** A model's name as a person reads it, with its routing scope: "Claude Sonnet 4.5 (EU)" (lib/model-labels.ts). */
export function displayName(modelId: string, catalog: Map<string, CatalogModel>): string {
  const m = catalog.get(modelId);
  return m ? modelDisplayName(m) : modelId;
}

export function buildNotification(s: SwitchRecord, catalog: Map<string, CatalogModel>): SwitchNotification {
  const modelName = displayName(s.newModelId, catalog);
  const target = s.scope === "conversation" ? "this conversation" : `the ${s.useCase} use case`;
  const because = s.reason ? ` Reason: ${s.reason}` : "";
  const message =
    s.switchType === "fallback"
      ? `${s.previousModelId ? displayName(s.previousModelId, catalog) : "The model"} failed (${s.errorCode ?? "error"}); ${target} now uses ${modelName}.${because}`
      : `${target[0]!.toUpperCase()}${target.slice(1)} now uses ${modelName}.${because}`;
  return {
    type: s.switchType,
    modelId: s.newModelId,
    modelName,
    title: TITLES[s.switchType],
    message,
    ...(s.previousModelId ? { previousModelId: s.previousModelId, previousModelName: displayName(s.previousModelId, catalog) } : {}),
  };
}
