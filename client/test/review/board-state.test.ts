import type { AssessmentBoard, AssessmentEvent, Invitation } from '@assay/shared';
import { applyAssessmentEvent, candidateLabel, candidatePseudonym, formatLeft, parseInvitationCsv, secondsLeft, shownState } from '@assay/shared';

const A = '00000000-0000-4000-8000-00000000000a';
const INV = '00000000-0000-4000-8000-000000000001';
const SUB = '00000000-0000-4000-8000-000000000101';
const at = '2026-12-02T12:00:00.000Z';

function board(state: 'started' | 'pending' = 'started'): AssessmentBoard {
  return {
    assessment: { id: A, title: 't', timeAllowedMinutes: 60, candidateSees: 'score', createdBy: { id: A, name: 'x' }, createdAt: at, challenges: [{ slug: 'stream-log', title: 'S', versionId: A }] },
    rows: [{
      invitation: { id: INV, assessmentId: A, candidateName: 'Ada', candidateEmail: 'a@x.io', state, createdAt: at, expiresAt: at, extraTimeMinutes: 0, startedAt: at, deadlineAt: at, finishedAt: null, revokedAt: null },
      cells: {}, testRuns: {}, reviewCount: 0, reviewedByMe: false, topSimilarity: null,
    }],
    serverTime: at,
  };
}
type SubmissionBoardEvent = Extract<AssessmentEvent, { type: 'submission' }>;
const event = (over: Partial<SubmissionBoardEvent> = {}): AssessmentEvent => ({ type: 'submission', assessmentId: A, invitationId: INV, submissionId: SUB, challengeSlug: 'stream-log', kind: 'final', status: 'running', attempt: 1, verdict: null, total: null, level: null, at, ...over });
const invitationEvent = (invitation: Invitation): AssessmentEvent => ({ type: 'invitation', assessmentId: A, invitationId: invitation.id, invitation, at });

describe('applyAssessmentEvent', () => {
  it('puts a final submission in its cell and follows its status', () => {
    const one = applyAssessmentEvent(board(), event());
    expect(one.board.rows[0]!.cells['stream-log']).toMatchObject({ submissionId: SUB, status: 'running', finalCount: 1 });
    expect(one.needsReload).toBe(false);
    const two = applyAssessmentEvent(one.board, event({ status: 'done', verdict: 'ACCEPTED', total: 91, level: 'senior' }));
    expect(two.board.rows[0]!.cells['stream-log']).toMatchObject({ status: 'done', verdict: 'ACCEPTED', total: 91, level: 'senior', finalCount: 1 });
    expect(two.needsReload).toBe(false); // the level comes with the event: no reload
  });
  it('applies invitation changes (start, extra time, revocation) to the row without a reload', () => {
    const pending = board('pending');
    const invitation = pending.rows[0]!.invitation;
    const started = applyAssessmentEvent(pending, invitationEvent({ ...invitation, state: 'started', extraTimeMinutes: 15 }));
    expect(started.needsReload).toBe(false);
    expect(started.board.rows[0]!.invitation).toMatchObject({ state: 'started', extraTimeMinutes: 15 });
    expect(applyAssessmentEvent(started.board, event()).needsReload).toBe(false); // its submissions follow without a reload
    const revoked = applyAssessmentEvent(started.board, invitationEvent({ ...invitation, state: 'revoked', revokedAt: at }));
    expect(revoked.board.rows[0]!.invitation.state).toBe('revoked');
    // A new invitation (made by a colleague) gets its row at the end, with nothing yet but the invitation.
    const invited = applyAssessmentEvent(pending, invitationEvent({ ...invitation, id: '00000000-0000-4000-8000-000000000002', candidateName: 'Grace' }));
    expect(invited.needsReload).toBe(false);
    expect(invited.board.rows.map((r) => r.invitation.candidateName)).toEqual(['Ada', 'Grace']);
    expect(invited.board.rows[1]).toMatchObject({ cells: {}, testRuns: {}, reviewCount: 0, reviewedByMe: false, topSimilarity: null });
    // A row it does not hold in any other state (started, revoked) cannot be built from the event alone.
    expect(applyAssessmentEvent(pending, invitationEvent({ ...invitation, id: '00000000-0000-4000-8000-000000000003', state: 'started' })).needsReload).toBe(true);
  });
  it('moves a started invitation to finished at its deadline and an unused link to expired, by the server clock', () => {
    const inv = board().rows[0]!.invitation;
    const deadline = Date.parse('2026-12-02T13:00:00.000Z');
    const started = { ...inv, deadlineAt: new Date(deadline).toISOString() };
    expect(shownState(started, deadline - 1000, 0)).toBe('started');
    expect(shownState(started, deadline + 1000, 0)).toBe('finished');
    expect(shownState(started, deadline - 1000, 2000)).toBe('finished');
    const pending = { ...inv, state: 'pending' as const, expiresAt: new Date(deadline).toISOString() };
    expect(shownState(pending, deadline - 1000, 0)).toBe('pending');
    expect(shownState(pending, deadline + 1000, 0)).toBe('expired');
  });
  it('counts a test run once, when it is made, and leaves test runs out of the cells', () => {
    const made = applyAssessmentEvent(board(), event({ kind: 'test', status: 'queued', attempt: 0 }));
    expect(made.board.rows[0]).toMatchObject({ testRuns: { 'stream-log': 1 }, cells: {} });
    expect(made.needsReload).toBe(false);
    let later = made.board;
    for (const [status, attempt] of [['running', 1], ['queued', 1], ['running', 2], ['done', 2]] as const) later = applyAssessmentEvent(later, event({ kind: 'test', status, attempt })).board;
    expect(later.rows[0]).toMatchObject({ testRuns: { 'stream-log': 1 }, cells: {} }); // its retry and progress are the same run
    expect(applyAssessmentEvent(later, event({ kind: 'test', status: 'queued', attempt: 0, submissionId: '00000000-0000-4000-8000-000000000102' })).board.rows[0]!.testRuns).toEqual({ 'stream-log': 2 });
    expect(applyAssessmentEvent(later, event({ kind: 'test', status: 'queued', attempt: 0, challengeSlug: 'event-loop' })).board.rows[0]!.testRuns).toEqual({ 'stream-log': 1, 'event-loop': 1 });
  });
  it('asks for a reload on a candidate it does not know', () => {
    expect(applyAssessmentEvent(board(), event({ invitationId: '00000000-0000-4000-8000-000000000002' })).needsReload).toBe(true);
    expect(applyAssessmentEvent(board('pending'), event()).needsReload).toBe(true);
  });
  it('counts time left on the server clock', () => {
    expect(secondsLeft('2026-12-02T12:10:00.000Z', Date.parse(at), 0)).toBe(600);
    expect(secondsLeft('2026-12-02T12:10:00.000Z', Date.parse(at), 60_000)).toBe(540);
    expect(secondsLeft(null, 0, 0)).toBeNull();
    expect(formatLeft(3725)).toBe('1 h 02 min');
    expect(formatLeft(65)).toBe('1:05');
  });
});

