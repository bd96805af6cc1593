import { z } from 'zod';
import { LevelSchema, RubricSchema } from '../score';
import { DecisionSchema } from './reviews';
import { IdSchema, TimestampSchema } from './common';

/** Path params of `/api/rubrics/:slug/…`. */
export const ChallengeSlugParamsSchema = z.object({ slug: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/).max(100) });

const StaffRefSchema = z.object({ id: IdSchema, name: z.string() });

/** One published version of a challenge's rubric. Version 1 is the challenge's rubric.json. */
export const RubricVersionSchema = z.object({
  id: IdSchema,
  challengeSlug: z.string(),
  version: z.number().int().positive(),
  /** `file`: challenges/<slug>/rubric.json; `panel`: published from a draft. */
  source: z.enum(['file', 'panel']),
  publishedBy: StaffRefSchema.nullable(),
  /** The publisher's one-line reason (null for file versions). */
  reason: z.string().nullable(),
  createdAt: TimestampSchema,
  /** New submissions of the challenge are scored under this one. */
  isCurrent: z.boolean(),
  rubric: RubricSchema,
  /** Score rows made under this version (judged, and re-scored). */
  scoreCount: z.number().int().nonnegative(),
});
export type RubricVersion = z.infer<typeof RubricVersionSchema>;

export const RubricVersionListSchema = z.object({ versions: z.array(RubricVersionSchema) });

/** The panel's shared unpublished edit of a challenge's rubric. Always valid (saving refuses an invalid one). */
export const RubricDraftSchema = z.object({
  challengeSlug: z.string(),
  /** The version in force when the draft was started. */
  baseVersion: z.number().int().positive(),
  rubric: RubricSchema,
  updatedBy: StaffRefSchema,
  updatedAt: TimestampSchema,
});
export type RubricDraft = z.infer<typeof RubricDraftSchema>;

/** `GET /api/rubrics/:slug`: what the editor opens with. */
export const RubricOverviewSchema = z.object({
  challengeSlug: z.string(),
  title: z.string(),
  current: RubricVersionSchema,
  draft: RubricDraftSchema.nullable(),
  /** Metric names the challenge's judge records (from stored trials and the versions' dimensions), for the editor's picker. */
  metrics: z.array(z.string()),
  /** Scored final submissions a preview would re-score. */
  scoredSubmissions: z.number().int().nonnegative(),
});
export type RubricOverview = z.infer<typeof RubricOverviewSchema>;

/**
 * `PUT /api/rubrics/:slug/draft`. `challenge` and `version` are set by the
 * server (the slug, and the next version number), whatever is sent.
 */
export const SaveRubricDraftBodySchema = z.strictObject({ rubric: z.unknown() });
export type SaveRubricDraftBody = z.infer<typeof SaveRubricDraftBodySchema>;

/** One line, said plainly: why this version is better. */
export const PublishReasonSchema = z
  .string()
  .trim()
  .min(3, 'say why, in a few words')
  .max(200)
  .regex(/^[^\r\n]*$/, 'one line only');

/** `POST /api/rubrics/:slug/publish` (admin). */
export const PublishRubricBodySchema = z.strictObject({
  reason: PublishReasonSchema,
  /** Also re-score every scored submission under the new version, as new score rows beside the old ones. @defaultValue false */
  rescorePast: z.boolean().default(false),
  /** `draftHash` of the preview the publisher looked at: refused (409) when the draft has changed since. */
  draftHash: z.string().regex(/^[0-9a-f]{64}$/, 'the hash of the previewed draft'),
});
export type PublishRubricBody = z.input<typeof PublishRubricBodySchema>;

export const PublishRubricResultSchema = z.object({
  version: RubricVersionSchema,
  /** Score rows added beside the old ones (0 unless `rescorePast`). */
  rescored: z.number().int().nonnegative(),
});
export type PublishRubricResult = z.infer<typeof PublishRubricResultSchema>;

const ScorePointSchema = z.object({ total: z.number(), level: LevelSchema });

/** One histogram bin of totals, [from, to) (the last bin includes 100). */
export const HistogramBinSchema = z.object({ from: z.number(), to: z.number(), before: z.number().int(), after: z.number().int() });

/** A marked point on the distribution: a known solution scored before and after. */
export const AnchorSchema = z.object({
  name: z.string(),
  kind: z.enum(['reference', 'naive']),
  before: ScorePointSchema,
  after: ScorePointSchema,
  /** Where its measurements came from, in words. */
  source: z.string(),
  /** Measurement sets scored (the anchor is their median total). */
  samples: z.number().int().positive(),
});
export type Anchor = z.infer<typeof AnchorSchema>;

export const DimensionShiftSchema = z.object({
  name: z.string(),
  /** Max points before (null: the dimension is new) and after (null: removed). */
  maxBefore: z.number().nullable(),
  maxAfter: z.number().nullable(),
  meanBefore: z.number(),
  meanAfter: z.number(),
  /** meanAfter − meanBefore, in points. */
  shift: z.number(),
});
export type DimensionShift = z.infer<typeof DimensionShiftSchema>;

export const BandChangeSchema = z.object({
  submissionId: IdSchema,
  invitationId: IdSchema,
  /** The candidate's name, or their stable pseudonym (the viewer is anonymized, or may not see this assessment's names). */
  candidate: z.string(),
  before: ScorePointSchema,
  after: ScorePointSchema,
});
export type BandChange = z.infer<typeof BandChangeSchema>;

