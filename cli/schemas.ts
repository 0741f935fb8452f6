// The shapes of the API's answers the CLI reads, checked with zod. Loose objects: the server may add fields, the CLI
// reads only what it shows, and --json prints the body untouched anyway.
import { z } from "zod";

const nullableString = z.string().nullable().optional();

export const modelSchema = z.looseObject({
  modelId: z.string(),
  name: z.string(),
  provider: z.string(),
  geoScope: z.string().optional(),
  inputPricePerMTok: z.number(),
  outputPricePerMTok: z.number(),
  contextWindow: z.number(),
  maxOutputTokens: z.number().optional(),
  lifecycleStatus: z.string(),
  legacyDate: nullableString,
  endOfLifeDate: nullableString,
  enabled: z.boolean().optional(),
  useCases: z.array(z.string()).optional(),
});
export type Model = z.infer<typeof modelSchema>;

export const listResponse = z.looseObject({ models: z.array(modelSchema) });

export const rankedModelSchema = modelSchema.extend({
  rank: z.number(),
  score: z.number(),
  eligible: z.boolean(),
  current: z.boolean(),
  coolingDownUntil: nullableString,
  reasons: z.array(z.string()),
});
export type RankedModel = z.infer<typeof rankedModelSchema>;

export const useCaseResponse = z.looseObject({
  useCase: z.string(),
  currentModelId: z.string(),
  models: z.array(rankedModelSchema),
});

export const checkSchema = z.looseObject({
  name: z.string(),
  status: z.enum(["pass", "warn", "fail"]),
  detail: z.string(),
});
export type Check = z.infer<typeof checkSchema>;

export const validateResponse = z.looseObject({
  valid: z.boolean(),
  modelId: z.string(),
  checks: z.array(checkSchema),
  model: modelSchema.optional(),
});

export const notificationSchema = z.looseObject({
  type: z.string(),
  modelId: z.string(),
  modelName: z.string(),
  title: z.string(),
  message: z.string(),
  previousModelId: z.string().optional(),
  previousModelName: z.string().optional(),
});
export type Notification = z.infer<typeof notificationSchema>;

export const switchSchema = z.looseObject({
  id: z.union([z.number(), z.string()]),
  actor: z.string().optional(),
  scope: z.string(),
  useCase: z.string(),
  conversationId: nullableString,
  previousModelId: nullableString,
  newModelId: z.string(),
  reason: nullableString,
  switchType: z.string(),
  timestamp: z.string(),
});
export type SwitchRecord = z.infer<typeof switchSchema>;

export const switchResponse = z.looseObject({
  switch: switchSchema,
  notification: notificationSchema.optional(),
  replayed: z.boolean().optional(),
});

export const candidateSchema = z.looseObject({
  modelId: z.string(),
  name: z.string(),
  provider: z.string().optional(),
  score: z.number(),
  eligible: z.boolean(),
  current: z.boolean(),
  coolingDownUntil: nullableString,
  reasons: z.array(z.string()),
});
export type Candidate = z.infer<typeof candidateSchema>;

export const autoSwitchResponse = z.looseObject({
  switched: z.boolean(),
  useCase: z.string().nullable().optional(),
  fromModelId: z.string().nullable(),
  toModelId: z.string().nullable(),
  reason: z.string(),
  candidates: z.array(candidateSchema),
  detection: z
    .looseObject({
      useCase: z.string().nullable(),
      confidence: z.number(),
      aboveThreshold: z.boolean(),
      matched: z.record(z.string(), z.array(z.string())).optional(),
    })
    .optional(),
  switch: switchSchema.optional(),
  notification: notificationSchema.optional(),
});

export const clearCacheResponse = z.looseObject({ cleared: z.literal(true) });

export const apiKeySchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  tokenPrefix: z.string(),
  accessKeyId: z.string(),
  useCases: z.array(z.string()),
  createdAt: z.string(),
  createdBy: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export type ApiKey = z.infer<typeof apiKeySchema>;

export const keysCreateResponse = z.looseObject({ key: apiKeySchema, token: z.string(), accessKeyId: z.string(), secretAccessKey: z.string() });
export const keysListResponse = z.looseObject({ keys: z.array(apiKeySchema) });
export const keysRevokeResponse = z.looseObject({ key: apiKeySchema });

/** Every answer: { ok: true, ... } or { ok: false, error }. */
export const envelopeSchema = z.discriminatedUnion("ok", [
  z.looseObject({ ok: z.literal(true) }),
  z.looseObject({
    ok: z.literal(false),
    error: z.looseObject({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
  }),
]);
