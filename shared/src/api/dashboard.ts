import { z } from 'zod';
import { LevelSchema } from '../score';
import { VerdictSchema } from '../verdict';
import { AssessmentSchema } from './assessments';
import { IdSchema, TimestampSchema } from './common';
import { CreateInvitationBodySchema, CreatedInvitationSchema, InvitationSchema } from './invitations';
import { SubmissionStatusSchema } from './submissions';

/** How many candidates of an assessment stand where (revoked invitations count only in `revoked`). */
export const AssessmentCountsSchema = z.object({
  invited: z.number().int().nonnegative(),
  inProgress: z.number().int().nonnegative(),
  /** With at least one final submission. */
  submitted: z.number().int().nonnegative(),
  /** With at least one saved review. */
  reviewed: z.number().int().nonnegative(),
  revoked: z.number().int().nonnegative(),
});
export type AssessmentCounts = z.infer<typeof AssessmentCountsSchema>;

/** `GET /api/dashboard/assessments`: what the interviewer's assessments list shows. */
export const AssessmentOverviewListSchema = z.object({
  assessments: z.array(AssessmentSchema.extend({ counts: AssessmentCountsSchema })),
});
export type AssessmentOverview = z.infer<typeof AssessmentOverviewListSchema>['assessments'][number];

/** The latest final submission of one candidate for one challenge, as the board shows it. */
export const BoardCellSchema = z.object({
  challengeSlug: z.string(),
  submissionId: IdSchema,
  status: SubmissionStatusSchema,
  verdict: VerdictSchema.nullable(),
  total: z.number().nullable(),
  level: LevelSchema.nullable(),
  submittedAt: TimestampSchema,
  /** Final submissions of this challenge so far (the cell shows the latest). */
  finalCount: z.number().int().positive(),
});
export type BoardCell = z.infer<typeof BoardCellSchema>;

export const BoardRowSchema = z.object({
  invitation: InvitationSchema,
  /** Keyed by challenge slug; a challenge not yet submitted has no entry. */
  cells: z.record(z.string(), BoardCellSchema),
  /** Test runs (practice) made so far, keyed by challenge slug; a challenge with none has no entry. */
  testRuns: z.record(z.string(), z.number().int().positive()),
  reviewCount: z.number().int().nonnegative(),
  /** Whether the caller has saved a review of this candidate. */
  reviewedByMe: z.boolean(),
  /** Highest share of fingerprints any of the candidate's final submissions shares with another solution (0–1), null before any check. */
  topSimilarity: z.number().min(0).max(1).nullable(),
});
export type BoardRow = z.infer<typeof BoardRowSchema>;

/**
 * `GET /api/dashboard/assessments/:id`: the live board's starting state.
 * `assessment:event`s after `serverTime` update its cells; a reconnecting
 * client loads it again.
 */
export const AssessmentBoardSchema = z.object({
  assessment: AssessmentSchema,
  rows: z.array(BoardRowSchema),
  /** The server's clock when the board was read, so time left is right on a skewed client. */
  serverTime: TimestampSchema,
});
export type AssessmentBoard = z.infer<typeof AssessmentBoardSchema>;

/** Most rows one bulk invitation may hold. */
export const MAX_BULK_INVITATIONS = 200;

/**
 * `POST /api/assessments/:id/invitations/bulk`: all or nothing. A bad row
 * answers 400 with `rows.<i>.<field>` paths and creates no invitation.
 */
export const BulkInvitationBodySchema = z.strictObject({
  rows: z
    .array(CreateInvitationBodySchema.omit({ expiresInHours: true }))
    .min(1)
    .max(MAX_BULK_INVITATIONS),
  /** @defaultValue 168 (a week) */
  expiresInHours: CreateInvitationBodySchema.shape.expiresInHours,
});
export type BulkInvitationBody = z.input<typeof BulkInvitationBodySchema>;

/** Each link is in this answer once: only token hashes are stored. */
export const BulkInvitationResultSchema = z.object({ created: z.array(CreatedInvitationSchema) });
export type BulkInvitationResult = z.infer<typeof BulkInvitationResultSchema>;

/** A staff member's own display preferences, kept on the server so they follow them across browsers. */
export const StaffPreferencesSchema = z.object({
  /** Hide candidates' names and emails everywhere; show stable pseudonyms instead. @defaultValue false */
  anonymized: z.boolean(),
});
export type StaffPreferences = z.infer<typeof StaffPreferencesSchema>;

export const UpdateStaffPreferencesBodySchema = z.strictObject({ anonymized: z.boolean() });
export type UpdateStaffPreferencesBody = z.infer<typeof UpdateStaffPreferencesBodySchema>;

/** Percentiles of one side of a latency measurement, in ms. */
export const LatencyPercentilesSchema = z.object({
  p50Ms: z.number().nullable(),
  p90Ms: z.number().nullable(),
  p99Ms: z.number().nullable(),
  p999Ms: z.number().nullable(),
  maxMs: z.number().nullable(),
});
export type LatencyPercentiles = z.infer<typeof LatencyPercentilesSchema>;

/**
 * `GET /api/submissions/:id/measurements`: what the review charts draw, for
 * the run that counts. Null parts were not measured (a batch challenge has
 * no latency; runs judged before timelines were kept have no samples).
 */
export const ReviewMeasurementsSchema = z.object({
  runId: IdSchema.nullable(),
  memory: z.object({
    /** The candidate's scored trials, each a series of samples from its start. */
    trials: z.array(z.object({ index: z.number().int().nonnegative(), samples: z.array(z.object({ tMs: z.number(), rssBytes: z.number() })) })),
    limitBytes: z.number().nullable(),
    baselineBytes: z.number().nullable(),
    peakBytes: z.number().nullable(),
    referencePeakBytes: z.number().nullable(),
    /** How the timeline was sampled. */
    timelineMethod: z.string(),
    /** How the peak was measured. */
    peakMethod: z.string().nullable(),
  }),
  latency: z
    .object({
      candidate: LatencyPercentilesSchema,
      /** Median over the reference's trials of the same run. */
      reference: LatencyPercentilesSchema.nullable(),
      method: z.string(),
      targetRps: z.number().nullable(),
      errors: z.number().int().nullable(),
    })
    .nullable(),
});
export type ReviewMeasurements = z.infer<typeof ReviewMeasurementsSchema>;

/** `GET /api/submissions/:id/starter`: the starter files of the challenge version the submission was made against (for the diff). */
export const SubmissionStarterSchema = z.object({ files: z.record(z.string(), z.string()) });
