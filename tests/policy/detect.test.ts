import { describe, expect, it } from "vitest";

import { DEFAULT_DETECTION_TERMS, defaultDetectionRules, detectUseCase, type DetectionRule } from "@/server/policy/detect";

const RULES = defaultDetectionRules();

describe("detectUseCase with the default terms", () => {
  it.each<[string, string, number]>([
    ["clinical", "Patient, 67, on warfarin: what is the differential diagnosis, and is ibuprofen contraindicated at this dosage?", 0.95],
    ["clinical", "Please code this discharge summary with ICD-10 and list the medications.", 0.9],
    ["health", "I want better sleep and less stress; can you suggest a diet and an exercise routine?", 0.9],
    ["health", "Mindfulness and meditation tips for my mental health", 0.9],
    ["operations", "The outage broke the deployment; open an incident and check the SLA.", 0.9],
    ["operations", "Match the invoice to purchase order 4411 and track the shipment from the warehouse.", 0.9],
  ])("%s: %s", (useCase, message, minConfidence) => {
    const result = detectUseCase(message, RULES);
    expect(result.useCase).toBe(useCase);
    expect(result.confidence).toBeGreaterThanOrEqual(minConfidence);
    expect(result.confidence).toBeLessThanOrEqual(1);
    expect(result.aboveThreshold).toBe(true);
  });

  it.each(["hello", "", "   ", "Hi there! 👋", "What's the weather like tomorrow?"])("nothing matches in %j", (message) => {
    const result = detectUseCase(message, RULES);
    expect(result).toMatchObject({ useCase: null, confidence: 0, aboveThreshold: false });
    expect(Object.keys(result.scores)).toEqual(["clinical", "health", "operations", "general"]);
    expect(Object.values(result.scores).every((s) => s === 0)).toBe(true);
  });

  it("a lone generic word yields general with low confidence, below the threshold", () => {
    const result = detectUseCase("Can you summarize this?", RULES);
    expect(result.useCase).toBe("general");
    expect(result.confidence).toBeLessThan(0.5);
    expect(result.aboveThreshold).toBe(false);
  });

  it("a generic word never outweighs a domain term", () => {
    expect(detectUseCase("Summarize the patient's symptoms and write an email", RULES).useCase).toBe("clinical");
  });

  it("a mixed message goes to the stronger side with lower confidence than a pure one", () => {
    const pure = detectUseCase("Patient dosage and contraindications", RULES);
    const mixed = detectUseCase("Patient dosage and contraindications; also schedule the deployment after the outage", RULES);
    expect(mixed.useCase).toBe("clinical");
    expect(mixed.scores.operations).toBeGreaterThan(0);
    expect(mixed.matched.operations).toEqual(["outage", "deployment", "schedule"]);
    expect(mixed.confidence).toBeLessThan(pure.confidence);
  });
});

