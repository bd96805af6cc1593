import { z } from 'zod';
import { ChallengeSummarySchema } from '../challenge';
import { CandidateSeesSchema } from './assessments';
import { InvitationStateSchema } from './invitations';
import { SolutionFilesSchema, TimestampSchema } from './common';

export const DraftSchema = z.object({
  files: SolutionFilesSchema,
  /** Bumped on every save; a save naming an older revision is refused (409) so two tabs cannot silently overwrite each other. */
  revision: z.number().int().positive(),
  updatedAt: TimestampSchema,
});
export type Draft = z.infer<typeof DraftSchema>;

export const SaveDraftBodySchema = z.strictObject({
  files: SolutionFilesSchema,
  /** The revision this save is based on; 0: only if there is no draft yet (a first save); omitted: overwrite. */
  baseRevision: z.number().int().nonnegative().optional(),
});
export type SaveDraftBody = z.infer<typeof SaveDraftBodySchema>;

/** A challenge as the candidate sees it: prompt and files only once started. Never the harness or rubric. */
export const CandidateChallengeSchema = ChallengeSummarySchema.extend({
  prompt: z.string().nullable(),
  /** `prompt` (markdown) rendered to HTML by the server, so the candidate's page carries no markdown parser; the page still sanitizes it before showing it. */
  promptHtml: z.string().nullable(),
  starterFiles: SolutionFilesSchema.nullable(),
  visibleTests: z.record(z.string(), z.string()).nullable(),
  draft: DraftSchema.nullable(),
  /** The memory limit scored runs get (the `full` scale's), for the candidate's memory chart; null when unlimited. */
  memoryLimitMiB: z.number().int().positive().nullable(),
});
export type CandidateChallenge = z.infer<typeof CandidateChallengeSchema>;

/** `GET /api/candidate/assessment`: the candidate's own assessment. */
export const CandidateAssessmentSchema = z.object({
  title: z.string(),
  candidateName: z.string(),
  state: InvitationStateSchema,
  timeAllowedMinutes: z.number().int(),
  /** What this candidate will see of their final submissions' results (see CandidateSeesSchema). */
  candidateSees: CandidateSeesSchema,
  extraTimeMinutes: z.number().int(),
  expiresAt: TimestampSchema,
  startedAt: TimestampSchema.nullable(),
  deadlineAt: TimestampSchema.nullable(),
  finishedAt: TimestampSchema.nullable(),
  /** The server's clock, so the client's countdown does not trust the candidate's clock. */
  serverTime: TimestampSchema,
  /** What is recorded about the candidate's activity, shown before they start. */
  activityDisclosure: z.string(),
  challenges: z.array(CandidateChallengeSchema),
});
export type CandidateAssessment = z.infer<typeof CandidateAssessmentSchema>;

/**
 * Why an invite link is refused (401 `details.invite`), so the candidate's page
 * can say which: a mistyped link, a withdrawn one, an unused one past its
 * date, or an assessment closed for good.
 */
export const INVITE_REFUSALS = ['unknown', 'revoked', 'expired', 'closed'] as const;
export const InviteRefusalSchema = z.enum(INVITE_REFUSALS);
export type InviteRefusal = z.infer<typeof InviteRefusalSchema>;
export const InviteRefusalDetailsSchema = z.object({ invite: InviteRefusalSchema });
