/**
 * `npm run bench:stream-log`: the full-scale stream-log judgement (10 GiB,
 * 128 MiB memory limit) of the reference solution, beside `wc -l` on the same
 * bytes. Proves the reference finishes within the full scale's time limit and
 * prints its throughput as a ratio to `wc -l` (the floor of line processing).
 * The input is generated once into the data dir's cache (about 10 GiB of disk).
 *
 * Env: ASSAY_BENCH_SCALE (quick|full, default full).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ScaleSchema } from '@assay/shared';
import { loadConfig } from '../src/app/config';
import { challengeCacheDir, judgeSubmission } from '../src/challenges/challenge.judge';
import { loadChallenge } from '../src/challenges/challenge.loader';
import { createDockerClient } from '../src/platform/docker';
import { ensureSandboxImage } from '../src/sandbox/image/sandbox-image';
import { printTable } from './bench.stats';

const MiB = 1024 * 1024;

async function main(): Promise<number> {
  const scale = ScaleSchema.parse(process.env.ASSAY_BENCH_SCALE ?? 'full');
  const config = loadConfig();
  const docker = createDockerClient(config.dockerSocket);
  const image = await ensureSandboxImage(docker, { log: (m) => console.log(m) });
  const cacheDir = challengeCacheDir(config.dataDir);
  const challenge = loadChallenge('stream-log');
  const spec = challenge.manifest.scales[scale];
  console.log(`stream-log ${scale}: ${spec.description}, wall limit ${spec.limits.wallTimeSec} s`);

  let lastMessage = '';
  const report = await judgeSubmission({
    docker,
    image,
    challenge,
    solutionDir: challenge.solutions.reference,
    scale,
    cacheDir,
    skipTests: true,
    onProgress: (p) => {
      if (p.message !== lastMessage) console.log(`  ${p.message}`);
      lastMessage = p.message;
    },
  });
  const candidate = report.trials.filter((t) => t.role === 'candidate');
  const bytes = candidate[0]?.metrics.inputBytes;
  if (report.verdict !== 'ACCEPTED' || !bytes) {
    console.error(`the reference was not accepted: ${report.verdict}: ${report.message ?? ''}`);
    return 1;
  }

  // `wc -l` on the host, on the very file the sandbox read (warm page cache, like the runs).
  const file = findInput(cacheDir, bytes);
  const wc = timed(() => spawnSync('wc', ['-l', file], { encoding: 'utf8' }));
  if (wc.result.status !== 0) throw new Error(`wc -l failed: ${wc.result.stderr}`);

  const wcRate = bytes / MiB / (wc.ms / 1000);
  const rows = report.trials.map((t) => {
    const rate = bytes / MiB / (t.wallMs / 1000);
    const cpuMs = t.metrics.cpuMs ?? 0;
    return [`${t.role} #${t.index + 1} (sandbox)`, t.verdict, (t.wallMs / 1000).toFixed(1), (cpuMs / 1000).toFixed(1), rate.toFixed(0), (rate / wcRate).toFixed(3)];
  });
  rows.push(['wc -l (host)', `${wc.result.stdout.trim().split(/\s+/)[0]} lines`, (wc.ms / 1000).toFixed(1), '-', wcRate.toFixed(0), '1.000']);
  console.log('');
  printTable(['run', 'verdict', 'wall s', 'cpu s', 'MiB/s (wall)', '× wc -l'], rows);
  console.log(`\nscore ${report.score?.total}/100; ${report.score?.dimensions.map((d) => d.detail).join(' | ')}`);
  console.log(`wall-clock limit: ${spec.limits.wallTimeSec} s; slowest reference run: ${(Math.max(...report.trials.map((t) => t.wallMs)) / 1000).toFixed(1)} s`);
  return 0;
}

/** The cached input of that size (the harness names its cache folders by a hash of seed and size). */
function findInput(cacheDir: string, bytes: number): string {
  const root = path.join(cacheDir, 'stream-log');
  for (const dir of fs.readdirSync(root)) {
    const file = path.join(root, dir, 'input', 'access.log');
    if (fs.statSync(file, { throwIfNoEntry: false })?.size === bytes) return file;
  }
  throw new Error(`no cached input of ${bytes} bytes under ${root}`);
}

function timed<T>(fn: () => T): { result: T; ms: number } {
  const started = performance.now();
  const result = fn();
  return { result, ms: performance.now() - started };
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err);
    process.exit(2);
  },
);
