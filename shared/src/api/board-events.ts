import type { AssessmentBoard, AssessmentEvent, Invitation, InvitationState } from '@assay/shared';

/**
 * The board with one live event applied. A submission event sets the
 * candidate's cell for that challenge to the newest final submission; an
 * invitation event replaces the row's invitation (start, finish, revocation,
 * extra time). `needsReload` says the event names something the board does
 * not hold (a new row, or a submission of a candidate the board still shows
 * as not started), so the caller refetches instead of guessing.
 */
export function applyAssessmentEvent(board: AssessmentBoard, event: AssessmentEvent): { board: AssessmentBoard; needsReload: boolean } {
  if (event.assessmentId !== board.assessment.id) return { board, needsReload: false };
  const index = board.rows.findIndex((r) => r.invitation.id === event.invitationId);
  if (index < 0) return { board, needsReload: true };
  const row = board.rows[index]!;
  const rows = [...board.rows];
  if (event.type === 'invitation') {
    rows[index] = { ...row, invitation: event.invitation };
    return { board: { ...board, rows }, needsReload: false };
  }
  // A submission of a candidate shown as not started: the start's own event was missed.
  const needsReload = row.invitation.state === 'pending' || row.invitation.state === 'expired';
  if (event.kind !== 'final') return { board, needsReload };
  const previous = row.cells[event.challengeSlug];
  if (previous && previous.submissionId !== event.submissionId && Date.parse(previous.submittedAt) > Date.parse(event.at)) return { board, needsReload };
  const same = previous?.submissionId === event.submissionId;
  const cell = {
    challengeSlug: event.challengeSlug,
    submissionId: event.submissionId,
    status: event.status,
    verdict: event.verdict,
    total: event.total,
    level: event.level ?? (same ? previous!.level : null),
    submittedAt: same ? previous!.submittedAt : event.at,
    finalCount: same ? previous!.finalCount : (previous?.finalCount ?? 0) + 1,
  };
  rows[index] = { ...row, cells: { ...row.cells, [event.challengeSlug]: cell } };
  return { board: { ...board, rows }, needsReload };
}

/**
 * The state to show now: the clock alone moves a started invitation past its
 * deadline and an unused link past its expiry, with no event, so the board
 * derives those from its server-corrected clock (as the server would answer).
 */
export function shownState(invitation: Invitation, nowMs: number, skewMs: number): InvitationState {
  const serverNow = nowMs + skewMs;
  if (invitation.state === 'started' && invitation.deadlineAt && serverNow > Date.parse(invitation.deadlineAt)) return 'finished';
  if (invitation.state === 'pending' && serverNow > Date.parse(invitation.expiresAt)) return 'expired';
  return invitation.state;
}

/** Seconds left before the deadline, by the server's clock (`skewMs` = server − client). */
export function secondsLeft(deadlineAt: string | null, nowMs: number, skewMs: number): number | null {
  if (!deadlineAt) return null;
  return Math.max(0, Math.round((Date.parse(deadlineAt) - (nowMs + skewMs)) / 1000));
}

export function formatLeft(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  return h ? `${h} h ${String(m).padStart(2, '0')} min` : `${m}:${String(s).padStart(2, '0')}`;
}
