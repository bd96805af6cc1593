import { z } from 'zod';
import { CheckResultSchema, TestResultSchema } from '../challenge';
import { ProgramOutputSchema, ReportMeasurementsSchema, ScoreDimensionSchema, ScoreSchema, TrialSummarySchema } from '../score';
import { VerdictSchema } from '../verdict';
import { IdSchema, SolutionFilesSchema, TimestampSchema } from './common';

/** `test`: run the visible tests (practice). `final`: the graded submission. */
export const SUBMISSION_KINDS = ['test', 'final'] as const;
export const SubmissionKindSchema = z.enum(SUBMISSION_KINDS);
export type SubmissionKind = z.infer<typeof SubmissionKindSchema>;

/** queued → running → scoring → done | failed (failed = platform fault after every retry). */
export const SUBMISSION_STATUSES = ['queued', 'running', 'scoring', 'done', 'failed'] as const;
export const SubmissionStatusSchema = z.enum(SUBMISSION_STATUSES);
export type SubmissionStatus = z.infer<typeof SubmissionStatusSchema>;

export function isFinalStatus(status: SubmissionStatus): boolean {
  return status === 'done' || status === 'failed';
}

/** Largest solution accepted (path + content bytes); above it the API answers 413. */
export const DEFAULT_MAX_SOLUTION_BYTES = 512 * 1024;

export const CreateSubmissionBodySchema = z.strictObject({
  kind: SubmissionKindSchema,
  files: SolutionFilesSchema,
});
export type CreateSubmissionBody = z.infer<typeof CreateSubmissionBodySchema>;

/**
 * A score as a candidate may see it: points per dimension, without the
 * explanations (they name rubric thresholds).
 */
export const CandidateScoreSchema = ScoreSchema.pick({ total: true, level: true, rubricVersion: true }).extend({
  dimensions: z.array(ScoreDimensionSchema.pick({ name: true, points: true, max: true })),
});
export type CandidateScore = z.infer<typeof CandidateScoreSchema>;

/** A submission as its candidate sees it. */
export const SubmissionSummarySchema = z.object({
  id: IdSchema,
  challengeSlug: z.string(),
  kind: SubmissionKindSchema,
  status: SubmissionStatusSchema,
  /** Verdict of the run that counts; null until one finished. */
  verdict: VerdictSchema.nullable(),
  /** Why the verdict is not ACCEPTED (e.g. the first lines of stderr). */
  message: z.string().nullable(),
  attempt: z.number().int().nonnegative(),
  createdAt: TimestampSchema,
  startedAt: TimestampSchema.nullable(),
  finishedAt: TimestampSchema.nullable(),
  tests: z.array(TestResultSchema),
  score: CandidateScoreSchema.nullable(),
});
export type SubmissionSummary = z.infer<typeof SubmissionSummarySchema>;

/**
 * `GET /api/candidate/submissions/:id`: the summary and what the candidate's
 * own program printed in the visible-test run of the run that counts, capped.
 * Never its output on hidden inputs (scored trials: staff only), nor a
 * reference run's or the hidden harness's output.
 */
export const CandidateSubmissionSchema = SubmissionSummarySchema.extend({
  output: z.array(ProgramOutputSchema),
});
export type CandidateSubmission = z.infer<typeof CandidateSubmissionSchema>;

/** One judge run of a submission (staff view). INTERNAL_ERROR runs are kept beside the retry that followed. */
export const RunSchema = z.object({
  id: IdSchema,
  attempt: z.number().int().positive(),
  verdict: VerdictSchema,
  measurements: ReportMeasurementsSchema.nullable(),
  tests: z.array(TestResultSchema),
  checks: z.array(CheckResultSchema),
  trials: z.array(TrialSummarySchema),
  message: z.string().nullable(),
  /** Platform fault, for staff: never shown to candidates. */
  internalError: z.string().nullable(),
  /** The judge's messages (verdict message, failing tests), capped. */
  log: z.string(),
  /** What the candidate's program printed, run by run, capped; `[]` for runs stored before it was kept. */
  output: z.array(ProgramOutputSchema),
  challengeContentHash: z.string().nullable(),
  createdAt: TimestampSchema,
});
export type Run = z.infer<typeof RunSchema>;

export const StoredScoreSchema = ScoreSchema.extend({ runId: IdSchema, createdAt: TimestampSchema });

/** A submission with everything a reviewer needs. */
export const SubmissionDetailSchema = SubmissionSummarySchema.extend({
  invitationId: IdSchema,
  assessmentId: IdSchema,
  candidateName: z.string(),
  files: SolutionFilesSchema,
  runs: z.array(RunSchema),
  scores: z.array(StoredScoreSchema),
});
export type SubmissionDetail = z.infer<typeof SubmissionDetailSchema>;

export const SubmissionListSchema = z.object({ submissions: z.array(SubmissionSummarySchema) });
