import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { JudgeReportSchema, type ScaleSpec } from '@assay/shared';
import { judgeSubmission } from '../src/challenges/challenge.judge';
import { loadChallenge } from '../src/challenges/challenge.loader';
import type { LoadedChallenge } from '../src/challenges/challenge.types';
import { createDockerClient } from '../src/platform/docker';
import { repoRoot } from '../src/platform/paths';

/**
 * The judge against the real Docker engine and sandbox image: verdicts for
 * each way a solution can fail, and the report's shape. Scales are shrunk so
 * the whole file stays around a minute on two cores.
 */
const docker = createDockerClient(process.env.DOCKER_SOCKET || undefined);
const image = process.env.ASSAY_TEST_SANDBOX_IMAGE!;
const cacheDir = path.join(repoRoot(), '.data', 'test', 'cache', 'challenges');
let scratch: string;

beforeAll(() => {
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'assay-judge-test-'));
});
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

/** The challenge with its quick scale changed (smaller input, one trial, other limits). */
function shrunk(slug: string, change: Partial<ScaleSpec> & { params?: Record<string, number> }): LoadedChallenge {
  const c = loadChallenge(slug);
  const quick = c.manifest.scales.quick;
  const scale = { ...quick, ...change, params: { ...quick.params, ...change.params }, limits: { ...quick.limits, ...change.limits } };
  return { ...c, manifest: { ...c.manifest, scales: { ...c.manifest.scales, quick: scale } } };
}

function solution(name: string, code: string): string {
  const dir = path.join(scratch, name);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'main.js'), code);
  return dir;
}

// Verdicts, not timings: no CPU lease, so these never queue behind another process's timed trials.
const judge = (challenge: LoadedChallenge, solutionDir: string, skipTests = true) =>
  judgeSubmission({ docker, image, challenge, solutionDir, scale: 'quick', cacheDir, skipTests, cpuLease: null });

describe('judging stream-log', () => {
  const small = shrunk('stream-log', { trials: 1, params: { inputMiB: 8 } });

  it('accepts the reference with a full score, its visible tests passing, in the documented report shape', async () => {
    const report = await judge(small, small.solutions.reference, false);
    expect(JudgeReportSchema.parse(report)).toEqual(report);
    expect(report.verdict).toBe('ACCEPTED');
    expect(report.score!.total).toBeGreaterThanOrEqual(90);
    expect(report.score!.rubricVersion).toBe('stream-log@1');
    expect(report.tests.length).toBeGreaterThan(0);
    expect(report.tests.filter((t) => !t.passed)).toEqual([]);
    expect(report.trials.map((t) => t.role)).toEqual(['reference', 'candidate']);
    expect(report.measurements!.peakRssBytes).toBeGreaterThan(report.measurements!.baselineRssBytes);
  });

  it('gives WRONG_ANSWER with the failing fields named, and partial credit', async () => {
    const wrong = solution('wrong', `console.log(JSON.stringify({ total: 1, malformed: 0, byStatus: {}, topRoutes: [], p99DurationMs: null }))`);
    const report = await judge(small, wrong);
    expect(report.verdict).toBe('WRONG_ANSWER');
    expect(report.checks.filter((c) => !c.passed).map((c) => c.name)).toEqual(['total', 'malformed', 'byStatus', 'topRoutes', 'p99DurationMs']);
    expect(report.score!.dimensions[0]!.detail).toBe('1 of 6 checks passed; failing: total, malformed, byStatus, topRoutes, p99DurationMs');
    expect(report.score!.total).toBeLessThan(20);
  });

  it('gives RUNTIME_ERROR with the end of stderr for a crash', async () => {
    const report = await judge(small, solution('crash', `throw new Error('kaboom at line one')`));
    expect(report.verdict).toBe('RUNTIME_ERROR');
    expect(report.message).toMatch(/exited with code 1:[\s\S]*kaboom at line one/);
    expect(report.score!.total).toBe(0);
    expect(report.checks[0]).toMatchObject({ name: 'the run completed', passed: false });
  });

  it('gives TIME_LIMIT for a program that never ends', async () => {
    const report = await judge(shrunk('stream-log', { trials: 1, params: { inputMiB: 8 }, limits: { wallTimeSec: 2 } }), solution('loop', 'for (;;);'));
    expect(report.verdict).toBe('TIME_LIMIT');
    expect(report.score!.total).toBe(0);
  });

  it('gives MEMORY_LIMIT for a program that keeps what it reads', async () => {
    const hog = solution('hog', `const kept = []; for (;;) kept.push(Buffer.alloc(8 << 20, 1));`);
    const report = await judge(small, hog);
    expect(report.verdict).toBe('MEMORY_LIMIT');
    expect(report.message).toBe('killed at the 128 MiB memory limit');
  });

  it('refuses a solution without the entry file, naming it', async () => {
    const empty = path.join(scratch, 'empty');
    fs.mkdirSync(empty, { recursive: true });
    await expect(judge(small, empty)).rejects.toThrow('the solution has no main.js');
  });
});

