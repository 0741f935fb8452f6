// The four starting use cases, with policies that reproduce the old system's mix:
// clinical on a Claude Sonnet, health on Nova Lite, operations on Nova Pro.
import type { useCases } from "../schema";
import { DEFAULT_DETECTION_TERMS } from "@/lib/default-detection-terms";

type UseCaseSeed = typeof useCases.$inferInsert & { fallbackChain: string[] };

export const SONNET_EU = "eu.anthropic.claude-sonnet-4-5-20250929-v1:0";
export const NOVA_LITE_EU = "eu.amazon.nova-lite-v1:0";
export const NOVA_PRO_EU = "eu.amazon.nova-pro-v1:0";
export const NOVA_MICRO_EU = "eu.amazon.nova-micro-v1:0";
export const HAIKU_EU = "eu.anthropic.claude-haiku-4-5-20251001-v1:0";
export const NOVA2_LITE_EU = "eu.amazon.nova-2-lite-v1:0";

export const useCaseSeeds: UseCaseSeed[] = [
  {
    name: "clinical",
    detectionTerms: DEFAULT_DETECTION_TERMS.clinical,
    description: "Clinical decision support: diagnoses, medication, dosage and patient questions. EU data residency.",
    currentModelId: SONNET_EU,
    objective: "quality",
    minContext: 200_000,
    maxOutputPricePerMTok: 20,
    requiredCapabilities: ["text", "documents"],
    allowedGeoScopes: ["eu", "in-region"],
    excludeLegacy: true,
    allowAutoSwitch: true,
    allowUserChoice: true,
    cooldownSeconds: 300,
    monthlyInputTokens: 420_000_000,
    monthlyOutputTokens: 95_000_000,
    fallbackChain: ["eu.anthropic.claude-sonnet-4-6", HAIKU_EU, NOVA_PRO_EU],
  },
  {
    name: "health",
    detectionTerms: DEFAULT_DETECTION_TERMS.health,
    description: "Consumer health and wellbeing: sleep, nutrition, fitness and stress. High volume, cost first.",
    currentModelId: NOVA_LITE_EU,
    objective: "cost",
    minContext: 32_000,
    maxInputPricePerMTok: 1.5,
    requiredCapabilities: ["text"],
    allowedGeoScopes: ["eu", "in-region"],
    excludeLegacy: true,
    allowAutoSwitch: true,
    allowUserChoice: true,
    cooldownSeconds: 180,
    monthlyInputTokens: 1_600_000_000,
    monthlyOutputTokens: 380_000_000,
    fallbackChain: [NOVA_MICRO_EU, NOVA_PRO_EU],
  },
  {
    name: "operations",
    detectionTerms: DEFAULT_DETECTION_TERMS.operations,
    description: "Back-office operations: incidents, deployments, invoices, schedules and inventory.",
    currentModelId: NOVA_PRO_EU,
    objective: "balanced",
    minContext: 100_000,
    requiredCapabilities: ["text", "tools"],
    allowedGeoScopes: ["eu", "in-region"],
    excludeLegacy: true,
    allowAutoSwitch: true,
    allowUserChoice: false,
    cooldownSeconds: 300,
    monthlyInputTokens: 650_000_000,
    monthlyOutputTokens: 160_000_000,
    fallbackChain: [NOVA_LITE_EU, HAIKU_EU],
  },
  {
    name: "general",
    detectionTerms: DEFAULT_DETECTION_TERMS.general,
    description: "Everything else: general questions, writing and brainstorming.",
    currentModelId: HAIKU_EU,
    objective: "balanced",
    requiredCapabilities: ["text"],
    excludeLegacy: true,
    allowAutoSwitch: true,
    allowUserChoice: true,
    cooldownSeconds: 120,
    monthlyInputTokens: 300_000_000,
    monthlyOutputTokens: 70_000_000,
    fallbackChain: [NOVA2_LITE_EU, NOVA_LITE_EU],
  },
];
