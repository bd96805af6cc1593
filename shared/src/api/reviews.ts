import { z } from 'zod';
import { IdSchema, TimestampSchema } from './common';

export const DECISIONS = ['reject', 'hold', 'advance'] as const;
export const DecisionSchema = z.enum(DECISIONS);
export type Decision = z.infer<typeof DecisionSchema>;

/** The reviewer's own review of one candidate (one per reviewer; saving again replaces it). */
export const SaveReviewBodySchema = z.strictObject({
  notes: z.string().max(20_000).default(''),
  /** Manual rating 1–5 per rubric dimension name ("correctness", "memory", …). */
  ratings: z.record(z.string().regex(/^[a-z][a-zA-Z0-9]*$/).max(50), z.number().int().min(1).max(5)).default({}),
  decision: DecisionSchema.nullable().default(null),
});
export type SaveReviewBody = z.input<typeof SaveReviewBodySchema>;

export const ReviewSchema = z.object({
  id: IdSchema,
  invitationId: IdSchema,
  reviewer: z.object({ id: IdSchema, name: z.string() }),
  notes: z.string(),
  ratings: z.record(z.string(), z.number()),
  decision: DecisionSchema.nullable(),
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
});
export type Review = z.infer<typeof ReviewSchema>;

/**
 * `GET /api/invitations/:id/reviews`. Other reviewers' reviews are left out
 * (counted in `hiddenCount`) until the caller has saved their own, so every
 * rating is given independently (admins too: calibration's agreement
 * statistics rely on it).
 */
export const ReviewListSchema = z.object({ reviews: z.array(ReviewSchema), hiddenCount: z.number().int().nonnegative() });
