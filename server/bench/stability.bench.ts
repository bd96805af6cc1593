/**
 * `npm run bench:stability`: the same code must get the same score, in the
 * middle of the scale as at its top, alone or beside another judgement.
 *
 *  1. alone: the reference and every mid solution of each challenge judged N
 *     times in a row at quick scale (each judgement interleaving its own
 *     reference trials, as in production); the spread of the totals per solution;
 *  2. WORKER_CONCURRENCY=2: the same, each judgement with another one running
 *     beside it (the neighbour judges the next challenge's reference), both
 *     taking the host's CPU lease for their timed trials as workers do;
 *  3. what the lease costs: judgements per minute of the same work run one at
 *     a time, two at a time with the lease, and two at a time without it.
 *
 * It fails (exit 1) when a spread exceeds 3 points.
 *
 * Env: ASSAY_BENCH_RUNS (judgements per solution and phase, default 5),
 * ASSAY_BENCH_CHALLENGES (comma-separated slugs, default every challenge),
 * ASSAY_BENCH_PHASES (comma-separated of alone,concurrent,lease; default all).
 */
import os from 'node:os';
import path from 'node:path';
import type { JudgeReport } from '@assay/shared';
import { loadConfig } from '../src/app/config';
import { challengeCacheDir, judgeSubmission, type JudgeOptions } from '../src/challenges/challenge.judge';
import { listChallengeSlugs, loadChallenge } from '../src/challenges/challenge.loader';
import type { LoadedChallenge } from '../src/challenges/challenge.types';
import { createDockerClient } from '../src/platform/docker';
import { hostCpuLease } from '../src/sandbox/cpu-lease';
import { ensureSandboxImage } from '../src/sandbox/image/sandbox-image';
import { settleRemovals } from '../src/sandbox/sandbox.janitor';
import { cpuPlan, leaseName } from '../src/sandbox/sandbox.engine';
import { printTable } from './bench.stats';

const RUNS = Number(process.env.ASSAY_BENCH_RUNS ?? 5);
const SLUGS = (process.env.ASSAY_BENCH_CHALLENGES ?? listChallengeSlugs().join(',')).split(',').filter(Boolean);
const PHASES = new Set((process.env.ASSAY_BENCH_PHASES ?? 'alone,concurrent,lease').split(','));
const MAX_SPREAD = 3;

type Base = Omit<JudgeOptions, 'challenge' | 'solutionDir'>;

interface Row {
  label: string;
  totals: number[];
  waitedMs: number;
}

async function judge(base: Base, challenge: LoadedChallenge, dir: string, onLeaseWait?: (ms: number) => void): Promise<JudgeReport> {
  const report = await judgeSubmission({ ...base, challenge, solutionDir: dir, onLeaseWait });
  if (!report.score) throw new Error(`${challenge.slug}/${path.basename(dir)}: ${report.verdict}: ${report.message}`);
  return report;
}

const stamp = () => new Date().toISOString().slice(11, 19);

