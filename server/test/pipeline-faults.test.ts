import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { createDockerClient } from '../src/platform/docker';
import { startLocalRedis, type LocalService } from '../src/platform/infra/local-redis';
import { createLogger } from '../src/platform/logger';
import { buildOnce, freePort } from './support/server-process';
import { eventually, redisUrlFor, setUpCandidate, solutionFiles, startPipelineServer, testDb, waitForOutput, type PipelineServer } from './support/pipeline';

jest.setTimeout(300_000);

const ADMIN = { email: 'root-faults@example.com', password: 'correct horse battery staple' };
const db = testDb();
let running: PipelineServer[] = [];
const track = (s: PipelineServer) => (running.push(s), s);

beforeAll(() => buildOnce());
afterEach(async () => {
  await Promise.all(running.map((s) => s.stop()));
  running = [];
});
afterAll(() => db.destroy());

const reference = () => solutionFiles('challenges/stream-log/solutions/reference');
const status = (id: string) => db.selectFrom('submissions').select(['status', 'verdict', 'attempts', 'worker']).where('id', '=', id).executeTakeFirstOrThrow();
const doneOf = (id: string) => async () => {
  const s = await status(id);
  return s.status === 'done' || s.status === 'failed' ? s : undefined;
};

describe('nothing is lost or stuck', () => {
  it('a worker killed with SIGKILL mid-run: another worker runs the submission again and completes it', async () => {
    const env = { REDIS_URL: redisUrlFor(15), WORKER_LOCK_MS: '3000' };
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

  describe('with a Redis of its own', () => {
    let redis: LocalService;
    let dataDir: string;
    let port: number;
    const log = createLogger('silent', 'test');
    beforeEach(async () => {
      dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'assay-redis-'));
      require('fs').appendFileSync('/tmp/faults.trace', 'step 1\n');
      port = await freePort();
      require('fs').appendFileSync('/tmp/faults.trace', 'step 2\n');
      redis = await startLocalRedis({ dataDir, port, log });
      require('fs').appendFileSync('/tmp/faults.trace', 'step 3\n');
    });
    afterEach(async () => {
      await redis.stop();
      require('fs').appendFileSync('/tmp/faults.trace', 'step 4\n');
      fs.rmSync(dataDir, { recursive: true, force: true });
      require('fs').appendFileSync('/tmp/faults.trace', 'step 5\n');
    });

    it('queued submissions survive a Redis restart and then run', async () => {
      const env = { REDIS_URL: `redis://127.0.0.1:${port}` };
      require('fs').appendFileSync('/tmp/faults.trace', 'step 6\n');
      const api = track(await startPipelineServer({ ...env, ASSAY_ROLE: 'api', ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password }));
      require('fs').appendFileSync('/tmp/faults.trace', 'step 7\n');
      const { candidate } = await setUpCandidate(api.baseUrl, ADMIN);
      require('fs').appendFileSync('/tmp/faults.trace', 'step 8\n');
      await candidate.post('/api/candidate/start');
      require('fs').appendFileSync('/tmp/faults.trace', 'step 9\n');
      const ids: string[] = [];
      require('fs').appendFileSync('/tmp/faults.trace', 'step 10\n');
      for (let i = 0; i < 2; i++) ids.push((await candidate.post('/api/candidate/challenges/stream-log/submissions', { kind: 'test', files: reference() })).body.id);
      require('fs').appendFileSync('/tmp/faults.trace', 'step 11\n');

      await redis.stop();
      require('fs').appendFileSync('/tmp/faults.trace', 'step 12\n');
      redis = await startLocalRedis({ dataDir, port, log });
      require('fs').appendFileSync('/tmp/faults.trace', 'step 13\n');
      const worker = track(await startPipelineServer({ ...env, ASSAY_ROLE: 'worker', LOG_LEVEL: 'info' }));
      require('fs').appendFileSync('/tmp/faults.trace', 'step 14\n');
      await waitForOutput(worker, /worker ready/);
      require('fs').appendFileSync('/tmp/faults.trace', 'step 15\n');
      for (const id of ids) expect(await eventually(doneOf(id), 120_000, `submission ${id}`)).toMatchObject({ status: 'done', verdict: 'ACCEPTED', attempts: 1 });
      require('fs').appendFileSync('/tmp/faults.trace', 'step 16\n');
      // The API is fine again too.
      expect((await candidate.get('/api/candidate/submissions')).body.submissions.map((s: { status: string }) => s.status)).toEqual(['done', 'done']);
      require('fs').appendFileSync('/tmp/faults.trace', 'step 17\n');
    });

    it('the sweeper re-enqueues submissions Redis lost or never got', async () => {
      const env = { REDIS_URL: `redis://127.0.0.1:${port}`, SWEEPER_INTERVAL_SEC: '1', STUCK_AFTER_SEC: '2' };
      require('fs').appendFileSync('/tmp/faults.trace', 'step 18\n');
      const api = track(await startPipelineServer({ ...env, ASSAY_ROLE: 'api', ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password }));
      require('fs').appendFileSync('/tmp/faults.trace', 'step 19\n');
      const { candidate } = await setUpCandidate(api.baseUrl, ADMIN);
      require('fs').appendFileSync('/tmp/faults.trace', 'step 20\n');
      await candidate.post('/api/candidate/start');
      require('fs').appendFileSync('/tmp/faults.trace', 'step 21\n');
      const lost = (await candidate.post('/api/candidate/challenges/stream-log/submissions', { kind: 'test', files: reference() })).body.id as string;
      require('fs').appendFileSync('/tmp/faults.trace', 'step 22\n');
      const client = new Redis(`redis://127.0.0.1:${port}`);
      require('fs').appendFileSync('/tmp/faults.trace', 'step 23\n');
      await client.flushall(); // Redis lost its data (e.g. restarted without persistence)
      client.disconnect();
      require('fs').appendFileSync('/tmp/faults.trace', 'step 24\n');

      await redis.stop(); // Redis is down while a candidate submits: stored anyway
      const unqueued = await candidate.post('/api/candidate/challenges/stream-log/submissions', { kind: 'test', files: reference() });
      require('fs').appendFileSync('/tmp/faults.trace', 'step 25\n');
      expect(unqueued.status).toBe(202);
      require('fs').appendFileSync('/tmp/faults.trace', 'step 26\n');
      expect((await status(unqueued.body.id)).status).toBe('queued');
      require('fs').appendFileSync('/tmp/faults.trace', 'step 27\n');
      redis = await startLocalRedis({ dataDir, port, log });
      require('fs').appendFileSync('/tmp/faults.trace', 'step 28\n');

      const worker = track(await startPipelineServer({ ...env, ASSAY_ROLE: 'worker', LOG_LEVEL: 'info' }));
      require('fs').appendFileSync('/tmp/faults.trace', 'step 29\n');
      for (const id of [lost, unqueued.body.id]) expect(await eventually(doneOf(id), 120_000, `submission ${id}`)).toMatchObject({ status: 'done', verdict: 'ACCEPTED' });
      require('fs').appendFileSync('/tmp/faults.trace', 'step 30\n');
      expect(worker.output()).toMatch(/sweeper re-enqueued a stuck submission/);
      require('fs').appendFileSync('/tmp/faults.trace', 'step 31\n');
    });
  });
});
