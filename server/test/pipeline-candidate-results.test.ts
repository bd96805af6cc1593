import type { CandidateSees, SubmissionEvent } from '@assay/shared';
import { buildOnce } from './support/server-process';
import { eventually, openSocket, redisUrlFor, scratchDatabaseUrl, setUpCandidate, solutionFiles, startPipelineServer, watchSubmission, type PipelineServer } from './support/pipeline';

jest.setTimeout(600_000);

const ADMIN = { email: 'root-results@example.com', password: 'correct horse battery staple' };
let server: PipelineServer;

beforeAll(async () => {
  buildOnce();
  server = await startPipelineServer({ DATABASE_URL: await scratchDatabaseUrl('results'), ASSAY_ROLE: 'all', REDIS_URL: redisUrlFor(5), ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password, WORKER_CONCURRENCY: '1' });
});
afterAll(async () => {
  await server?.stop();
});

const isDone = (e: SubmissionEvent) => e.type === 'status' && (e.status === 'done' || e.status === 'failed');

/**
 * One final submission of the reference, watched live by its candidate and by
 * staff; then read back over REST and through a fresh subscription.
 */
async function judgeAndWatch(candidateSees: CandidateSees | undefined) {
  const { candidate, staff, token, assessmentId } = await setUpCandidate(server.baseUrl, ADMIN, { assessment: candidateSees ? { candidateSees } : {} });
  const assessment = await staff.get(`/api/assessments/${assessmentId}`);
  expect(assessment.body.candidateSees).toBe(candidateSees ?? 'score');
  await candidate.post('/api/candidate/start');
  expect((await candidate.get('/api/candidate/assessment')).body.candidateSees).toBe(candidateSees ?? 'score');

  const candidateSocket = await openSocket(server.baseUrl, { token });
  const staffSocket = await openSocket(server.baseUrl, { cookie: staff.cookie });
  try {
    const sub = await candidate.post('/api/candidate/challenges/stream-log/submissions', { kind: 'final', files: solutionFiles('challenges/stream-log/solutions/reference') });
    expect(sub.status).toBe(202);
    const id = sub.body.id as string;
    const mine = await watchSubmission(candidateSocket, id);
    const theirs = await watchSubmission(staffSocket, id);
    const candidateAll = () => [...mine.snapshot.events, ...mine.events];
    const staffAll = () => [...theirs.snapshot.events, ...theirs.events];
    await eventually(async () => staffAll().find(isDone), 300_000, 'the final submission to be judged');
    await eventually(async () => candidateAll().find(isDone), 10_000, 'the candidate to hear it is done');
    // Anything still in flight reaches both sockets in order; the staff socket heard `done` last.
    await new Promise((r) => setTimeout(r, 500));

    const resubscribed = await openSocket(server.baseUrl, { token });
    const later = await watchSubmission(resubscribed, id);
    resubscribed.disconnect();
    return {
      id,
      candidate,
      staffEvents: staffAll(),
      candidateEvents: candidateAll(),
      lateSnapshot: later.snapshot,
      summary: (await candidate.get('/api/candidate/submissions')).body.submissions.find((s: { id: string }) => s.id === id),
      detail: (await candidate.get(`/api/candidate/submissions/${id}`)).body,
      staffDetail: (await staff.get(`/api/submissions/${id}`)).body,
    };
  } finally {
    candidateSocket.disconnect();
    staffSocket.disconnect();
  }
}

const doneStatus = (events: SubmissionEvent[]) => events.find((e) => e.type === 'status' && e.status === 'done');