describe("matching rules", () => {
  const rules: DetectionRule[] = [
    {
      useCase: "clinical",
      terms: [
        { term: "diagnosis", weight: 2.5 },
        { term: "differential diagnosis", weight: 3 },
        { term: "ICD-10", weight: 3 },
        { term: "patient", weight: 2 },
        { term: "diet", weight: 1 },
      ],
    },
    {
      useCase: "operations",
      terms: [
        { term: "SLA", weight: 2 },
        { term: "purchase order", weight: 3 },
      ],
    },
  ];
  const clinical = (message: string) => detectUseCase(message, rules).scores.clinical;
  const operations = (message: string) => detectUseCase(message, rules).scores.operations;

  it.each<[string, number]>([
    // a phrase weighs as given and claims its words: not 3 + 2.5
    ["What is the differential diagnosis?", 3],
    ["differential diagnosis first, then a final diagnosis", 5.5],
    // separators inside a phrase are flexible
    ["ICD-10 code", 3],
    ["icd 10 code", 3],
    ["ICD10 code", 3],
    ["icd–10 (en dash)", 3],
    // each distinct term once, however often it appears
    ["patient patient PATIENT patients", 2],
    // case, punctuation, plural
    ["PATIENT!!!", 2],
    ["(patient)", 2],
    ["patients' records", 2],
    ["dietary advice", 0],
    // accents fold away
    ["Patiënt with a diagnósis", 4.5],
    // Unicode word boundaries: a letter of any script joined to the term is part of another word
    ["λdiet", 0],
    ["straßediet", 0],
    ["Диета diet", 1],
    ["inpatient", 0],
  ])("clinical score of %j is %d", (message, expected) => {
    expect(clinical(message)).toBe(expected);
  });

  it.each<[string, number]>([
    ["Check the SLA.", 2],
    ["slap", 0],
    ["ISLAND", 0],
    ["Purchase-Order 17", 3],
    ["purchase\norder", 3],
  ])("operations score of %j is %d", (message, expected) => {
    expect(operations(message)).toBe(expected);
  });

  it("reports the matched terms as written in the rules, in rule order", () => {
    const result = detectUseCase("icd10 for this PATIENT after a differential diagnosis", rules);
    expect(result.matched.clinical).toEqual(["differential diagnosis", "ICD-10", "patient"]);
    expect(result.matched.operations).toEqual([]);
  });

  it("confidence = share × (1 − e^(−best/2))", () => {
    expect(detectUseCase("differential diagnosis", rules).confidence).toBeCloseTo(1 - Math.exp(-1.5), 3);
    // clinical 2 (patient) vs operations 2 (SLA): a tie halves it, and the first rule wins
    const tie = detectUseCase("patient SLA", rules);
    expect(tie.useCase).toBe("clinical");
    expect(tie.confidence).toBeCloseTo(0.5 * (1 - Math.exp(-1)), 3);
    expect(tie.aboveThreshold).toBe(false);
  });

  it("honours a custom threshold", () => {
    const message = "differential diagnosis";
    expect(detectUseCase(message, rules).aboveThreshold).toBe(true);
    expect(detectUseCase(message, rules, { threshold: 0.9 }).aboveThreshold).toBe(false);
    expect(detectUseCase("patient", rules, { threshold: 0.1 }).aboveThreshold).toBe(true);
  });

  it("lets a negative weight push back, but never below zero", () => {
    const withNegative: DetectionRule[] = [
      {
        useCase: "clinical",
        terms: [
          { term: "patient", weight: 2 },
          { term: "patient portal login", weight: -3 },
        ],
      },
      { useCase: "operations", terms: [{ term: "login", weight: 1 }] },
    ];
    const result = detectUseCase("patient portal login broken", withNegative);
    expect(result.scores.clinical).toBe(0);
    expect(result.useCase).toBe("operations");
  });

  it("merges two rules for the same use case and ignores empty terms", () => {
    const result = detectUseCase("SLA for the purchase order", [
      {
        useCase: "ops",
        terms: [
          { term: "SLA", weight: 1 },
          { term: "  ", weight: 5 },
        ],
      },
      {
        useCase: "ops",
        terms: [
          { term: "purchase order", weight: 2 },
          { term: "sla", weight: 9 },
        ],
      },
    ]);
    expect(result.scores).toEqual({ ops: 3 });
    expect(result.matched.ops).toEqual(["SLA", "purchase order"]);
  });
});

describe("DEFAULT_DETECTION_TERMS", () => {
  it("covers the four built-in use cases with positive weights and no duplicates", () => {
    expect(Object.keys(DEFAULT_DETECTION_TERMS).sort()).toEqual(["clinical", "general", "health", "operations"]);
    for (const terms of Object.values(DEFAULT_DETECTION_TERMS)) {
      expect(terms.length).toBeGreaterThan(5);
      expect(terms.every((t) => t.weight > 0 && t.term.trim() === t.term)).toBe(true);
      expect(new Set(terms.map((t) => t.term.toLowerCase())).size).toBe(terms.length);
    }
  });

  it("keeps generic terms weaker than any domain term", () => {
    const generic = Math.max(...DEFAULT_DETECTION_TERMS.general.map((t) => t.weight));
    const domain = [...DEFAULT_DETECTION_TERMS.clinical, ...DEFAULT_DETECTION_TERMS.health, ...DEFAULT_DETECTION_TERMS.operations];
    expect(generic).toBeLessThan(Math.min(...domain.map((t) => t.weight)));
  });

  it("includes the expected vocabulary", () => {
    const terms = (u: keyof typeof DEFAULT_DETECTION_TERMS) => DEFAULT_DETECTION_TERMS[u].map((t) => t.term);
    expect(terms("clinical")).toEqual(
      expect.arrayContaining([
        "diagnosis",
        "patient",
        "dosage",
        "contraindication",
        "differential diagnosis",
        "ICD-10",
        "medication",
        "symptom",
        "prescription",
      ]),
    );
    expect(terms("health")).toEqual(expect.arrayContaining(["wellness", "fitness", "sleep", "nutrition", "diet", "exercise", "mental health", "stress"]));
    expect(terms("operations")).toEqual(
      expect.arrayContaining(["invoice", "deployment", "outage", "incident", "schedule", "inventory", "purchase order", "shipment", "SLA"]),
    );
  });
});
