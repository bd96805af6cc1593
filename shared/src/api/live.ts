import { z } from 'zod';
import { TestResultSchema } from '../challenge';
import { ErrorBodySchema } from '../error';
import { LatencySummarySchema, MemorySampleSchema } from '../measurement';
import { LevelSchema } from '../score';
import { VerdictSchema } from '../verdict';
import { IdSchema, TimestampSchema } from './common';
import { InvitationSchema } from './invitations';
import { CandidateScoreSchema, SubmissionKindSchema, SubmissionStatusSchema, SubmissionSummarySchema } from './submissions';

const TrialRoleSchema = z.enum(['reference', 'candidate']);

/**
 * Fields of every live event of a submission. `seq` grows by one per event of
 * the submission, so a client holding a snapshot at seq n drops events ≤ n and
 * sees a gap as a jump.
 */
const base = { submissionId: IdSchema, seq: z.number().int().positive(), at: TimestampSchema };

/** Everything that happens to a submission while it is judged, as one discriminated union. */
export const SubmissionEventSchema = z.discriminatedUnion('type', [
  z.object({
    ...base,
    type: z.literal('status'),
    status: SubmissionStatusSchema,
    attempt: z.number().int().nonnegative(),
    verdict: VerdictSchema.nullable(),
    message: z.string().nullable(),
  }),
  z.object({ ...base, type: z.literal('test'), test: TestResultSchema }),
  z.object({ ...base, type: z.literal('sample'), role: TrialRoleSchema, trial: z.number().int().nonnegative(), sample: MemorySampleSchema }),
  z.object({ ...base, type: z.literal('latency'), role: TrialRoleSchema, trial: z.number().int().nonnegative(), latency: LatencySummarySchema }),
  z.object({ ...base, type: z.literal('progress'), message: z.string() }),
  z.object({ ...base, type: z.literal('score'), verdict: VerdictSchema, score: CandidateScoreSchema }),
]);
export type SubmissionEvent = z.infer<typeof SubmissionEventSchema>;
export type SubmissionEventType = SubmissionEvent['type'];

/**
 * What a (re)subscribing client gets: the stored state, and the live events of
 * the current attempt so far, up to `seq`. Events after it arrive in the room.
 */
export const SubmissionSnapshotSchema = z.object({
  submission: SubmissionSummarySchema,
  seq: z.number().int().nonnegative(),
  events: z.array(SubmissionEventSchema),
});
export type SubmissionSnapshot = z.infer<typeof SubmissionSnapshotSchema>;

/**
 * What staff watching an assessment's board are told, as one discriminated
 * union: a submission's status changed, or an invitation's (started,
 * finished, revoked, extra time, deadline passed). The board applies them
 * as they come; it never polls.
 */
export const AssessmentEventSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('submission'),
    assessmentId: IdSchema,
    invitationId: IdSchema,
    submissionId: IdSchema,
    challengeSlug: z.string(),
    kind: SubmissionKindSchema,
    status: SubmissionStatusSchema,
    /** The run's attempt: 0 when the submission was just made (its first `queued`), 1 and up once a worker took it. */
    attempt: z.number().int().nonnegative(),
    verdict: VerdictSchema.nullable(),
    total: z.number().nullable(),
    /** The level band of the stored score (with `done`), so the board need not reload for it. */
    level: LevelSchema.nullable(),
    at: TimestampSchema,
  }),
  z.object({
    type: z.literal('invitation'),
    assessmentId: IdSchema,
    invitationId: IdSchema,
    /** The invitation as staff see it after the change (the room is staff-only). */
    invitation: InvitationSchema,
    at: TimestampSchema,
  }),
]);
export type AssessmentEvent = z.infer<typeof AssessmentEventSchema>;

export const SubscribeAckSchema = z.union([
  z.object({ ok: z.literal(true), snapshot: SubmissionSnapshotSchema }),
  z.object({ ok: z.literal(false), error: ErrorBodySchema.shape.error }),
]);
export type SubmissionSubscribeAck = z.infer<typeof SubscribeAckSchema>;
export type AssessmentSubscribeAck = { ok: true } | { ok: false; error: z.infer<typeof ErrorBodySchema>['error'] };

/** Socket.IO events the server emits (typed for `Server<…>` and `io()` clients). */
export interface ServerToClientEvents {
  'submission:event': (event: SubmissionEvent) => void;
  'assessment:event': (event: AssessmentEvent) => void;
}

/** Socket.IO events a client may emit; every one answers through its ack. */
export interface ClientToServerEvents {
  'submission:subscribe': (submissionId: string, ack: (answer: SubmissionSubscribeAck) => void) => void;
  'submission:unsubscribe': (submissionId: string) => void;
  'assessment:subscribe': (assessmentId: string, ack: (answer: AssessmentSubscribeAck) => void) => void;
}

/**
 * Room names, shared by the API (joins) and the worker (emits). Staff and the
 * candidate of a submission are in different rooms: the candidate's gets
 * only what the assessment lets them see.
 */
export const liveRooms = {
  submission: (id: string) => `submission:${id}`,
  candidateSubmission: (id: string) => `submission:${id}:candidate`,
  assessment: (id: string) => `assessment:${id}`,
};
