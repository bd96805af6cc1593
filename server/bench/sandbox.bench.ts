/**
 * `npm run bench:sandbox`: what a sandbox run costs on top of the program,
 * cold and from the warm pool, each beside the same-run cost of a bare Node
 * process on the host (the floor). Trials are interleaved (floor, cold, warm,
 * floor, …) so a noisy neighbour hits all three alike. Takes about a minute.
 *
 *   start     submit → the program's first line runs (host and container share
 *             CLOCK_MONOTONIC, so the program's own stamp is compared)
 *   teardown  the program's exit handler → the result is in the caller's hands
 *             (exit noticed, output drained, measurements read, container removed)
 *
 * Env: ASSAY_BENCH_RUNS (sequential trials per variant, default 25),
 * ASSAY_BENCH_WINDOW_MS (throughput window per variant, default 12 000).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type Dockerode from 'dockerode';
import { createDockerClient } from '../src/platform/docker';
import { ensureSandboxImage } from '../src/sandbox/image/sandbox-image';
import { DEFAULT_SANDBOX_LIMITS } from '../src/sandbox/sandbox.limits';
import { runInSandbox } from '../src/sandbox/sandbox.runner';
import { WarmPool } from '../src/sandbox/warm-pool';
import { hostNode, nowMs, parseStamps, percentile, printTable, STAMP_PROGRAM, throughput, type Overhead } from './bench.stats';

const RUNS = Number(process.env.ASSAY_BENCH_RUNS ?? 25);
const WINDOW_MS = Number(process.env.ASSAY_BENCH_WINDOW_MS ?? 12_000);
const command = ['node', 'main.js'];

function makeCodeDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'assay-bench-'));
  fs.chmodSync(dir, 0o755);
  fs.writeFileSync(path.join(dir, 'main.js'), STAMP_PROGRAM, { mode: 0o644 });
  return dir;
}

async function sandboxRun(docker: Dockerode, image: string, codeDir: string, pool?: WarmPool): Promise<Overhead> {
  const submitted = nowMs();
  const result = await runInSandbox(docker, image, { codeDir, command, ...(pool ? { pool } : {}) });
  const done = nowMs();
  if (result.outcome !== 'EXITED' || result.exitCode !== 0) {
    throw new Error(`bench run failed: ${result.outcome} ${result.exitCode} ${result.internalError ?? result.stderr.text}`);
  }
  const { startMs, exitMs } = parseStamps(result.stdout.text);
  return { startMs: startMs - submitted, teardownMs: done - exitMs };
}

const fmt = (ms: number) => ms.toFixed(1);
const ratio = (x: number, floor: number) => `${(x / floor).toFixed(2)}×`;

async function main(): Promise<void> {
  const docker = createDockerClient(process.env.DOCKER_SOCKET || undefined);
  const image = await ensureSandboxImage(docker);
  const cores = os.availableParallelism();
  const codeDir = makeCodeDir();
  const shape = { image, command, limits: DEFAULT_SANDBOX_LIMITS, openStdin: false };
  console.log(`sandbox bench: ${image}, ${cores} cores, load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  console.log(`${RUNS} interleaved runs per variant, then ${WINDOW_MS / 1000} s of back-to-back runs per variant at concurrency ${cores}`);
  if (os.loadavg()[0]! > cores / 2) console.log(`warning: the host is busy (load ${os.loadavg()[0]!.toFixed(1)} on ${cores} cores): expect wide p99s; compare ratios, not ms`);
  console.log('');

  await sandboxRun(docker, image, codeDir); // first run: measures and caches the Node baseline
  const seqPool = new WarmPool(docker, shape, { size: 1 });
  const samples = { floor: [] as Overhead[], cold: [] as Overhead[], warm: [] as Overhead[] };
  try {
    for (let i = 0; i < RUNS; i++) {
      samples.floor.push(await hostNode());
      samples.cold.push(await sandboxRun(docker, image, codeDir));
      await seqPool.full(); // a waiting, booted container, and no refill running during the run
      samples.warm.push(await sandboxRun(docker, image, codeDir, seqPool));
    }
  } finally {
    await seqPool.close();
  }

  const stat = (xs: Overhead[], pick: (o: Overhead) => number) => [percentile(xs.map(pick), 50), percentile(xs.map(pick), 99)] as const;
  const rows: string[][] = [];
  const metrics: Array<[string, (o: Overhead) => number]> = [
    ['start (submit → program)', (o) => o.startMs],
    ['teardown (exit → result)', (o) => o.teardownMs],
    ['total overhead', (o) => o.startMs + o.teardownMs],
  ];
  for (const [label, pick] of metrics) {
    const [f50, f99] = stat(samples.floor, pick);
    for (const variant of ['cold', 'warm'] as const) {
      const [p50, p99] = stat(samples[variant], pick);
      rows.push([`${label}, ${variant}`, fmt(p50), fmt(p99), fmt(f50), fmt(f99), ratio(p50, f50), ratio(p99, f99)]);
    }
  }
  console.log('Per-run overhead, ms (p99 of ' + RUNS + ' runs is their maximum; floor = bare `node` on the host, same run)');
  printTable(['', 'p50', 'p99', 'floor p50', 'floor p99', 'p50 ÷ floor', 'p99 ÷ floor'], rows);

  const floorRate = await throughput(cores, WINDOW_MS, () => hostNode('0'));
  const coldRate = await throughput(cores, WINDOW_MS, () => sandboxRun(docker, image, codeDir));
  const pool = new WarmPool(docker, shape, { size: 2 * cores });
  let warmRate: number;
  try {
    await pool.full();
    warmRate = await throughput(cores, WINDOW_MS, () => sandboxRun(docker, image, codeDir, pool));
  } finally {
    await pool.close();
  }
  const { hits, misses } = pool.stats;
  console.log(`\nRuns per minute at concurrency ${cores} (floor = \`node -e 0\` on the host, same run)`);
  printTable(
    ['', 'runs/min', 'floor runs/min', '÷ floor'],
    [
      ['cold', coldRate.toFixed(0), floorRate.toFixed(0), ratio(coldRate, floorRate)],
      [`warm (pool of ${2 * cores}; ${hits} hits, ${misses} misses)`, warmRate.toFixed(0), floorRate.toFixed(0), ratio(warmRate, floorRate)],
    ],
  );
  fs.rmSync(codeDir, { recursive: true, force: true });
}

const began = nowMs();
main().then(
  () => console.log(`\n(${((nowMs() - began) / 1000).toFixed(0)} s)`),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