describe('what a candidate sees of their results, enforced by the server', () => {
  it('score (the default): verdict, message, score and its live events reach the candidate', async () => {
    const r = await judgeAndWatch(undefined);
    expect(r.staffDetail).toMatchObject({ status: 'done', verdict: 'ACCEPTED' });
    expect(r.summary).toMatchObject({ verdict: 'ACCEPTED', score: { total: expect.any(Number) } });
    expect(r.detail).toMatchObject({ verdict: 'ACCEPTED', score: { total: r.summary.score.total } });
    expect(r.candidateEvents.filter((e) => e.type === 'score')).toHaveLength(1);
    expect(doneStatus(r.candidateEvents)).toMatchObject({ verdict: 'ACCEPTED' });
    expect(r.lateSnapshot.submission).toMatchObject({ verdict: 'ACCEPTED', score: { total: r.summary.score.total } });
    expect(r.lateSnapshot.events.some((e) => e.type === 'score')).toBe(true);
  });

  it('verdict: the verdict and its message, never the score, on every path', async () => {
    const r = await judgeAndWatch('verdict');
    expect(r.staffDetail).toMatchObject({ status: 'done', verdict: 'ACCEPTED', score: { total: expect.any(Number) } });
    expect(r.staffEvents.some((e) => e.type === 'score')).toBe(true);
    expect(r.summary).toMatchObject({ status: 'done', verdict: 'ACCEPTED', score: null });
    expect(r.detail).toMatchObject({ status: 'done', verdict: 'ACCEPTED', score: null });
    expect(r.candidateEvents.some((e) => e.type === 'score' || e.type === 'latency')).toBe(false);
    expect(doneStatus(r.candidateEvents)).toMatchObject({ verdict: 'ACCEPTED' });
    expect(r.lateSnapshot.submission).toMatchObject({ verdict: 'ACCEPTED', score: null });
    expect(r.lateSnapshot.events.some((e) => e.type === 'score')).toBe(false);
    expect(JSON.stringify([r.candidateEvents, r.lateSnapshot, r.summary, r.detail])).not.toMatch(/"total"/);
  });

  it('nothing: only that it was judged; a test run (practice) still shows its verdict and tests', async () => {
    const r = await judgeAndWatch('nothing');
    expect(r.staffDetail).toMatchObject({ status: 'done', verdict: 'ACCEPTED', score: { total: expect.any(Number) } });
    expect(doneStatus(r.staffEvents)).toMatchObject({ verdict: 'ACCEPTED' });
    expect(r.summary).toMatchObject({ status: 'done', verdict: null, message: null, score: null });
    expect(r.detail).toMatchObject({ status: 'done', verdict: null, message: null, score: null });
    expect(doneStatus(r.candidateEvents)).toMatchObject({ verdict: null, message: null });
    expect(r.candidateEvents.some((e) => e.type === 'score' || e.type === 'latency')).toBe(false);
    // Progress is still theirs to follow: the same statuses, memory samples, visible tests.
    const statuses = r.candidateEvents.flatMap((e) => (e.type === 'status' ? [e.status] : []));
    expect(statuses.filter((s) => s !== 'queued')).toEqual(['running', 'scoring', 'done']); // queued too, if subscribed before the worker took it
    expect(r.candidateEvents.some((e) => e.type === 'sample')).toBe(true);
    expect(r.lateSnapshot.submission).toMatchObject({ verdict: null, message: null, score: null });
    expect(r.lateSnapshot.events.some((e) => e.type === 'score' || (e.type === 'status' && e.verdict !== null))).toBe(false);
    expect(JSON.stringify([r.candidateEvents, r.lateSnapshot, r.summary, r.detail])).not.toMatch(/"total"|ACCEPTED/);

    const run = await r.candidate.post('/api/candidate/challenges/stream-log/submissions', { kind: 'test', files: solutionFiles('challenges/stream-log/starter') });
    expect(run.status).toBe(202);
    const tested = await eventually(async () => {
      const got = await r.candidate.get(`/api/candidate/submissions/${run.body.id}`);
      return got.body.status === 'done' ? got.body : undefined;
    }, 120_000, 'the test run');
    expect(tested).toMatchObject({ kind: 'test', verdict: 'WRONG_ANSWER', message: expect.stringMatching(/\S/) });
    expect(tested.tests.length).toBeGreaterThan(0);
  });
});
