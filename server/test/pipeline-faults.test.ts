import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { createDockerClient } from '../src/platform/docker';
import { startLocalRedis, type LocalService } from '../src/platform/infra/local-redis';
import { createLogger } from '../src/platform/logger';
import { buildOnce, freePort } from './support/server-process';
import { eventually, scratchDatabaseUrl, redisUrlFor, setUpCandidate, solutionFiles, startPipelineServer, testDb, waitForOutput, type PipelineServer } from './support/pipeline';

jest.setTimeout(300_000);

const ADMIN = { email: 'root-faults@example.com', password: 'correct horse battery staple' };
let DATABASE_URL: string;
let db: ReturnType<typeof testDb>;
let running: PipelineServer[] = [];
const track = (s: PipelineServer) => (running.push(s), s);

beforeAll(async () => {
  buildOnce();
  DATABASE_URL = await scratchDatabaseUrl('faults');
  db = testDb(DATABASE_URL);
});
async function stopAll() {
  await Promise.all(running.map((s) => s.stop()));
  running = [];
}
afterEach(stopAll);
afterAll(() => db?.destroy());

const reference = () => solutionFiles('challenges/stream-log/solutions/reference');
const status = (id: string) => db.selectFrom('submissions').select(['status', 'verdict', 'attempts', 'worker']).where('id', '=', id).executeTakeFirstOrThrow();
const doneOf = (id: string) => async () => {
  const s = await status(id);
  return s.status === 'done' || s.status === 'failed' ? s : undefined;
};