describe('parseInvitationCsv', () => {
  it('reads name, email, extra minutes with a header, quotes and semicolons, and names each bad line', () => {
    const { rows, issues } = parseInvitationCsv('name,email,extra minutes\nAda Lovelace,ada@example.com,15\n"Hopper, Grace",grace@example.com\n\nBob;bob@example.com;0\nEve,not-an-email,0\nMal,mal@example.com,-3\nAda again,ADA@example.com\n');
    expect(rows).toEqual([
      { candidateName: 'Ada Lovelace', candidateEmail: 'ada@example.com', extraTimeMinutes: 15 },
      { candidateName: 'Hopper, Grace', candidateEmail: 'grace@example.com', extraTimeMinutes: 0 },
      { candidateName: 'Bob', candidateEmail: 'bob@example.com', extraTimeMinutes: 0 },
    ]);
    expect(issues.map((i) => i.line)).toEqual([6, 7, 8]);
    expect(issues[0]!.message).toMatch(/^email/);
    expect(issues[1]!.message).toMatch(/^extra minutes/);
    expect(issues[2]!.message).toMatch(/already on line 2/);
  });
});

describe('candidatePseudonym', () => {
  it('is stable per invitation and differs between invitations', () => {
    expect(candidatePseudonym(INV)).toBe(candidatePseudonym(INV.toUpperCase()));
    expect(candidatePseudonym(INV)).toMatch(/^Candidate [A-Z][a-z]+ [A-Z][a-z]+ \d{3}$/);
    const many = new Set(Array.from({ length: 200 }, (_, i) => candidatePseudonym(`00000000-0000-4000-8000-${String(i).padStart(12, '0')}`)));
    expect(many.size).toBeGreaterThan(195);
    expect(candidateLabel({ id: INV, candidateName: 'Ada' }, false)).toBe('Ada');
    expect(candidateLabel({ id: INV, candidateName: 'Ada' }, true)).not.toContain('Ada');
  });
});
