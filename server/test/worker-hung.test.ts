import { spawn } from 'node:child_process';
import path from 'node:path';
import type Dockerode from 'dockerode';
import { createDockerClient } from '../src/platform/docker';
import { repoRoot } from '../src/platform/paths';
import { buildOnce, type ServerProcess } from './support/server-process';
import { eventually, redisUrlFor, scratchDatabaseUrl, setUpCandidate, solutionFiles, startPipelineServer, waitForOutput, type PipelineServer } from './support/pipeline';

jest.setTimeout(600_000);

const ADMIN = { email: 'root-hung@example.com', password: 'correct horse battery staple' };
const REDIS_URL = redisUrlFor(4);
let api: PipelineServer;
let databaseUrl: string;
const docker: Dockerode = createDockerClient('/var/run/docker.sock');
const started: ServerProcess[] = [];

beforeAll(async () => {
  buildOnce();
  databaseUrl = await scratchDatabaseUrl('hung');
  api = await startPipelineServer({ DATABASE_URL: databaseUrl, ASSAY_ROLE: 'api', REDIS_URL, ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password });
});
afterAll(async () => {
  for (const p of started) await p.stop();
  await api?.stop();
});

/** A worker process running the test judge (support/test-worker.ts). */
function startTestWorker(env: Record<string, string>): ServerProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(repoRoot(), 'server/test/support/test-worker.ts')], {
    cwd: repoRoot(),
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/root', LOG_LEVEL: 'info', DATABASE_URL: databaseUrl, REDIS_URL, ASSAY_ROLE: 'worker', JUDGE_SCALE: 'quick', WORKER_CONCURRENCY: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const proc: ServerProcess = {
    child, baseUrl: '', output: () => out, exited,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
  started.push(proc);
  return proc;
}

const containersOf = (submissionId: string) => docker.listContainers({ all: true, filters: { label: [`assay.submission=${submissionId}`] } });

async function submitTestRun() {
  const { candidate, staff } = await setUpCandidate(api.baseUrl, ADMIN);
  await candidate.post('/api/candidate/start');
  const sub = await candidate.post('/api/candidate/challenges/stream-log/submissions', { kind: 'test', files: solutionFiles('challenges/stream-log/solutions/reference') });
  expect(sub.status).toBe(202);
  return { candidate, staff, id: sub.body.id as string };
}

describe('a hung worker cannot hold a submission', () => {
  it('aborts a judgement past its bound, removes its containers, retries it as a platform fault', async () => {
    const worker = startTestWorker({ TEST_JUDGE: 'hang-once', TEST_JUDGE_BOUND_MS: '5000', JOB_ATTEMPTS: '3', JOB_BACKOFF_MS: '4000' });
    await waitForOutput(worker, /worker ready/);
    const { candidate, staff, id } = await submitTestRun();
    await waitForOutput(worker, /test judge: hanging/);
    await eventually(async () => ((await containersOf(id)).length ? true : undefined), 30_000, 'the hung judgement\'s sandbox');

    const aborted = await eventually(async () => {
      const { body } = await staff.get(`/api/submissions/${id}`);
      return body.runs.find((r: { verdict: string }) => r.verdict === 'INTERNAL_ERROR');
    }, 60_000, 'the aborted attempt');
    expect(aborted.internalError).toMatch(/ran past its bound of 5 s and was aborted \(1 container\(s\) removed\)/);
    // Removed before the attempt was recorded, seconds before the retry starts any.
    expect(await containersOf(id)).toEqual([]);

    const done = await eventually(async () => {
      const { body } = await candidate.get(`/api/candidate/submissions/${id}`);
      return body.status === 'done' ? body : undefined;
    }, 180_000, 'the retry to judge it');
    expect(done).toMatchObject({ verdict: 'ACCEPTED', attempt: 2 });
    expect(worker.child.exitCode).toBeNull(); // the worker itself was fine all along
    await eventually(async () => ((await containersOf(id)).length === 0 ? true : undefined), 30_000, 'no container left');
    await worker.stop();
  });

  it('a worker whose event loop stalls exits non-zero, and another worker finishes the job', async () => {
    const stalled = startTestWorker({ TEST_JUDGE: 'block-loop', WORKER_STALL_SEC: '2', WORKER_LOCK_MS: '3000' });
    await waitForOutput(stalled, /worker ready/);
    const { candidate, id } = await submitTestRun();
    await waitForOutput(stalled, /test judge: blocking the event loop/);
    await stalled.exited;
    expect(stalled.child.signalCode ?? stalled.child.exitCode).not.toBe(0);
    expect(stalled.child.signalCode).toBe('SIGKILL');
    expect(stalled.output()).toMatch(/worker event loop stalled: exiting so the supervisor restarts it/);

    // The supervisor's restart, here a healthy worker: the job's lock lapsed, so it takes it over.
    const healthy = await startPipelineServer({ DATABASE_URL: databaseUrl, ASSAY_ROLE: 'worker', REDIS_URL, WORKER_LOCK_MS: '4000', WORKER_STALL_SEC: '3' });
    started.push(healthy);
    const done = await eventually(async () => {
      const { body } = await candidate.get(`/api/candidate/submissions/${id}`);
      return body.status === 'done' ? body : undefined;
    }, 240_000, 'another worker to judge it');
    expect(done).toMatchObject({ verdict: 'ACCEPTED' });
  });
});
