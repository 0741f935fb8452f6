import "server-only";
import { DEFAULT_DETECTION_TERMS, type DetectionTerm } from "@/lib/default-detection-terms";

export { DEFAULT_DETECTION_TERMS, type DetectionTerm };
export type DetectionRule = { useCase: string; terms: DetectionTerm[] };

/** DEFAULT_DETECTION_TERMS in the shape detectUseCase takes. */
export function defaultDetectionRules(): DetectionRule[] {
  return Object.entries(DEFAULT_DETECTION_TERMS).map(([useCase, terms]) => ({
    useCase,
    terms: terms.map((t) => ({ ...t })),
  }));
}
