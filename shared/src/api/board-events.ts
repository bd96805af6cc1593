import type { AssessmentBoard, AssessmentEvent, BoardRow, Invitation, InvitationState } from '@assay/shared';

/**
 * The board with one live event applied. A final submission's event sets the
 * candidate's cell for that challenge to the newest final submission; a new
 * test run adds to the candidate's count for that challenge; an invitation
 * event replaces the row's invitation (start, finish, revocation, extra time)
 * or, for a new invitation, adds its row. `needsReload` says the event names
 * something the board does not hold (a row it cannot build, or a submission of
 * a candidate the board still shows as not started), so the caller refetches
 * instead of guessing.
 */
export function applyAssessmentEvent(board: AssessmentBoard, event: AssessmentEvent): { board: AssessmentBoard; needsReload: boolean } {
  if (event.assessmentId !== board.assessment.id) return { board, needsReload: false };
  const index = board.rows.findIndex((r) => r.invitation.id === event.invitationId);
  if (index < 0 && event.type === 'invitation' && event.invitation.state === 'pending') {
    // Just invited (here or by a colleague): a new row has nothing yet but the invitation. Rows are in invitation order.
    const row: BoardRow = { invitation: event.invitation, cells: {}, testRuns: {}, reviewCount: 0, reviewedByMe: false, topSimilarity: null };
    return { board: { ...board, rows: [...board.rows, row] }, needsReload: false };
  }
  if (index < 0) return { board, needsReload: true };
  const row = board.rows[index]!;
  const rows = [...board.rows];
  if (event.type === 'invitation') {
    rows[index] = { ...row, invitation: event.invitation };
    return { board: { ...board, rows }, needsReload: false };
  }
  // A submission of a candidate shown as not started: the start's own event was missed.
  const needsReload = row.invitation.state === 'pending' || row.invitation.state === 'expired';
  if (event.kind === 'test') {
    // A test run just made (its first `queued`; a retried run's `queued` has attempt ≥ 1) adds to the count.
    if (event.status !== 'queued' || event.attempt !== 0) return { board, needsReload };
    rows[index] = { ...row, testRuns: { ...row.testRuns, [event.challengeSlug]: (row.testRuns[event.challengeSlug] ?? 0) + 1 } };
    return { board: { ...board, rows }, needsReload };
  }
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
