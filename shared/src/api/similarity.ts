import { z } from 'zod';
import { IdSchema, TimestampSchema } from './common';

/** A share of fingerprints at or above this flags a match for the reviewer's attention. */
export const SIMILARITY_FLAG_SHARE = 0.5;

/** Lines `startLine`–`endLine` (1-based, inclusive) of one file. */
export const LineRangeSchema = z.object({ file: z.string(), startLine: z.number().int().positive(), endLine: z.number().int().positive() });
export type LineRange = z.infer<typeof LineRangeSchema>;

/** One stretch of code both sides share: where it is in this submission (`a`) and in the other (`b`). */
export const SharedRegionSchema = z.object({ a: LineRangeSchema, b: LineRangeSchema, fingerprints: z.number().int().positive() });
export type SharedRegion = z.infer<typeof SharedRegionSchema>;

/** What the submission was compared with: another candidate's final submission, or one of the challenge's own solutions. */
export const SimilarityOtherSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('submission'),
    submissionId: IdSchema,
    invitationId: IdSchema,
    /** Null when the other candidate is in an assessment the caller may not see. */
    candidateName: z.string().nullable(),
    submittedAt: TimestampSchema,
  }),
  /** `reference`, `naive`, … : a folder of `challenges/<slug>/solutions/`. */
  z.object({ kind: z.literal('solution'), name: z.string() }),
]);
export type SimilarityOther = z.infer<typeof SimilarityOtherSchema>;

export const SimilarityMatchSchema = z.object({
  other: SimilarityOtherSchema,
  /** Share of this submission's fingerprints (starter removed) also in the other, 0–1. */
  share: z.number().min(0).max(1),
  /** Share of the other's fingerprints also in this one, 0–1. */
  otherShare: z.number().min(0).max(1),
  sharedFingerprints: z.number().int().nonnegative(),
  flagged: z.boolean(),
  regions: z.array(SharedRegionSchema),
  /** The other side's files that hold a region, for the side-by-side view. */
  otherFiles: z.record(z.string(), z.string()),
  computedAt: TimestampSchema,
});
export type SimilarityMatch = z.infer<typeof SimilarityMatchSchema>;

/** `GET /api/submissions/:id/similarity`: `checked` is false until the check has run (it runs after scoring). */
export const SimilarityReportSchema = z.object({
  submissionId: IdSchema,
  checked: z.boolean(),
  method: z.string(),
  matches: z.array(SimilarityMatchSchema),
});
export type SimilarityReport = z.infer<typeof SimilarityReportSchema>;
