import type { InvitationRow } from './invitation.table';
import { DEADLINE_GRACE_MS, RESULTS_GRACE_MS, assertCandidateCanRead, assertCandidateCanWrite, candidateReadableUntil, deadlineFor, draftsDueAt, invitationState } from './invitation.rules';

const t0 = new Date('2026-03-01T10:00:00Z');
const at = (ms: number) => new Date(t0.getTime() + ms);
const inv = (over: Partial<InvitationRow> = {}): InvitationRow => ({
  id: 'i', assessment_id: 'a', candidate_name: 'C', candidate_email: 'c@example.com', token_hash: 'h', created_by: 'u',
  created_at: t0, expires_at: at(3_600_000), extra_time_minutes: 0, started_at: null, deadline_at: null, finished_at: null, revoked_at: null,
  drafts_submitted_at: null, ...over,
});

describe('invitation rules', () => {
  it('adds the accommodation to the assessment time', () => {
    expect(deadlineFor(t0, 60, 15)).toEqual(at(75 * 60_000));
  });

  it('derives the state from the timestamps', () => {
    expect(invitationState(inv(), t0)).toBe('pending');
    expect(invitationState(inv(), at(3_600_001))).toBe('expired');
    const started = inv({ started_at: t0, deadline_at: at(60_000) });
    expect(invitationState(started, at(59_999))).toBe('started');
    expect(invitationState(started, at(60_001))).toBe('finished');
    expect(invitationState(inv({ ...started, finished_at: at(10) }), at(20))).toBe('finished');
    expect(invitationState(inv({ ...started, revoked_at: at(10) }), at(20))).toBe('revoked');
  });

  it('lets an unstarted link be used until it expires, a started one until the deadline (plus grace)', () => {
    expect(() => assertCandidateCanRead(inv(), at(3_600_000))).not.toThrow();
    expect(() => assertCandidateCanRead(inv(), at(3_600_001))).toThrow(/expired/);
    // Started before expiry: the expiry no longer matters.
    const started = inv({ started_at: at(1000), deadline_at: at(7_200_000) });
    expect(() => assertCandidateCanWrite(started, at(7_200_000 + DEADLINE_GRACE_MS))).not.toThrow();
    expect(() => assertCandidateCanWrite(started, at(7_200_001 + DEADLINE_GRACE_MS))).toThrow(/deadline/);
    expect(() => assertCandidateCanRead(started, at(7_200_000 + RESULTS_GRACE_MS))).not.toThrow();
    expect(() => assertCandidateCanRead(started, at(7_200_001 + RESULTS_GRACE_MS))).toThrow(/closed/);
    expect(() => assertCandidateCanWrite(inv(), t0)).toThrow(/Start the assessment first/);
    expect(() => assertCandidateCanRead(inv({ revoked_at: t0 }), t0)).toThrow(/withdrawn/);
  });

  it('takes the configured grace after the deadline for writes', () => {
    const started = inv({ started_at: at(1000), deadline_at: at(7_200_000) });
    expect(() => assertCandidateCanWrite(started, at(7_230_000), 30_000)).not.toThrow();
    expect(() => assertCandidateCanWrite(started, at(7_230_001), 30_000)).toThrow(/deadline/);
    expect(() => assertCandidateCanWrite(started, at(7_200_001), 0)).toThrow(/deadline/);
  });

  it('makes drafts due at an early finish, else when the grace after the deadline ends; never unstarted or withdrawn', () => {
    const started = inv({ started_at: at(1000), deadline_at: at(7_200_000) });
    expect(draftsDueAt(started, 30_000)).toEqual(at(7_230_000));
    expect(draftsDueAt(inv({ ...started, finished_at: at(60_000) }), 30_000)).toEqual(at(60_000));
    expect(draftsDueAt(inv(), 30_000)).toBeUndefined();
    expect(draftsDueAt(inv({ ...started, revoked_at: at(5) }), 30_000)).toBeUndefined();
  });

  it('says when reading lapses: the last moment assertCandidateCanRead accepts', () => {
    const unused = inv();
    expect(candidateReadableUntil(unused)).toEqual(at(3_600_000));
    expect(() => assertCandidateCanRead(unused, candidateReadableUntil(unused))).not.toThrow();
    const started = inv({ started_at: at(1000), deadline_at: at(7_200_000) });
    const end = candidateReadableUntil(started);
    expect(() => assertCandidateCanRead(started, end)).not.toThrow();
    expect(() => assertCandidateCanRead(started, new Date(end.getTime() + 1))).toThrow(/closed/);
    expect(candidateReadableUntil(inv({ ...started, revoked_at: at(5) }))).toEqual(at(5));
  });
});
