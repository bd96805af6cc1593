import type { InvitationState } from '@assay/shared';
import { AppError } from '../platform/errors';
import type { InvitationRow } from './invitation.table';

/** How long after the deadline a candidate can still read their results with the link. */
export const RESULTS_GRACE_MS = 24 * 3_600_000;

/**
 * Saves arriving this soon after the deadline still count: the browser's last
 * autosave or a submit clicked at 59:59 must not lose to network latency.
 */
export const DEADLINE_GRACE_MS = 5_000;

export function invitationState(inv: InvitationRow, now = new Date()): InvitationState {
  if (inv.revoked_at) return 'revoked';
  if (inv.finished_at || (inv.deadline_at && now > inv.deadline_at)) return 'finished';
  if (inv.started_at) return 'started';
  if (now > inv.expires_at) return 'expired';
  return 'pending';
}

/** Deadline of a candidate starting at `startedAt`: assessment time plus their accommodation. */
export function deadlineFor(startedAt: Date, timeAllowedMinutes: number, extraTimeMinutes: number): Date {
  return new Date(startedAt.getTime() + (timeAllowedMinutes + extraTimeMinutes) * 60_000);
}

/** The link works for reading: not withdrawn, not expired unused, not long past the deadline. Else 401. */
export function assertCandidateCanRead(inv: InvitationRow, now = new Date()): void {
  if (inv.revoked_at) throw new AppError('UNAUTHENTICATED', 'This invitation has been withdrawn.', { invite: 'revoked' });
  if (!inv.started_at && now > inv.expires_at) throw new AppError('UNAUTHENTICATED', 'This invitation has expired.', { invite: 'expired' });
  if (inv.deadline_at && now.getTime() > inv.deadline_at.getTime() + RESULTS_GRACE_MS) throw new AppError('UNAUTHENTICATED', 'This assessment is closed.', { invite: 'closed' });
}

/**
 * When `assertCandidateCanRead` starts refusing if nothing else changes (an
 * unused link expires; a started one closes a grace period after its
 * deadline). Extra time or a start can move it later; a revocation ends it at once.
 */
export function candidateReadableUntil(inv: InvitationRow): Date {
  if (inv.revoked_at) return inv.revoked_at;
  if (!inv.started_at) return inv.expires_at;
  if (inv.deadline_at) return new Date(inv.deadline_at.getTime() + RESULTS_GRACE_MS);
  return new Date(8.64e15); // started without a deadline does not happen; never lapses by time
}

/** The candidate may change things (drafts, submissions, activity): started, not finished, before the deadline. Else 409. */
export function assertCandidateCanWrite(inv: InvitationRow, now = new Date()): void {
  assertCandidateCanRead(inv, now);
  if (!inv.started_at || !inv.deadline_at) throw new AppError('CONFLICT', 'Start the assessment first.');
  if (inv.finished_at) throw new AppError('CONFLICT', 'You have already finished this assessment.');
  if (now.getTime() > inv.deadline_at.getTime() + DEADLINE_GRACE_MS) throw new AppError('CONFLICT', 'The deadline has passed.');
}
