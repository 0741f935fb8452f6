import "server-only";

export type CheckStatus = "pass" | "warn" | "fail";

/** One named verdict with a sentence a person can act on; shared by fit, validate and rank. */
export type CheckResult = { name: string; status: CheckStatus; detail: string };

export function hasFailure(checks: readonly CheckResult[]): boolean {
  return checks.some((c) => c.status === "fail");
}