async function main(): Promise<number> {
  const config = loadConfig();
  const docker = createDockerClient(config.dockerSocket);
  const image = await ensureSandboxImage(docker, { log: (m) => console.log(m) });
  const lease = hostCpuLease(path.join(config.dataDir, 'locks'), leaseName(await cpuPlan(docker)));
  // Interrupted (Ctrl-C, or killed by a timeout's SIGTERM): the runs in flight stop and remove their containers.
  const abort = new AbortController();
  for (const sig of ['SIGINT', 'SIGTERM'] as const) process.once(sig, () => abort.abort());
  const base: Base = { docker, image, scale: 'quick', cacheDir: challengeCacheDir(config.dataDir), skipTests: true, cpuLease: lease, signal: abort.signal };
  const challenges = SLUGS.map((slug) => loadChallenge(slug));
  const subjects = challenges.flatMap((c) => [c.solutions.reference, ...c.solutions.graded.filter((d) => path.basename(d).startsWith('mid'))].map((dir) => ({ challenge: c, dir })));
  console.log(`stability bench ${stamp()}: ${subjects.length} solutions × ${RUNS} judgements, ${os.availableParallelism()} cores, load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}, CPU lease ${lease.cpus}`);

  const tables: Array<[string, Row[]]> = [];
  let failed = false;
  const phase = async (name: string, beside: boolean) => {
    const rows: Row[] = [];
    for (const { challenge, dir } of subjects) {
      const label = `${challenge.slug}/${path.basename(dir)}`;
      const row: Row = { label, totals: [], waitedMs: 0 };
      // The neighbour: another challenge's reference, judged at the same time (a second job of the worker).
      const other = challenges[(challenges.indexOf(challenge) + 1) % challenges.length]!;
      for (let r = 0; r < RUNS; r++) {
        const started = Date.now();
        const [report] = await Promise.all([
          judge(base, challenge, dir, (ms) => (row.waitedMs += ms)),
          beside ? judge(base, other, other.solutions.reference) : Promise.resolve(null),
        ]);
        row.totals.push(report.score!.total);
        const dims = report.score!.dimensions.map((d) => `${d.name} ${d.points}`).join(', ');
        console.log(`[${name}] ${label} #${r + 1}: ${report.verdict} ${report.score!.total} (${dims}) in ${((Date.now() - started) / 1000).toFixed(1)} s${beside ? ` beside ${other.slug}/reference` : ''}`);
      }
      rows.push(row);
    }
    tables.push([name, rows]);
  };
  if (PHASES.has('alone')) await phase('alone', false);
  if (PHASES.has('concurrent')) await phase('WORKER_CONCURRENCY=2', true);

  for (const [name, rows] of tables) {
    console.log(`\n${name} (${stamp()}): totals of ${RUNS} judgements at quick scale`);
    printTable(
      ['solution', 'totals', 'min', 'max', 'spread', `<= ${MAX_SPREAD}`, 'lease wait s'],
      rows.map((r) => {
        const spread = Math.max(...r.totals) - Math.min(...r.totals);
        failed ||= spread > MAX_SPREAD;
        return [r.label, r.totals.join(' '), String(Math.min(...r.totals)), String(Math.max(...r.totals)), spread.toFixed(1), spread <= MAX_SPREAD ? 'ok' : 'TOO WIDE', (r.waitedMs / 1000).toFixed(1)];
      }),
    );
  }

  if (PHASES.has('lease')) {
    // The same work (every subject once) one at a time, then two at a time with and without the lease.
    const work = subjects.map((s) => () => judge(base, s.challenge, s.dir));
    const unleased = subjects.map((s) => () => judgeSubmission({ ...base, cpuLease: null, challenge: s.challenge, solutionDir: s.dir }));
    const rate = async (jobs: Array<() => Promise<unknown>>, lanes: number) => {
      const started = Date.now();
      let next = 0;
      await Promise.all(Array.from({ length: lanes }, async () => {
        while (next < jobs.length) await jobs[next++]!();
      }));
      return (jobs.length / (Date.now() - started)) * 60_000;
    };
    const one = await rate(work, 1);
    const twoLeased = await rate(work, 2);
    const twoFree = await rate(unleased, 2);
    console.log(`\nWhat the lease costs (${stamp()}): judgements per minute of the same ${work.length} judgements`);
    printTable(
      ['', 'judgements/min', '÷ one at a time'],
      [
        ['one at a time', one.toFixed(2), '1.00×'],
        ['two at a time, with the CPU lease', twoLeased.toFixed(2), `${(twoLeased / one).toFixed(2)}×`],
        ['two at a time, no lease (timed trials overlap)', twoFree.toFixed(2), `${(twoFree / one).toFixed(2)}×`],
      ],
    );
    console.log(`lease cost: ${((1 - twoLeased / twoFree) * 100).toFixed(0)} % of the throughput of two unleased lanes`);
  }
  return failed ? 1 : 0;
}

main().then(
  async (code) => {
    await settleRemovals();
    process.exit(code);
  },
  async (err) => {
    console.error(err);
    await settleRemovals();
    process.exit(2);
  },
);
