// A use case's policy as an admin edits it: one schema for the policy editor in the browser (every field's error in
// one round, before anything is sent) and for the server (which also checks provider names and candidate ids against
// the catalog). Pure: no server imports.
import { z } from "zod";
import { CAPABILITIES, GEO_SCOPES, POLICY_OBJECTIVES } from "./catalog-model";

// Generous ceilings that still catch a slipped digit; the database enforces cooldown and volume ranges as well.
const MAX_PRICE = 10_000;
const MAX_CONTEXT = 100_000_000;
const MAX_MONTHLY_TOKENS = 1e15;
export const MAX_CANDIDATES = 20;

const number = (what: string) => z.number({ error: `${what} must be a number.` });
const ceiling = (what: string) =>
  number(what)
    .min(0, `${what} must be 0 or more (leave it empty for no ceiling).`)
    .max(MAX_PRICE, `${what} looks too high: prices are per million tokens.`)
    .nullable();
const wholeTokens = (what: string) =>
  // Ranges before int(): 1e40 is "too high", not "not a whole number" (past 2^53 every double fails int()).
  number(what).min(0, `${what} must be 0 or more.`).max(MAX_MONTHLY_TOKENS, `${what} looks too high.`).int(`${what} must be a whole number of tokens.`);
/** Checkbox groups: order and repeats carry no meaning, so they are normalised instead of refused. */
const set = <T extends string>(item: z.ZodType<T>) => z.array(item).transform((items) => [...new Set(items)]);

/** A use case's policy. Provider names and candidate ids are checked against the catalog on the server too. */
export const policySchema = z.strictObject({
  objective: z.enum(POLICY_OBJECTIVES, { error: "Choose quality, balanced or cost." }),
  minContext: number("Minimum context")
    .min(1, "Minimum context must be at least 1 token (leave it empty for no minimum).")
    .max(MAX_CONTEXT, "Minimum context looks too high.")
    .int("Minimum context must be a whole number of tokens.")
    .nullable(),
  maxInputPricePerMTok: ceiling("Maximum input price"),
  maxOutputPricePerMTok: ceiling("Maximum output price"),
  requiredCapabilities: set(z.enum(CAPABILITIES, { error: `Capabilities are ${CAPABILITIES.join(", ")}.` })),
  allowedProviders: set(z.string().trim().min(1, "A provider name cannot be empty.").max(60)),
  allowedGeoScopes: set(z.enum(GEO_SCOPES, { error: `Geo scopes are ${GEO_SCOPES.join(", ")}.` })),
  excludeLegacy: z.boolean(),
  candidates: z
    .array(z.string().trim().min(1, "A candidate id cannot be empty.").max(200, "That is too long for a model id."))
    .max(MAX_CANDIDATES, `List at most ${MAX_CANDIDATES} candidates.`)
    .superRefine((ids, ctx) => {
      const seen = new Set<string>();
      ids.forEach((id, i) => {
        if (seen.has(id)) ctx.addIssue({ code: "custom", path: [i], message: `${id} is listed twice; list each candidate once.` });
        seen.add(id);
      });
    }),
  allowAutoSwitch: z.boolean(),
  allowUserChoice: z.boolean(),
  cooldownSeconds: number("Cooldown")
    .min(0, "Cooldown must be between 0 and 86,400 seconds (one day).")
    .max(86_400, "Cooldown must be between 0 and 86,400 seconds (one day).")
    .int("Cooldown must be a whole number of seconds."),
  monthlyInputTokens: wholeTokens("Monthly input tokens").min(
    1,
    "Monthly input tokens must be more than 0: cost figures use this estimate until there is traffic.",
  ),
  monthlyOutputTokens: wholeTokens("Monthly output tokens"),
  description: z.string().trim().max(500, "Keep the description under 500 characters."),
});
export type PolicyInput = z.input<typeof policySchema>;
export type PolicyUpdate = z.output<typeof policySchema>;

export const useCaseNameSchema = z.string().trim().min(1, "Name the use case.").max(40);

/** A new use case has no volume estimate yet (0) until an admin gives one in its policy. */
export const newUseCasePolicySchema = policySchema.extend({ monthlyInputTokens: wholeTokens("Monthly input tokens") });
