import type { AssessmentEvent, SubmissionEvent } from '@assay/shared';
import { buildOnce } from './support/server-process';
import { eventually, scratchDatabaseUrl, openSocket, redisUrlFor, setUpCandidate, solutionFiles, startPipelineServer, testDb, waitForOutput, watchSubmission, type PipelineServer } from './support/pipeline';

jest.setTimeout(300_000);

const ADMIN = { email: 'root-scale@example.com', password: 'correct horse battery staple' };
let DATABASE_URL: string;
let db: ReturnType<typeof testDb>;
const servers: PipelineServer[] = [];

beforeAll(async () => {
  buildOnce();
  DATABASE_URL = await scratchDatabaseUrl('scaleout');
  db = testDb(DATABASE_URL);
});
afterAll(async () => {
  await Promise.all(servers.map((s) => s.stop()));
  await db?.destroy();
});

describe('scale-out: two API processes and two workers sharing Postgres and Redis', () => {
  it('delivers events to a client connected to the other API process', async () => {
    const env = { DATABASE_URL, REDIS_URL: redisUrlFor(10), ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password };
    const [apiA, apiB, worker1, worker2] = await Promise.all([
      startPipelineServer({ ...env, ASSAY_ROLE: 'api' }),
      startPipelineServer({ ...env, ASSAY_ROLE: 'api' }),
      startPipelineServer({ ...env, ASSAY_ROLE: 'worker', LOG_LEVEL: 'info' }),
      startPipelineServer({ ...env, ASSAY_ROLE: 'worker', LOG_LEVEL: 'info' }),
    ]);
    servers.push(apiA!, apiB!, worker1!, worker2!);
    await Promise.all([waitForOutput(worker1!, /worker ready/), waitForOutput(worker2!, /worker ready/)]);

    // Staff and candidate use API A over HTTP; their sockets are on API B.
    const { candidate, staff, token, assessmentId } = await setUpCandidate(apiA!.baseUrl, ADMIN);
    await candidate.post('/api/candidate/start');
    const staffSocket = await openSocket(apiB!.baseUrl, { cookie: staff.cookie });
    const candidateSocket = await openSocket(apiB!.baseUrl, { token });
    const assessmentEvents: Extract<AssessmentEvent, { type: 'submission' }>[] = [];
    staffSocket.on('assessment:event', (e) => { if (e.type === 'submission') assessmentEvents.push(e); });
    expect(await staffSocket.emitWithAck('assessment:subscribe', assessmentId)).toEqual({ ok: true });
    try {
      const files = solutionFiles('challenges/stream-log/solutions/reference');
      const ids: string[] = [];
      for (let i = 0; i < 2; i++) ids.push((await candidate.post('/api/candidate/challenges/stream-log/submissions', { kind: 'test', files })).body.id);
      const watched = await Promise.all(ids.map((id) => watchSubmission(candidateSocket, id)));

      const finished = (w: { snapshot: { events: SubmissionEvent[] }; events: SubmissionEvent[] }) =>
        [...w.snapshot.events, ...w.events].find((e) => e.type === 'status' && e.status === 'done');
      for (const w of watched) await eventually(async () => finished(w), 120_000, 'a done event on API B');
      for (const w of watched) {
        const all = [...w.snapshot.events, ...w.events];
        expect(all.filter((e) => e.type === 'test').length).toBeGreaterThanOrEqual(5);
        expect(finished(w)).toMatchObject({ verdict: 'ACCEPTED' });
      }
      // API A's "queued" reached the staff socket on API B through the Redis adapter; the workers' events too.
      for (const id of ids) {
        await eventually(async () => assessmentEvents.find((e) => e.submissionId === id && e.status === 'done'), 10_000, 'assessment events');
        expect(assessmentEvents.filter((e) => e.submissionId === id).map((e) => e.status)).toEqual(['queued', 'running', 'scoring', 'done']);
      }
      // Both workers took a share.
      const rows = await db.selectFrom('submissions').select('worker').where('id', 'in', ids).execute();
      expect(new Set(rows.map((r) => r.worker!.split(':').pop()))).toEqual(new Set([String(worker1!.child.pid), String(worker2!.child.pid)]));
    } finally {
      staffSocket.disconnect();
      candidateSocket.disconnect();
    }
  });
});
