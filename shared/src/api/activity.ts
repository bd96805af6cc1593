import { z } from 'zod';
import { IdSchema, TimestampSchema } from './common';

/**
 * What is recorded about a candidate's session. `paste`, `focus_lost` and
 * `focus_regained` come from the browser; the rest the server records itself.
 */
export const ACTIVITY_KINDS = ['started', 'finished', 'paste', 'focus_lost', 'focus_regained', 'run', 'submit'] as const;
export const ActivityKindSchema = z.enum(ACTIVITY_KINDS);
export type ActivityKind = z.infer<typeof ActivityKindSchema>;

/** Kinds a candidate's browser may report. */
export const CLIENT_ACTIVITY_KINDS = ['paste', 'focus_lost', 'focus_regained'] as const;

/** Shown to candidates before they start: nothing is recorded that this does not say. */
export const ACTIVITY_DISCLOSURE =
  'While you take this assessment we record: when you start and finish, each test run and submission, ' +
  'the size of text you paste into the editor (not its content), and when this page loses or regains focus. ' +
  'Reviewers see this log beside your code; you can see it too.';

export const ActivityEventInputSchema = z.strictObject({
  kind: z.enum(CLIENT_ACTIVITY_KINDS),
  challengeSlug: z.string().max(100).optional(),
  /** When it happened in the browser; the server also keeps when it was received. */
  at: TimestampSchema.optional(),
  /** For `paste`: how many characters were pasted. */
  pasteChars: z.number().int().nonnegative().max(10_000_000).optional(),
});

export const RecordActivityBodySchema = z.strictObject({ events: z.array(ActivityEventInputSchema).min(1).max(100) });
export type RecordActivityBody = z.infer<typeof RecordActivityBodySchema>;

export const ActivityEventSchema = z.object({
  id: z.string(),
  invitationId: IdSchema,
  kind: ActivityKindSchema,
  challengeSlug: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
  occurredAt: TimestampSchema,
  recordedAt: TimestampSchema,
});
export type ActivityEvent = z.infer<typeof ActivityEventSchema>;

export const ActivityListSchema = z.object({ events: z.array(ActivityEventSchema), disclosure: z.string() });
export type ActivityList = z.infer<typeof ActivityListSchema>;

/**
 * A `submit` the server made for the candidate (their last saved draft, at the
 * deadline or when they finished) rather than one they clicked, and why; null otherwise.
 */
export function autoSubmissionReason(event: Pick<ActivityEvent, 'kind' | 'details'>): 'at the deadline' | 'when the test was finished' | null {
  if (event.kind !== 'submit' || event.details.auto !== true) return null;
  return event.details.trigger === 'finish' ? 'when the test was finished' : 'at the deadline';
}
