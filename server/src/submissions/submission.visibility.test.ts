import type { SubmissionEvent, SubmissionSummary } from '@assay/shared';
import { candidateEvent, candidateSummary } from './submission.visibility';

const at = '2026-03-01T10:00:00.000Z';
const id = '00000000-0000-4000-8000-000000000001';
const summary: SubmissionSummary = {
  id, challengeSlug: 'stream-log', kind: 'final', status: 'done', verdict: 'WRONG_ANSWER', message: 'line 3 differs', attempt: 1,
  createdAt: at, startedAt: at, finishedAt: at, tests: [{ name: 'counts lines', passed: true }] as SubmissionSummary['tests'],
  score: { total: 40, level: 'junior', rubricVersion: 'stream-log@1', dimensions: [{ name: 'correctness', points: 40, max: 60 }] },
};
const base = { submissionId: id, seq: 1, at };
const done: SubmissionEvent = { ...base, type: 'status', status: 'done', attempt: 1, verdict: 'WRONG_ANSWER', message: 'line 3 differs' };
const score: SubmissionEvent = { ...base, type: 'score', verdict: 'WRONG_ANSWER', score: summary.score! };
const progress: SubmissionEvent = { ...base, type: 'progress', message: 'WRONG_ANSWER: 40/100' };
const sample: SubmissionEvent = { ...base, type: 'sample', role: 'candidate', trial: 0, sample: { tMs: 50, rssBytes: 1 } as never };

describe('what a candidate may see of a result', () => {
  it('score: everything', () => {
    expect(candidateSummary(summary, 'score')).toBe(summary);
    for (const e of [done, score, progress, sample]) expect(candidateEvent(e, 'score')).toBe(e);
  });

  it('verdict: the verdict and its message, no score, no progress lines', () => {
    expect(candidateSummary(summary, 'verdict')).toEqual({ ...summary, score: null });
    expect(candidateEvent(done, 'verdict')).toEqual(done);
    expect(candidateEvent(score, 'verdict')).toBeUndefined();
    expect(candidateEvent(progress, 'verdict')).toBeUndefined();
    expect(candidateEvent(sample, 'verdict')).toBe(sample);
  });

  it('nothing: status, tests and samples only', () => {
    expect(candidateSummary(summary, 'nothing')).toEqual({ ...summary, verdict: null, message: null, score: null });
    expect(candidateEvent(done, 'nothing')).toEqual({ ...done, verdict: null, message: null });
    expect(candidateEvent(score, 'nothing')).toBeUndefined();
    expect(candidateEvent(sample, 'nothing')).toBe(sample);
  });

  it('a platform fault stays visible, so the candidate knows it is not held against them', () => {
    const failed = { ...summary, status: 'failed' as const, verdict: 'INTERNAL_ERROR' as const, message: 'not held against you', score: null };
    expect(candidateSummary(failed, 'nothing')).toBe(failed);
    const event: SubmissionEvent = { ...done, status: 'failed', verdict: 'INTERNAL_ERROR', message: 'not held against you' };
    expect(candidateEvent(event, 'nothing')).toBe(event);
    const retry: SubmissionEvent = { ...done, status: 'queued', verdict: null, message: 'will be retried' };
    expect(candidateEvent(retry, 'nothing')).toEqual(retry);
  });
});
