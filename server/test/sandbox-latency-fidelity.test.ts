import path from 'node:path';
import type Dockerode from 'dockerode';
import { repoRoot } from '../src/platform/paths';
import { parseLoadgenReport, type MeasuredReport } from '../src/sandbox/loadgen/loadgen.report';
import { buildLoadgenSidecar } from '../src/sandbox/loadgen/loadgen.sidecar';
import { runInSandbox } from '../src/sandbox/sandbox.runner';
import { getTestSandbox } from './support/sandbox';

/**
 * The latency a challenge is judged on, measured end to end through the real
 * sandbox: the candidate container runs a server with a known latency
 * distribution (test/fixtures/loadgen-target/server.js), the sidecar runs
 * loadgen.js over the shared loopback, each pinned to its own CPU by the
 * runner. 200 req/s is a few percent of what that server can take: far below
 * saturation, where P99 means something.
 */
const MiB = 1024 * 1024;
const SLOW_MS = 50;
const fixtureDir = path.join(repoRoot(), 'server', 'test', 'fixtures', 'loadgen-target');
let docker: Dockerode;
let image: string;

beforeAll(async () => {
  ({ docker, image } = await getTestSandbox());
});

/** What the fixture server measured itself (arrival → answer sent, ms) over the measured window. */
interface ServerTruth {
  p50: number;
  p99: number;
  p999: number;
}

/**
 * One measurement of a fresh server. A trial is repeated when it cannot judge
 * the generator: the generator flagged it invalid (its own send lag), or the
 * busy host made the server itself miss the injected delay by more than 10 %
 * at the percentile under test.
 */
async function measureInSandbox(slowEvery: number, judged: 'p99' | 'p999'): Promise<{ report: MeasuredReport; truth: ServerTruth }> {
  const sidecar = buildLoadgenSidecar({
    target: { port: 8080 },
    readiness: { path: '/health', timeoutMs: 3_000 },
    probe: { path: '/probe', rps: 200, durationMs: 4_000, warmupMs: 1_000, timeoutMs: 1_000 },
  });
  const noisy: string[] = [];
  for (let trial = 0; trial < 5; trial++) {
    const result = await runInSandbox(docker, image, {
      codeDir: fixtureDir,
      command: ['node', 'server.js'],
      // Probes 1–200 are the warm-up: the server times 201–1000, the window the generator reports.
      env: { PORT: '8080', SLOW_EVERY: String(slowEvery), SLOW_MS: String(SLOW_MS), MEASURE_FROM: '201', MEASURE_COUNT: '800' },
      // At most 3 + 1 + 4 + 1 s of generator (readiness, warm-up, window, drain): the 10 s default limit fits.
      limits: { wallTimeMs: 10_000, memoryBytes: 128 * MiB },
      sidecar,
    });
    expect(result.internalError).toBeUndefined();
    expect(result.outcome).toBe('STOPPED');
    expect(result.sidecar?.exitCode).toBe(0);
    const report = parseLoadgenReport(result.sidecar!.stdout.text);
    if (report.status !== 'ok') throw new Error(`expected a measurement, got ${JSON.stringify(report)}`);
    const stats = /^stats (.*)$/m.exec(result.stdout.text);
    if (!stats) throw new Error(`the server printed no stats: ${result.stdout.text.slice(0, 300)}`);
    const truth = JSON.parse(stats[1]!) as ServerTruth;
    if (!report.valid) noisy.push(...report.invalidReasons);
    else if (truth[judged] > SLOW_MS * 1.1) noisy.push(`the server's own ${judged} was ${truth[judged]} ms`);
    else return { report, truth };
  }
  throw new Error(`host too busy for five trials in a row: ${noisy.join('; ')}`);
}

describe('latency measured through the sandbox', () => {
  it('reports the injected 50 ms at p99 when 2 % of requests are delayed', async () => {
    const { report, truth } = await measureInSandbox(50, 'p99');
    expect(report.latency).toMatchObject({ count: 800, errors: 0, targetRps: 200 });
    expect(report.latency.p99Ms).toBeGreaterThanOrEqual(SLOW_MS * 0.9);
    expect(report.latency.p99Ms).toBeLessThanOrEqual(SLOW_MS * 1.1);
    expect(Math.abs(report.latency.p99Ms - truth.p99)).toBeLessThanOrEqual(truth.p99 * 0.1);
    expect(report.latency.p50Ms).toBeLessThan(5);
  });

  it('shows exactly 1 % delayed requests at p99.9', async () => {
    // Every 100th request delayed: 8 of 800 samples. p99 sits exactly on the
    // cliff between the fast path and the delay (any scheduling noise on a
    // shared host decides it), so the injected value is checked at p99.9.
    const { report, truth } = await measureInSandbox(100, 'p999');
    expect(report.latency).toMatchObject({ count: 800, errors: 0 });
    expect(report.latency.p999Ms).toBeGreaterThanOrEqual(SLOW_MS * 0.9);
    expect(report.latency.p999Ms).toBeLessThanOrEqual(SLOW_MS * 1.1);
    expect(Math.abs(report.latency.p999Ms - truth.p999)).toBeLessThanOrEqual(truth.p999 * 0.1);
    expect(report.latency.p50Ms).toBeLessThan(5);
  });
});