describe('nothing is lost or stuck', () => {
  it('a worker killed with SIGKILL mid-run: another worker runs the submission again and completes it', async () => {
    const env = { DATABASE_URL, REDIS_URL: redisUrlFor(15), WORKER_LOCK_MS: '4000', WORKER_STALL_SEC: '3' };
    const api = track(await startPipelineServer({ ...env, ASSAY_ROLE: 'api', ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password }));
    const { candidate } = await setUpCandidate(api.baseUrl, ADMIN);
    await candidate.post('/api/candidate/start');
    const first = track(await startPipelineServer({ ...env, ASSAY_ROLE: 'worker', LOG_LEVEL: 'info' }));
    await waitForOutput(first, /worker ready/);

    const sub = await candidate.post('/api/candidate/challenges/stream-log/submissions', { kind: 'test', files: reference() });
    expect(sub.status).toBe(202);
    const id = sub.body.id as string;
    await eventually(async () => ((await status(id)).status === 'running' ? true : undefined), 60_000, 'the first worker to start it');
    const docker = createDockerClient();
    // Killed while its sandbox is running, not before.
    await eventually(async () => ((await docker.listContainers({ filters: { label: [`assay.submission=${id}`] } })).length ? true : undefined), 30_000, 'a sandbox of the submission');
    first.child.kill('SIGKILL');
    await first.exited;
    expect((await status(id)).status).toBe('running');

    const second = track(await startPipelineServer({ ...env, ASSAY_ROLE: 'worker', LOG_LEVEL: 'info' }));
    const done = await eventually(doneOf(id), 120_000, 'the second worker to complete it');
    expect(done).toMatchObject({ status: 'done', verdict: 'ACCEPTED', attempts: 2, worker: expect.stringMatching(new RegExp(`:${second.child.pid}$`)) });
    // The dead worker's sandbox was cleaned up by the new worker's janitor.
    expect(await docker.listContainers({ all: true, filters: { label: [`assay.submission=${id}`] } })).toEqual([]);
  });

  it('retries platform faults with backoff, then fails without blaming the candidate; candidate verdicts run once', async () => {
    const env = { DATABASE_URL, REDIS_URL: redisUrlFor(15), JOB_ATTEMPTS: '3', JOB_BACKOFF_MS: '300' };
    const api = track(await startPipelineServer({ ...env, ASSAY_ROLE: 'api', ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password }));
    const { candidate, invitationId, staff } = await setUpCandidate(api.baseUrl, ADMIN);
    await candidate.post('/api/candidate/start');
    // A challenge the API knows but this worker's disk does not (a newer deployment of the API):
    // the worker cannot load it, a platform fault.
    const known = await db.selectFrom('challenge_versions').selectAll().where('slug', '=', 'stream-log').where('is_current', '=', true).executeTakeFirstOrThrow();
    const ghost = await db.insertInto('challenge_versions').values({
      slug: 'ghost-challenge', content_hash: `ghost-${Date.now()}`, title: 'Ghost',
      manifest: JSON.stringify({ ...known.manifest, slug: 'ghost-challenge' }), prompt: 'p', starter_files: '{}', visible_tests: '{}', is_current: true,
    }).returning('id').executeTakeFirstOrThrow();
    const inv = await db.selectFrom('invitations').select('assessment_id').where('id', '=', invitationId).executeTakeFirstOrThrow();
    await db.insertInto('assessment_challenges').values({ assessment_id: inv.assessment_id, position: 1, challenge_slug: 'ghost-challenge', challenge_version_id: ghost.id }).execute();

    const worker = track(await startPipelineServer({ ...env, ASSAY_ROLE: 'worker', LOG_LEVEL: 'info' }));
    await waitForOutput(worker, /worker ready/);
    const faulty = await candidate.post('/api/candidate/challenges/ghost-challenge/submissions', { kind: 'test', files: reference() });
    const wrong = await candidate.post('/api/candidate/challenges/stream-log/submissions', { kind: 'test', files: solutionFiles('challenges/stream-log/starter') });

    expect(await eventually(doneOf(faulty.body.id), 60_000, 'the faulty submission to fail')).toMatchObject({ status: 'failed', verdict: 'INTERNAL_ERROR', attempts: 3 });
    const detail = await staff.get(`/api/submissions/${faulty.body.id}`);
    expect(detail.body.runs.map((r: { verdict: string; attempt: number }) => [r.verdict, r.attempt])).toEqual([['INTERNAL_ERROR', 1], ['INTERNAL_ERROR', 2], ['INTERNAL_ERROR', 3]]);
    expect(detail.body.runs[0].internalError).toMatch(/ghost-challenge/);
    const gaps = detail.body.runs.slice(1).map((r: { createdAt: string }, i: number) => Date.parse(r.createdAt) - Date.parse(detail.body.runs[i].createdAt));
    // Exponential backoff: at least 300 ms, then at least 600 ms between runs.
    expect(gaps[0]).toBeGreaterThanOrEqual(300);
    expect(gaps[1]).toBeGreaterThanOrEqual(600);
    const seen = await candidate.get(`/api/candidate/submissions/${faulty.body.id}`);
    expect(seen.body).toMatchObject({ status: 'failed', verdict: 'INTERNAL_ERROR' });
    expect(seen.body.message).toMatch(/not held against you/);
    expect(JSON.stringify(seen.body)).not.toMatch(/ghost-challenge: |no such challenge|looked in/);

    expect(await eventually(doneOf(wrong.body.id), 60_000, 'the wrong answer')).toMatchObject({ status: 'done', verdict: 'WRONG_ANSWER', attempts: 1 });
    expect((await staff.get(`/api/submissions/${wrong.body.id}`)).body.runs).toHaveLength(1);
  });

  describe('with a Redis of its own', () => {
    let redis: LocalService;
    let dataDir: string;
    let port: number;
    const log = createLogger('silent', 'test');
    beforeEach(async () => {
      dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'assay-redis-'));
      port = await freePort();
      redis = await startLocalRedis({ dataDir, port, log });
    });
    afterEach(async () => {
      await stopAll(); // before their Redis goes
      await redis.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    });

    it('queued submissions survive a Redis restart and then run', async () => {
      const env = { DATABASE_URL, REDIS_URL: `redis://127.0.0.1:${port}` };
      const api = track(await startPipelineServer({ ...env, ASSAY_ROLE: 'api', ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password }));
      const { candidate } = await setUpCandidate(api.baseUrl, ADMIN);
      await candidate.post('/api/candidate/start');
      const ids: string[] = [];
      for (let i = 0; i < 2; i++) ids.push((await candidate.post('/api/candidate/challenges/stream-log/submissions', { kind: 'test', files: reference() })).body.id);

      await redis.stop();
      redis = await startLocalRedis({ dataDir, port, log });
      const worker = track(await startPipelineServer({ ...env, ASSAY_ROLE: 'worker', LOG_LEVEL: 'info' }));
      await waitForOutput(worker, /worker ready/);
      for (const id of ids) expect(await eventually(doneOf(id), 120_000, `submission ${id}`)).toMatchObject({ status: 'done', verdict: 'ACCEPTED', attempts: 1 });
      // The API is fine again too.
      expect((await candidate.get('/api/candidate/submissions')).body.submissions.map((s: { status: string }) => s.status)).toEqual(['done', 'done']);
    });

    it('the sweeper re-enqueues submissions Redis lost or never got', async () => {
      const env = { DATABASE_URL, REDIS_URL: `redis://127.0.0.1:${port}`, SWEEPER_INTERVAL_SEC: '1', STUCK_AFTER_SEC: '2' };
      const api = track(await startPipelineServer({ ...env, ASSAY_ROLE: 'api', ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password }));
      const { candidate } = await setUpCandidate(api.baseUrl, ADMIN);
      await candidate.post('/api/candidate/start');
      const lost = (await candidate.post('/api/candidate/challenges/stream-log/submissions', { kind: 'test', files: reference() })).body.id as string;
      const client = new Redis(`redis://127.0.0.1:${port}`);
      await client.flushall(); // Redis lost its data (e.g. restarted without persistence)
      client.disconnect();

      await redis.stop(); // Redis is down while a candidate submits: stored anyway
      const unqueued = await candidate.post('/api/candidate/challenges/stream-log/submissions', { kind: 'test', files: reference() });
      expect(unqueued.status).toBe(202);
      expect((await status(unqueued.body.id)).status).toBe('queued');
      redis = await startLocalRedis({ dataDir, port, log });

      const worker = track(await startPipelineServer({ ...env, ASSAY_ROLE: 'worker', LOG_LEVEL: 'info' }));
      for (const id of [lost, unqueued.body.id]) expect(await eventually(doneOf(id), 120_000, `submission ${id}`)).toMatchObject({ status: 'done', verdict: 'ACCEPTED' });
      expect(worker.output()).toMatch(/sweeper re-enqueued a stuck submission/);
    });
  });
});
