import type { AssessmentEvent, SubmissionEvent } from '@assay/shared';
import { buildOnce } from './support/server-process';
import { eventually, scratchDatabaseUrl, openSocket, redisUrlFor, setUpCandidate, solutionFiles, startPipelineServer, watchSubmission, type PipelineServer } from './support/pipeline';

jest.setTimeout(300_000);

const ADMIN = { email: 'root-flow@example.com', password: 'correct horse battery staple' };
let server: PipelineServer;

beforeAll(async () => {
  buildOnce();
  server = await startPipelineServer({ DATABASE_URL: await scratchDatabaseUrl('flow'), ASSAY_ROLE: 'all', REDIS_URL: redisUrlFor(14), ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password, WORKER_CONCURRENCY: '1' });
});
afterAll(async () => {
  await server?.stop();
});

const isDone = (e: SubmissionEvent) => e.type === 'status' && (e.status === 'done' || e.status === 'failed');

describe('from invitation to score, over HTTP and socket.io', () => {
  it('runs the visible tests of a test submission and streams each result', async () => {
    const { candidate, token } = await setUpCandidate(server.baseUrl, ADMIN);
    await candidate.post('/api/candidate/start');
    const socket = await openSocket(server.baseUrl, { token });
    try {
      const sub = await candidate.post('/api/candidate/challenges/stream-log/submissions', { kind: 'test', files: solutionFiles('challenges/stream-log/starter') });
      expect(sub.status).toBe(202);
      const { snapshot, events } = await watchSubmission(socket, sub.body.id);
      const all = () => [...snapshot.events, ...events];
      await eventually(async () => all().find(isDone), 120_000, 'the test run to finish');
      const tests = all().filter((e) => e.type === 'test');
      expect(tests.length).toBeGreaterThanOrEqual(5);
      expect(tests.some((e) => e.type === 'test' && !e.test.passed)).toBe(true); // the starter prints zeros
      const final = await candidate.get(`/api/candidate/submissions/${sub.body.id}`);
      expect(final.body).toMatchObject({ status: 'done', verdict: 'WRONG_ANSWER', score: null, attempt: 1 });
      expect(final.body.tests).toHaveLength(tests.length);
      expect(final.body.message).toMatch(/\S/);
    } finally {
      socket.disconnect();
    }
  });

  it('judges a final submission: live status, samples and score; a reconnecting client resumes without a gap', async () => {
    const { candidate, token, staff, assessmentId } = await setUpCandidate(server.baseUrl, ADMIN);
    await candidate.post('/api/candidate/start');
    const staffSocket = await openSocket(server.baseUrl, { cookie: staff.cookie });
    const assessmentEvents: Extract<AssessmentEvent, { type: 'submission' }>[] = [];
    staffSocket.on('assessment:event', (e) => { if (e.type === 'submission') assessmentEvents.push(e); });
    expect(await staffSocket.emitWithAck('assessment:subscribe', assessmentId)).toEqual({ ok: true });

    const sub = await candidate.post('/api/candidate/challenges/stream-log/submissions', { kind: 'final', files: solutionFiles('challenges/stream-log/solutions/reference') });
    expect(sub.status).toBe(202);
    const id = sub.body.id as string;

    // First connection: drops once the trials are under way.
    const first = await openSocket(server.baseUrl, { token });
    const one = await watchSubmission(first, id);
    await eventually(async () => [...one.snapshot.events, ...one.events].find((e) => e.type === 'sample'), 180_000, 'a memory sample');
    first.disconnect();
    const seenBefore = Math.max(one.snapshot.seq, ...one.events.map((e) => e.seq));

    // Second connection: the snapshot holds everything so far, events go on from its seq.
    const second = await openSocket(server.baseUrl, { token });
    try {
      const two = await watchSubmission(second, id);
      expect(two.snapshot.seq).toBeGreaterThanOrEqual(seenBefore);
      expect(two.snapshot.events.map((e) => e.seq)).toEqual(expect.arrayContaining(one.events.map((e) => e.seq).filter((s) => s <= two.snapshot.seq)));
      expect(two.snapshot.events.some((e) => e.type === 'status' && e.status === 'running')).toBe(true);
      await eventually(async () => [...two.snapshot.events, ...two.events].find(isDone), 240_000, 'the final submission to finish');
      const after = two.events.filter((e) => e.seq > two.snapshot.seq).map((e) => e.seq);
      expect(after).toEqual(after.map((_, i) => two.snapshot.seq + 1 + i)); // no gap, no duplicate
      const all = [...two.snapshot.events, ...two.events.filter((e) => e.seq > two.snapshot.seq)];
      expect(all.map((e) => e.seq)).toEqual([...all.map((e) => e.seq)].sort((a, b) => a - b));

      const statuses = all.filter((e) => e.type === 'status').map((e) => (e.type === 'status' ? e.status : ''));
      expect(statuses).toEqual(['running', 'scoring', 'done']);
      const scoreEvent = all.find((e) => e.type === 'score');
      expect(scoreEvent).toMatchObject({ verdict: 'ACCEPTED', score: { total: expect.any(Number), rubricVersion: expect.stringMatching(/^stream-log@\d+$/) } });
      expect(JSON.stringify(scoreEvent)).not.toMatch(/detail|full marks/);
      expect(all.filter((e) => e.type === 'test').length).toBeGreaterThanOrEqual(5);

      const mine = await candidate.get(`/api/candidate/submissions/${id}`);
      expect(mine.body).toMatchObject({ status: 'done', verdict: 'ACCEPTED', attempt: 1 });
      expect(mine.body.score.total).toBeGreaterThanOrEqual(90);
      expect(JSON.stringify(mine.body)).not.toMatch(/"detail"|"checks"|"trials"/);

      const detail = await staff.get(`/api/submissions/${id}`);
      expect(detail.body.runs).toHaveLength(1);
      expect(detail.body.runs[0]).toMatchObject({ verdict: 'ACCEPTED', internalError: null, measurements: { memoryMethod: expect.any(String) } });
      expect(detail.body.runs[0].trials.length).toBeGreaterThan(1);
      expect(detail.body.scores).toHaveLength(1);
      expect(detail.body.scores[0].dimensions[0].detail).toMatch(/\S/);

      await eventually(async () => assessmentEvents.find((e) => e.submissionId === id && e.status === 'done'), 10_000, 'the assessment room to hear of it');
      expect(assessmentEvents.filter((e) => e.submissionId === id).map((e) => e.status)).toEqual(['queued', 'running', 'scoring', 'done']);
      expect(assessmentEvents.find((e) => e.status === 'done')!.total).toBe(mine.body.score.total);
    } finally {
      second.disconnect();
      staffSocket.disconnect();
    }
  });
});
