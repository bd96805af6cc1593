/**
 * `npm run bench:pipeline`: what the platform adds around the judge. Real
 * processes (one API, one worker at concurrency = cores), real Postgres,
 * Redis and Docker; every submission is a `test` run (the visible tests of
 * stream-log against its reference solution, one sandbox run of a few seconds).
 *
 *   idle      submissions one at a time: enqueue→start latency of an idle pipeline
 *   burst     N submissions at once: submissions per minute end to end (POST →
 *             done in Postgres), and enqueue→start under a backlog
 *   direct    the same judge work called in-process at the same concurrency,
 *             the same-run reference: pipeline throughput is printed as a ratio to it
 *
 * enqueue→start = submissions.started_at (the worker claims it) − enqueued_at
 * (the API stored and queued it); both are stamped on this machine's clock.
 * Takes about two minutes. Env: ASSAY_BENCH_IDLE (default 10),
 * ASSAY_BENCH_BURST (default 16), DATABASE_URL/REDIS_URL (else embedded ones under .data/bench).
 */
import os from 'node:os';
import path from 'node:path';
import { loadChallenge } from '../src/challenges/challenge.loader';
import { createDockerClient } from '../src/platform/docker';
import { repoRoot } from '../src/platform/paths';
import { ensureSandboxImage } from '../src/sandbox/image/sandbox-image';
import { judgeStoredSubmission } from '../src/submissions/submission.judge';
import { benchServices, stopBenchServices } from './bench.services';
import { buildOnce } from '../test/support/server-process';
import { eventually, setUpCandidate, solutionFiles, startPipelineServer, testDb, waitForOutput, type PipelineServer } from '../test/support/pipeline';
import { nowMs, percentile, printTable } from './bench.stats';

const IDLE = Number(process.env.ASSAY_BENCH_IDLE ?? 10);
const BURST = Number(process.env.ASSAY_BENCH_BURST ?? 16);
const CONCURRENCY = os.availableParallelism();
const ADMIN = { email: 'bench@example.com', password: 'benchmark passphrase' };

const ms = (v: number) => `${v.toFixed(0)} ms`;

async function main(): Promise<void> {
  const owned = await benchServices({ name: 'bench', pgPort: 54349, redisPort: 6399, redisDb: 9 });
  buildOnce();
  const docker = createDockerClient(process.env.DOCKER_SOCKET || undefined);
  const image = await ensureSandboxImage(docker);
  const env = { REDIS_URL: process.env.REDIS_URL!, ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password, RATE_LIMIT_SUBMISSIONS_PER_MINUTE: '100000', RATE_LIMIT_IP_PER_MINUTE: '100000' };
  const servers: PipelineServer[] = [];
  const db = testDb();
  try {
    servers.push(await startPipelineServer({ ...env, ASSAY_ROLE: 'api' }));
    servers.push(await startPipelineServer({ ...env, ASSAY_ROLE: 'worker', LOG_LEVEL: 'info', WORKER_CONCURRENCY: String(CONCURRENCY) }));
    await waitForOutput(servers[1]!, /worker ready/);
    const { candidate } = await setUpCandidate(servers[0]!.baseUrl, ADMIN);
    await candidate.post('/api/candidate/start');
    const files = solutionFiles('challenges/stream-log/solutions/reference');
    console.log(`pipeline bench: ${CONCURRENCY} cores, worker concurrency ${CONCURRENCY}, load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
    console.log(`each submission: visible tests of stream-log on its reference solution (one sandbox run)\n`);

    const submit = async () => {
      const res = await candidate.post('/api/candidate/challenges/stream-log/submissions', { kind: 'test', files });
      if (res.status !== 202) throw new Error(`submission refused: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body.id as string;
    };
    const finished = (ids: string[]) => async () => {
      const rows = await db.selectFrom('submissions').select(['id', 'status', 'verdict', 'enqueued_at', 'started_at', 'finished_at']).where('id', 'in', ids).execute();
      if (rows.some((r) => r.status !== 'done' && r.status !== 'failed')) return undefined;
      const bad = rows.find((r) => r.verdict !== 'ACCEPTED');
      if (bad) throw new Error(`submission ${bad.id} ended ${bad.status} ${bad.verdict}`);
      return rows;
    };
    const pickup = (rows: { enqueued_at: Date | null; started_at: Date | null }[]) => rows.map((r) => r.started_at!.getTime() - r.enqueued_at!.getTime());

    await eventually(finished([await submit()]), 120_000, 'the warm-up submission'); // warm caches, images, connections

    const idle: number[] = [];
    for (let i = 0; i < IDLE; i++) idle.push(...pickup(await eventually(finished([await submit()]), 120_000, 'an idle submission')));

    const t0 = nowMs();
    const ids = await Promise.all(Array.from({ length: BURST }, submit));
    const burstRows = await eventually(finished(ids), 600_000, 'the burst');
    const pipelinePerMin = (BURST / (nowMs() - t0)) * 60_000;
    const backlog = pickup(burstRows);

    // Same-run reference: the same judge work without API, queue or database.
    const challenge = loadChallenge('stream-log');
    const cacheDir = path.join(repoRoot(), '.data', 'cache', 'challenges');
    const noop = { onTest: () => undefined, onSample: () => undefined, onProgress: () => undefined };
    let next = 0;
    const d0 = nowMs();
    await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
      while (next++ < BURST) {
        const report = await judgeStoredSubmission({ docker, image, challenge, submissionId: `bench-${next}`, kind: 'test', files, scale: 'quick', cacheDir, listener: noop });
        if (report.verdict !== 'ACCEPTED') throw new Error(`direct judge: ${report.verdict} ${report.message}`);
      }
    }));
    const directPerMin = (BURST / (nowMs() - d0)) * 60_000;

    printTable(['phase', 'n', 'enqueue→start p50', 'p99', 'max', 'submissions/min'], [
      ['idle (one at a time)', String(idle.length), ms(percentile(idle, 50)), ms(percentile(idle, 99)), ms(Math.max(...idle)), ''],
      [`burst of ${BURST}`, String(backlog.length), ms(percentile(backlog, 50)), ms(percentile(backlog, 99)), ms(Math.max(...backlog)), pipelinePerMin.toFixed(1)],
      ['direct judge (reference)', String(BURST), '', '', '', directPerMin.toFixed(1)],
    ]);
    console.log(`\npipeline throughput = ${(pipelinePerMin / directPerMin).toFixed(2)}× the judge called directly (1.00× = no platform overhead)`);
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
    await db.destroy();
    await stopBenchServices(owned);
  }
}

main().then(
  () => process.exit(0),
  (err: Error) => {
    console.error(`pipeline bench failed: ${err.stack ?? err.message}`);
    process.exit(1);
  },
);
