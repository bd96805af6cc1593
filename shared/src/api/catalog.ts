import { z } from 'zod';
import { ChallengeSummarySchema } from '../challenge';
import { RubricSchema } from '../score';
import { IdSchema, TimestampSchema } from './common';

/** A challenge as synced into the database: one row per content version. */
export const ChallengeVersionSchema = ChallengeSummarySchema.extend({
  versionId: IdSchema,
  /** SHA-256 of every file of the challenge folder: changes whenever anything in it does. */
  contentHash: z.string(),
  /** "<slug>@<version>" of the rubric in force. */
  rubricVersion: z.string().nullable(),
  syncedAt: TimestampSchema,
});
export type ChallengeVersion = z.infer<typeof ChallengeVersionSchema>;

export const ChallengeListSchema = z.object({ challenges: z.array(ChallengeVersionSchema) });

/** Staff only: the prompt and the rubric with its thresholds (never sent to candidates). */
export const ChallengeDetailSchema = ChallengeVersionSchema.extend({
  prompt: z.string(),
  rubric: RubricSchema.nullable(),
});
export type ChallengeDetail = z.infer<typeof ChallengeDetailSchema>;
