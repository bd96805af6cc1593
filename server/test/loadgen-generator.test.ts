import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import readline from 'node:readline';
import { repoRoot } from '../src/platform/paths';
import type { LoadgenOptions } from '../src/sandbox/loadgen/loadgen.js';
import { parseLoadgenReport, type LoadgenReport, type MeasuredReport } from '../src/sandbox/loadgen/loadgen.report';
import { loadgenHostPath } from '../src/sandbox/loadgen/loadgen.sidecar';

/**
 * loadgen.js run by plain `node` exactly as in the sidecar, against a fixture
 * server with a known latency distribution, each in its own process so
 * neither one's event loop disturbs the other's timing.
 */
const fixtureDir = path.join(repoRoot(), 'server', 'test', 'fixtures', 'loadgen-target');
const servers: ChildProcess[] = [];

/** Service times the fixture server measured itself (arrival → answer sent), in ms. */
interface ServerTruth {
  p50: number;
  p90: number;
  p99: number;
  p999: number;
  max: number;
}

interface Target {
  port: number;
  /** Resolves once the server has answered all the probes it was told to measure. */
  truth: Promise<ServerTruth>;
}

async function startTarget(env: Record<string, string>): Promise<Target> {
  const child = spawn(process.execPath, [path.join(fixtureDir, 'server.js')], { env: { ...process.env, ...env, PORT: '0' } });
  servers.push(child);
  const lines = readline.createInterface({ input: child.stdout! });
  let gotTruth: (t: ServerTruth) => void = () => {};
  const truth = new Promise<ServerTruth>((resolve) => (gotTruth = resolve));
  return new Promise((resolve, reject) => {
    lines.on('line', (line) => {
      const listening = /^listening (\d+)$/.exec(line);
      if (listening) resolve({ port: Number(listening[1]), truth });
      if (line.startsWith('stats ')) gotTruth(JSON.parse(line.slice(6)) as ServerTruth);
    });
    child.once('exit', (code) => reject(new Error(`fixture server exited with ${code}`)));
  });
}

