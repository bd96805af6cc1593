/**
 * `npm run bench:stability`: the same code must get the same score. Scores
 * the reference solution of each named challenge N times in a row at quick
 * scale (each judgement interleaving its own reference trials, as in
 * production) and prints the spread of the totals; it fails (exit 1) when a
 * spread exceeds 3 points.
 *
 * Env: ASSAY_BENCH_RUNS (judgements per challenge, default 5),
 * ASSAY_BENCH_CHALLENGES (comma-separated slugs, default stream-log,event-loop).
 */
import { loadConfig } from '../src/app/config';
import { challengeCacheDir, judgeSubmission } from '../src/challenges/challenge.judge';
import { loadChallenge } from '../src/challenges/challenge.loader';
import { createDockerClient } from '../src/platform/docker';
import { ensureSandboxImage } from '../src/sandbox/image/sandbox-image';
import { printTable } from './bench.stats';

const RUNS = Number(process.env.ASSAY_BENCH_RUNS ?? 5);
const SLUGS = (process.env.ASSAY_BENCH_CHALLENGES ?? 'stream-log,event-loop').split(',').filter(Boolean);
const MAX_SPREAD = 3;

async function main(): Promise<number> {
  const config = loadConfig();
  const docker = createDockerClient(config.dockerSocket);
  const image = await ensureSandboxImage(docker, { log: (m) => console.log(m) });
  const cacheDir = challengeCacheDir(config.dataDir);
  const rows: string[][] = [];
  let failed = false;
  for (const slug of SLUGS) {
    const challenge = loadChallenge(slug);
    const totals: number[] = [];
    const details: string[] = [];
    for (let i = 0; i < RUNS; i++) {
      const started = Date.now();
      const report = await judgeSubmission({ docker, image, challenge, solutionDir: challenge.solutions.reference, scale: 'quick', cacheDir, skipTests: true });
      if (!report.score) throw new Error(`${slug}: ${report.verdict}: ${report.message}`);
      totals.push(report.score.total);
      details.push(report.score.dimensions.map((d) => `${d.name} ${d.points}`).join(', '));
      console.log(`${slug} #${i + 1}: ${report.verdict} ${report.score.total} (${details[i]}) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    }
    const spread = Math.max(...totals) - Math.min(...totals);
    failed ||= spread > MAX_SPREAD;
    rows.push([slug, totals.join(' '), Math.min(...totals).toString(), Math.max(...totals).toString(), spread.toFixed(1), spread <= MAX_SPREAD ? 'ok' : 'TOO WIDE']);
  }
  console.log('');
  printTable(['challenge', `totals (${RUNS} judgements of the reference, quick)`, 'min', 'max', 'spread', `<= ${MAX_SPREAD}`], rows);
  return failed ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err);
    process.exit(2);
  },
);
