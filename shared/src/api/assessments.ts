import { z } from 'zod';
import { IdSchema, TimestampSchema } from './common';

/**
 * What a candidate may see of their final submissions' results: `nothing`
 * (only that it was received and judged), `verdict` (the verdict and its
 * message, no score), or `score` (verdict and the score with per-dimension
 * points). Test runs of the visible tests are practice and always show
 * their results. The server enforces it in every response and live event.
 */
export const CANDIDATE_SEES = ['nothing', 'verdict', 'score'] as const;
export const CandidateSeesSchema = z.enum(CANDIDATE_SEES);
export type CandidateSees = z.infer<typeof CandidateSeesSchema>;

export const CreateAssessmentBodySchema = z.strictObject({
  title: z.string().trim().min(1).max(200),
  challengeSlugs: z
    .array(z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/))
    .min(1)
    .max(10)
    .refine((s) => new Set(s).size === s.length, 'must not repeat a challenge'),
  /** Time a candidate gets once started. @defaultValue the sum of the challenges' timeAllowedMinutes */
  timeAllowedMinutes: z.number().int().min(5).max(1440).optional(),
  /** What candidates see of their final submissions' results. @defaultValue 'score' */
  candidateSees: CandidateSeesSchema.default('score'),
});
export type CreateAssessmentBody = z.input<typeof CreateAssessmentBodySchema>;

export const AssessmentSchema = z.object({
  id: IdSchema,
  title: z.string(),
  timeAllowedMinutes: z.number().int(),
  candidateSees: CandidateSeesSchema,
  createdBy: z.object({ id: IdSchema, name: z.string() }),
  createdAt: TimestampSchema,
  challenges: z.array(z.object({ slug: z.string(), title: z.string(), versionId: IdSchema })),
});
export type Assessment = z.infer<typeof AssessmentSchema>;

export const AssessmentListSchema = z.object({ assessments: z.array(AssessmentSchema) });
