import type { InvitationRow } from '../invitations/invitation.table';
import { draftsDueAt } from '../invitations/invitation.rules';
import type { Logger } from '../platform/logger';
import type { SubmissionQueue } from '../submissions/submission.queue';

/** The job that submits an invitation's last drafts when they are due; data `{ invitationId }`. */
export const DRAFTS_JOB = 'submit-last-drafts';

export interface DraftsJobData {
  invitationId: string;
}

/**
 * Schedules the submission of an invitation's last drafts for when they are
 * due (deadline + grace): a BullMQ delayed job, so it fires on time on
 * whichever worker is free, with no polling. Called when the candidate
 * starts and whenever staff move the deadline. The job id names the due
 * time: scheduling the same deadline twice is a no-op, and a job for a
 * deadline that was moved later finds nothing due when it fires and does
 * nothing (the job for the new deadline does the work). Best effort: if Redis
 * cannot take it, the sweeper's safety net submits the drafts.
 */
export async function scheduleDraftSubmission(queue: SubmissionQueue, inv: InvitationRow, graceMs: number, log: Logger): Promise<void> {
  const due = draftsDueAt(inv, graceMs);
  if (!due) return;
  try {
    await queue.queue.add(DRAFTS_JOB, { invitationId: inv.id } satisfies DraftsJobData, {
      jobId: `drafts-${inv.id}-${due.getTime()}`,
      delay: Math.max(0, due.getTime() - Date.now()),
      attempts: 5,
      backoff: { type: 'exponential', delay: 5_000 },
      removeOnComplete: { age: 86_400 },
      removeOnFail: { age: 7 * 86_400 },
    });
  } catch (err) {
    log.warn({ err: (err as Error).message, invitationId: inv.id }, 'could not schedule the deadline submission; the sweeper will do it');
  }
}