/** What a draft would do to every scored submission of the challenge, from stored measurements only. */
export const RescorePreviewSchema = z.object({
  challengeSlug: z.string(),
  /** "<slug>@<n>" of the version in force, and of the draft (the number it would get). */
  currentVersion: z.string(),
  draftVersion: z.string(),
  /** SHA-256 of the previewed draft's canonical JSON: publishing sends it back, so what is published is what was previewed. */
  draftHash: z.string(),
  /** Whether candidates are shown by pseudonym: the viewer's stored anonymized preference (never the query). */
  anonymized: z.boolean(),
  submissions: z.number().int().nonnegative(),
  /** Totals as stored (pinned to the version each was scored under), and under the draft. */
  before: z.array(z.number()),
  after: z.array(z.number()),
  histogram: z.array(HistogramBinSchema),
  meanBefore: z.number().nullable(),
  meanAfter: z.number().nullable(),
  dimensions: z.array(DimensionShiftSchema),
  anchors: z.array(AnchorSchema),
  /** Where no anchor could be placed, why (e.g. no naive solution among the stored runs). */
  anchorNotes: z.array(z.string()),
  bandChanges: z.array(BandChangeSchema),
  /** Server time spent re-scoring (context only). */
  elapsedMs: z.number().nonnegative(),
});
export type RescorePreview = z.infer<typeof RescorePreviewSchema>;

/** Krippendorff's alpha of one thing rated, with what it rests on. */
export const AlphaSchema = z.object({
  /** Null when there are no pairable values at all. */
  alpha: z.number().nullable(),
  level: z.enum(['nominal', 'ordinal', 'interval', 'ratio']),
  /** Units (submissions) rated by two or more raters. */
  units: z.number().int().nonnegative(),
  /** Values in those units (what alpha is computed from). */
  pairableValues: z.number().int().nonnegative(),
  /** Set when there is too little to mean anything. */
  note: z.string().nullable(),
});
export type Alpha = z.infer<typeof AlphaSchema>;

export const AgreementSchema = z.object({
  assessmentId: IdSchema,
  /** Whether candidates are shown by pseudonym: the viewer's stored anonymized preference (never the query). */
  anonymized: z.boolean(),
  raters: z.array(StaffRefSchema),
  /** Per rubric dimension, ordinal. */
  dimensions: z.array(z.object({ name: z.string(), alpha: AlphaSchema })),
  /** Decisions (reject / hold / advance), nominal. */
  decision: AlphaSchema,
  /** Per dimension: the mean manual rating against the automatic score (points ÷ max mapped onto 1–5), interval. */
  manualVsAutomatic: z.array(z.object({ name: z.string(), alpha: AlphaSchema, spearman: z.number().nullable() })),
  /** Candidates with the largest disagreement first. */
  disagreements: z.array(
    z.object({
      invitationId: IdSchema,
      /** The candidate's name, or their stable pseudonym when `anonymized`. */
      candidate: z.string(),
      /** Sum over dimensions of (highest − lowest rating), plus 2 when decisions differ. */
      spread: z.number(),
      ratings: z.array(z.object({ reviewer: StaffRefSchema, ratings: z.record(z.string(), z.number()), decision: DecisionSchema.nullable() })),
    }),
  ),
});
export type Agreement = z.infer<typeof AgreementSchema>;

/** `PUT /api/webhook` (admin). The secret may be omitted to keep the saved one. */
export const SaveWebhookBodySchema = z.strictObject({
  url: z.url({ protocol: /^https?$/ }).max(2000),
  secret: z.string().min(16, 'at least 16 characters').max(200).optional(),
  enabled: z.boolean().default(true),
});
export type SaveWebhookBody = z.input<typeof SaveWebhookBodySchema>;

export const WebhookSettingsSchema = z.object({
  configured: z.boolean(),
  url: z.string().nullable(),
  enabled: z.boolean(),
  /** The secret's last 4 characters (the whole secret is never sent back). */
  secretHint: z.string().nullable(),
  updatedAt: TimestampSchema.nullable(),
});
export type WebhookSettings = z.infer<typeof WebhookSettingsSchema>;

export const WEBHOOK_EVENTS = ['score.final', 'review.decision', 'test'] as const;
export const WebhookEventSchema = z.enum(WEBHOOK_EVENTS);
export type WebhookEvent = z.infer<typeof WebhookEventSchema>;

/** Where a delivery stands: `failed` only once its retries are spent. */
export const WebhookDeliveryStatusSchema = z.enum(['pending', 'delivered', 'failed']);
export type WebhookDeliveryStatus = z.infer<typeof WebhookDeliveryStatusSchema>;

export const WebhookDeliverySchema = z.object({
  id: IdSchema,
  event: WebhookEventSchema,
  url: z.string(),
  status: WebhookDeliveryStatusSchema,
  attempts: z.number().int().nonnegative(),
  lastStatusCode: z.number().int().nullable(),
  lastError: z.string().nullable(),
  createdAt: TimestampSchema,
  lastAttemptAt: TimestampSchema.nullable(),
  deliveredAt: TimestampSchema.nullable(),
  body: z.string(),
});
export type WebhookDelivery = z.infer<typeof WebhookDeliverySchema>;

export const WebhookDeliveryListSchema = z.object({ deliveries: z.array(WebhookDeliverySchema) });

/** The JSON body of every webhook call (signed as the exact bytes sent). */
export const WebhookPayloadSchema = z.object({
  id: IdSchema,
  event: WebhookEventSchema,
  occurredAt: TimestampSchema,
  data: z.record(z.string(), z.unknown()),
});
export type WebhookPayload = z.infer<typeof WebhookPayloadSchema>;

/** `PUT /api/webhook`'s answer: the settings, and the secret once when the server made it. */
export const SavedWebhookSchema = WebhookSettingsSchema.extend({ secret: z.string().optional() });
