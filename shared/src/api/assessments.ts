import { z } from 'zod';
import { IdSchema, TimestampSchema } from './common';

export const CreateAssessmentBodySchema = z.strictObject({
  title: z.string().trim().min(1).max(200),
  challengeSlugs: z
    .array(z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/))
    .min(1)
    .max(10)
    .refine((s) => new Set(s).size === s.length, 'must not repeat a challenge'),
  /** Time a candidate gets once started. @defaultValue the sum of the challenges' timeAllowedMinutes */
  timeAllowedMinutes: z.number().int().min(5).max(1440).optional(),
});
export type CreateAssessmentBody = z.infer<typeof CreateAssessmentBodySchema>;

export const AssessmentSchema = z.object({
  id: IdSchema,
  title: z.string(),
  timeAllowedMinutes: z.number().int(),
  createdBy: z.object({ id: IdSchema, name: z.string() }),
  createdAt: TimestampSchema,
  challenges: z.array(z.object({ slug: z.string(), title: z.string(), versionId: IdSchema })),
});
export type Assessment = z.infer<typeof AssessmentSchema>;

export const AssessmentListSchema = z.object({ assessments: z.array(AssessmentSchema) });