async function runLoadgen(options: unknown): Promise<{ code: number | null; report: LoadgenReport }> {
  const child = spawn(process.execPath, [loadgenHostPath()], { env: { ...process.env, ASSAY_LOADGEN_OPTIONS: JSON.stringify(options) } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (stderr) process.stderr.write(stderr);
  return { code, report: parseLoadgenReport(stdout) };
}

/** One measurement; trials the generator flags invalid (its own lag, on a busy host) are repeated, as a judge would. */
async function measure(options: LoadgenOptions, trials = 3): Promise<MeasuredReport> {
  const reasons: string[] = [];
  for (let trial = 0; trial < trials; trial++) {
    const { code, report } = await runLoadgen(options);
    if (report.status !== 'ok') throw new Error(`expected a measurement, got ${JSON.stringify(report)}`);
    expect(code).toBe(0);
    if (report.valid || trial === trials - 1) return report;
    reasons.push(...report.invalidReasons);
  }
  throw new Error(`unreachable: ${reasons.join('; ')}`);
}

/**
 * Measures a fresh fixture server, which also times its own answers. A trial
 * is repeated when it cannot judge the generator: the generator flagged it
 * invalid, or the busy host made the server itself miss the injected delay
 * by more than 10 %.
 */
async function measureAgainstTruth(
  env: Record<string, string>,
  injectedP99Ms: number,
  probe: { rps: number; durationMs: number; warmupMs: number },
): Promise<{ report: MeasuredReport; truth: ServerTruth }> {
  const noisy: string[] = [];
  for (let trial = 0; trial < 3; trial++) {
    const warmupCount = (probe.warmupMs * probe.rps) / 1000;
    const measured = (probe.durationMs * probe.rps) / 1000;
    const target = await startTarget({ ...env, MEASURE_FROM: String(warmupCount + 1), MEASURE_COUNT: String(measured) });
    const { report } = await runLoadgen({ target: { port: target.port }, probe: { path: '/probe', ...probe } });
    if (report.status !== 'ok') throw new Error(`expected a measurement, got ${JSON.stringify(report)}`);
    const truth = await target.truth;
    if (!report.valid) noisy.push(...report.invalidReasons);
    else if (truth.p99 > injectedP99Ms * 1.1) noisy.push(`the server's own p99 was ${truth.p99} ms`);
    else return { report, truth };
  }
  throw new Error(`host too busy for three trials in a row: ${noisy.join('; ')}`);
}

async function freePort(): Promise<number> {
  const server = net.createServer().listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((r) => server.close(r));
  return port;
}

afterEach(() => {
  for (const child of servers.splice(0)) child.kill();
});

describe('loadgen.js against a server with a known latency distribution', () => {
  it('reports the injected tail at p99 and a fast median, as the server itself saw them', async () => {
    // Every 20th probe (5 %) waits 40 ms: p99 is 40 ms, p50/p90 are the fast path.
    const { report, truth } = await measureAgainstTruth({ SLOW_EVERY: '20', SLOW_MS: '40' }, 40, { rps: 200, durationMs: 3_000, warmupMs: 500 });
    expect(report.latency).toMatchObject({ count: 600, errors: 0, achievedRps: 200 });
    expect(report.latency.p99Ms).toBeGreaterThanOrEqual(40);
    expect(report.latency.p99Ms).toBeLessThanOrEqual(44);
    expect(Math.abs(report.latency.p99Ms - truth.p99)).toBeLessThanOrEqual(truth.p99 * 0.1);
    expect(report.latency.p50Ms).toBeLessThan(5);
    expect(report.latency.p90Ms).toBeLessThan(10);
    expect(report.readyAfterMs).toBeGreaterThan(0);
  });

  it('charges requests queued behind a stalled server from their intended send time', async () => {
    // One connection only: during a 300 ms event-loop stall the next ~60 probes
    // wait in the client. Timed from their actual write they would look fast.
    const { port } = await startTarget({ STALL_AT: '200', STALL_MS: '300' });
    const probe = { path: '/probe', rps: 200, durationMs: 3_000, warmupMs: 0, maxConnections: 1 };
    const report = await measure({ target: { port }, probe }, 1); // the stall happens once: no second trial
    expect(report.latency.maxMs).toBeGreaterThanOrEqual(300);
    // 60 of 600 samples are spread over 0–300 ms, so p99 lies near 270 ms.
    expect(report.latency.p99Ms).toBeGreaterThan(200);
    expect(report.latency.p50Ms).toBeLessThan(5);
    expect(report.latency.errors).toBe(0);
  });

  it('counts error answers and timeouts, recording timeouts at the timeout', async () => {
    // Probes n = 1..400: every 25th never answered (16), every other 10th gets 500 (40 - 8 = 32).
    const { port } = await startTarget({ ERROR_EVERY: '10', HANG_EVERY: '25' });
    const report = await measure({ target: { port }, probe: { path: '/probe', rps: 200, durationMs: 2_000, warmupMs: 0, timeoutMs: 300 } });
    expect(report.errorsByKind).toEqual({ status: 32, timeout: 16, socket: 0 });
    expect(report.statusCounts).toEqual({ '200': 352, '500': 32 });
    expect(report.latency.errors).toBe(48);
    expect(report.latency.achievedRps).toBe(176);
    // 16 timeouts among 368 recorded samples (4.3 %): p99 is a timeout.
    expect(report.latency.p99Ms).toBeGreaterThanOrEqual(300);
  });

  it('keeps background work in flight and reports answers its checker rejects', async () => {
    const checkerPath = path.join(fixtureDir, 'hash-checker.js');
    const background = { concurrency: 2, path: '/hash', bodies: ['abc', { n: 1 }], checkerPath };
    const probe = { path: '/probe', rps: 100, durationMs: 1_000, warmupMs: 200 };

    const honest = await measure({ target: { port: (await startTarget({})).port }, probe, background });
    expect(honest.background).toMatchObject({ errors: 0, checkFailures: 0, firstFailure: null });
    expect(honest.background!.count).toBeGreaterThan(50);

    const lying = await measure({ target: { port: (await startTarget({ WRONG_EVERY: '5' })).port }, probe, background });
    const stats = lying.background!;
    expect(stats.errors).toBe(0);
    expect(stats.checkFailures / stats.count).toBeCloseTo(0.2, 1);
    expect(stats.firstFailure).toMatch(/is not sha256 of the body/);
  });

  it('flags the run invalid when its own send lag moved the percentiles or it stalled', async () => {
    const { port } = await startTarget({});
    // Without the final spin every send is late by a timer tick, which moves the sub-ms median.
    const report = await measure(
      {
        target: { port },
        probe: { path: '/probe', rps: 100, durationMs: 500, warmupMs: 0, spinMs: 0 },
        validity: { maxDistortionMs: 0, maxDistortionShare: 0, maxSendLagMs: 0 },
      },
      1,
    );
    expect(report.valid).toBe(false);
    expect(report.invalidReasons).toEqual(
      expect.arrayContaining([expect.stringMatching(/^generator send lag moved p50 from .* to .* ms/), expect.stringMatching(/^generator stalled: a send .* ms late/)]),
    );
    expect(report.serviceLatency.p50Ms).toBeLessThan(report.latency.p50Ms);
  });

  it('reports a target that never becomes ready, with the last error', async () => {
    const port = await freePort();
    const { code, report } = await runLoadgen({ target: { port }, readiness: { timeoutMs: 300 }, probe: { rps: 10, durationMs: 100 } });
    expect(code).toBe(3);
    expect(report).toEqual({ status: 'not-ready', readyTimeoutMs: 300, lastError: expect.stringContaining('ECONNREFUSED') });
  });

  it('rejects bad options with a message naming the option', async () => {
    const { code, report } = await runLoadgen({ target: { port: 80 }, probe: { rps: -1, durationMs: 100 } });
    expect(code).toBe(2);
    expect(report).toEqual({ status: 'bad-options', message: 'loadgen option probe.rps must be from 0.1 to 100000 (got -1)' });
  });
});
