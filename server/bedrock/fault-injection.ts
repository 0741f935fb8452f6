import "server-only";
import { type BedrockCallError, toBedrockCallError } from "./call-error";

// Per-model faults for the offline gateway, so tests and demos can exercise the fallback path without AWS.
// The registry lives on globalThis: one per process, shared by every module copy (Turbopack may bundle a module
// twice) so a test route or a script that sets a fault reaches the gateway that serves the invoke path.

export const FAULT_KINDS = ["throttle", "timeout", "5xx", "access-denied", "validation"] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export type FaultSpec = {
  kind: FaultKind;
  /** How many calls fail before the model recovers; omitted means every call fails until cleared. */
  remaining?: number;
};

export type InjectedFault = { modelId: string; kind: FaultKind; remaining: number | null; injectedAt: string };

/**
 * What AWS would send for each kind: the exception name, its HTTP status and the service's wording. The fault is
 * passed through the same translation as a real SDK exception, so the fallback path cannot tell them apart.
 */
const FAULT_EXCEPTIONS: Record<FaultKind, { name: string; status: number; message: string }> = {
  throttle: { name: "ThrottlingException", status: 429, message: "Too many requests, please wait before trying again." },
  timeout: { name: "ModelTimeoutException", status: 408, message: "Model has timed out in processing the request. Try your request again." },
  "5xx": { name: "ServiceUnavailableException", status: 503, message: "Bedrock is unable to process your request." },
  "access-denied": { name: "AccessDeniedException", status: 403, message: "You don't have access to the model with the specified model ID." },
  validation: { name: "ValidationException", status: 400, message: "The provided model identifier is invalid." },
};

type Registry = Map<string, InjectedFault>;
const g = globalThis as unknown as { __switchboardBedrockFaults?: Registry };

function registry(): Registry {
  g.__switchboardBedrockFaults ??= new Map();
  return g.__switchboardBedrockFaults;
}

/** Makes calls to `modelId` fail with `spec.kind`; replaces any fault already set on that model. */
export function injectFault(modelId: string, spec: FaultSpec): InjectedFault {
  if (!FAULT_KINDS.includes(spec.kind)) throw new Error(`Unknown fault kind "${String(spec.kind)}"`);
  if (spec.remaining !== undefined && (!Number.isInteger(spec.remaining) || spec.remaining < 1)) {
    throw new Error("remaining must be a positive integer (omit it for a fault that lasts until cleared)");
  }
  const fault: InjectedFault = { modelId, kind: spec.kind, remaining: spec.remaining ?? null, injectedAt: new Date().toISOString() };
  registry().set(modelId, fault);
  return { ...fault };
}

/** Clears the fault of one model, or every fault when no model is given. */
export function clearFaults(modelId?: string): void {
  if (modelId === undefined) registry().clear();
  else registry().delete(modelId);
}

export function listFaults(): InjectedFault[] {
  return [...registry().values()].map((f) => ({ ...f })).sort((a, b) => a.modelId.localeCompare(b.modelId));
}

/** The error an injected fault of this kind throws, exactly as the aws gateway would translate the real one. */
export function faultError(kind: FaultKind, modelId: string): BedrockCallError {
  const e = FAULT_EXCEPTIONS[kind];
  return toBedrockCallError({ name: e.name, message: e.message, $metadata: { httpStatusCode: e.status } }, modelId);
}

/** Consumes one failure of the model's fault, if any, and returns the error to throw. */
export function takeFault(modelId: string): BedrockCallError | null {
  const fault = registry().get(modelId);
  if (!fault) return null;
  if (fault.remaining !== null) {
    fault.remaining -= 1;
    if (fault.remaining <= 0) registry().delete(modelId);
  }
  return faultError(fault.kind, modelId);
}
