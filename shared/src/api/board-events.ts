import type { AssessmentBoard, AssessmentEvent } from '@assay/shared';

/**
 * The board with one live event applied: the candidate's cell for that
 * challenge shows the newest final submission. `needsReload` says the event
 * names something the board does not hold yet (a new row, or a candidate
 * whose state changed), so the caller refetches instead of guessing.
 */
export function applyAssessmentEvent(board: AssessmentBoard, event: AssessmentEvent): { board: AssessmentBoard; needsReload: boolean } {
  if (event.assessmentId !== board.assessment.id) return { board, needsReload: false };
  const index = board.rows.findIndex((r) => r.invitation.id === event.invitationId);
  if (index < 0) return { board, needsReload: true };
  const row = board.rows[index]!;
  const needsReload = row.invitation.state !== 'started';
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
    level: same ? previous!.level : null,
    submittedAt: same ? previous!.submittedAt : event.at,
    finalCount: same ? previous!.finalCount : (previous?.finalCount ?? 0) + 1,
  };
  const rows = [...board.rows];
  rows[index] = { ...row, cells: { ...row.cells, [event.challengeSlug]: cell } };
  // The level arrives with the stored score: reload once a submission is done to pick it up.
  return { board: { ...board, rows }, needsReload: needsReload || event.status === 'done' };
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