describe('judging stream-log measured up to a time cap (full-scale shape)', () => {
  // Correctness on a complete 2 MiB log; the 48 MiB one is only measured, for at most 4 s.
  const capped = shrunk('stream-log', { trials: 1, params: { inputMiB: 48, correctnessInputMiB: 2 }, limits: { wallTimeSec: 4 } });
  const reference = fs.readFileSync(path.join(repoRoot(), 'challenges/stream-log/solutions/reference/main.js'), 'utf8');

  it('measures a correct program that is still reading at the cap by the bytes it read, instead of zeroing it', async () => {
    // The reference, slowed to ~4 MiB/s: 64 KiB chunks with a 15 ms pause after each.
    const slow = solution('slow-capped', reference.replace('const s = buf.latin1Slice(0, carry + read);', 'Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 15);\n    const s = buf.latin1Slice(0, carry + read);'));
    const report = await judge(capped, slow);
    expect(report.verdict).toBe('ACCEPTED');
    expect(report.trials.map((t) => [t.role, t.outcome])).toEqual([['candidate', 'EXITED'], ['reference', 'EXITED'], ['candidate', 'TIME_LIMIT']]);
    const measured = report.trials[2]!.metrics;
    expect(measured.inputBytes).toBeGreaterThan(4 * 1024 * 1024);
    expect(measured.inputBytes).toBeLessThan(48 * 1024 * 1024);
    expect(measured.throughputBytesPerSec).toBeGreaterThan(0);
    expect(report.checks.every((c) => c.passed)).toBe(true);
    const throughput = report.score!.dimensions.find((d) => d.name === 'throughput')!;
    expect(throughput.points).toBeGreaterThan(0);
    expect(report.score!.total).toBeGreaterThan(55);
  });

  it('keeps TIME_LIMIT for a program that makes no progress on the big input', async () => {
    // Right on small inputs, stuck on the big one: reads nothing until it is killed.
    const stuck = solution('stuck', `if (require('node:fs').statSync(process.argv[2]).size > 8 << 20) setInterval(() => {}, 1000);\nelse {\n${reference}\n}`);
    const report = await judge(capped, stuck);
    expect(report.verdict).toBe('TIME_LIMIT');
    expect(report.message).toMatch(/no progress/);
    expect(report.score!.total).toBe(0);
  });

  it('takes the verdict of the correctness run when the answer is wrong, without measuring', async () => {
    const wrong = solution('wrong-capped', `console.log(JSON.stringify({ total: 1, malformed: 0, byStatus: {}, topRoutes: [], p99DurationMs: null }))`);
    const report = await judge(capped, wrong);
    expect(report.verdict).toBe('WRONG_ANSWER');
    expect(report.trials.map((t) => t.role)).toEqual(['candidate']);
  });
});

describe('judging server challenges', () => {
  it('gives RUNTIME_ERROR when the server never answers /health', async () => {
    const challenge = shrunk('rate-limiter', {});
    const report = await judge(challenge, solution('silent', `require('node:http').createServer(() => {}).listen(4321)`));
    expect(report.verdict).toBe('RUNTIME_ERROR');
    expect(report.message).toMatch(/did not answer 2xx within/);
  });

  it('gives RUNTIME_ERROR when the server dies while being tested', async () => {
    const code = `require('node:http').createServer((req, res) => { if (req.url === '/health') return res.end('ok'); process.exit(3); }).listen(process.env.PORT)`;
    const report = await judge(shrunk('rate-limiter', {}), solution('dies', code));
    expect(report.verdict).toBe('RUNTIME_ERROR');
    expect(report.message).toMatch(/the server stopped while being tested \(exited with code 3/);
  });

  it('delivers SIGTERM through the hook and reads the exit code (graceful-shutdown reference)', async () => {
    const challenge = shrunk('graceful-shutdown', { params: { inFlight: 4, workMs: 800 } });
    const report = await judge(challenge, challenge.solutions.reference);
    expect(report.verdict).toBe('ACCEPTED');
    expect(report.checks.every((c) => c.passed)).toBe(true);
    expect(report.trials[0]!.outcome).toBe('EXITED');
  });
});
