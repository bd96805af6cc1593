import type { SubmissionEvent, SubmissionSummary } from '@assay/shared';
import { applyEvent, fromSnapshot } from './submission-state';

const id = '00000000-0000-4000-8000-000000000001';
const at = '2026-12-02T10:00:00.000Z';
const summary: SubmissionSummary = {
  id, challengeSlug: 'stream-log', kind: 'final', status: 'queued', verdict: null, message: null, attempt: 1,
  createdAt: at, startedAt: null, finishedAt: null, tests: [], score: null,
};
const status = (seq: number, s: SubmissionSummary['status'], attempt = 1): SubmissionEvent => ({ type: 'status', submissionId: id, seq, at, status: s, attempt, verdict: null, message: null });

it('drops events at or below the seq it already has', () => {
  const start = fromSnapshot({ submission: summary, seq: 2, events: [] });
  expect(applyEvent(start, status(2, 'running'))).toBe(start);
  expect(applyEvent(start, status(1, 'running'))).toBe(start);
  const next = applyEvent(start, status(3, 'running'));
  expect([next.seq, next.submission.status, next.events.length]).toEqual([3, 'running', 1]);
  expect(applyEvent(next, status(3, 'running'))).toBe(next);
});

it('keeps test results by name and a final score', () => {
  let s = fromSnapshot({ submission: summary, seq: 0, events: [] });
  s = applyEvent(s, { type: 'test', submissionId: id, seq: 1, at, test: { name: 'a', passed: false, skipped: false } });
  s = applyEvent(s, { type: 'test', submissionId: id, seq: 2, at, test: { name: 'b', passed: true, skipped: false } });
  s = applyEvent(s, { type: 'score', submissionId: id, seq: 3, at, verdict: 'ACCEPTED', score: { total: 90, level: 'strong', rubricVersion: 'r@1', dimensions: [] } as never });
  expect(s.submission.tests.map((t) => t.name)).toEqual(['a', 'b']);
  expect([s.submission.verdict, s.submission.score?.total]).toEqual(['ACCEPTED', 90]);
});

it('starts a retry attempt with no stale test results', () => {
  let s = fromSnapshot({ submission: summary, seq: 0, events: [] });
  s = applyEvent(s, { type: 'test', submissionId: id, seq: 1, at, test: { name: 'a', passed: true, skipped: false } });
  s = applyEvent(s, status(2, 'queued', 2));
  expect([s.submission.attempt, s.submission.tests.length, s.events.length]).toEqual([2, 0, 1]);
});

it('ignores another submission’s events', () => {
  const s = fromSnapshot({ submission: summary, seq: 0, events: [] });
  expect(applyEvent(s, { ...status(1, 'running'), submissionId: '00000000-0000-4000-8000-000000000002' })).toBe(s);
});
