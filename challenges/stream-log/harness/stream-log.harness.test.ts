import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { answerFor, routeOf } from './log.answer';
import { checkLogOutput } from './log.check';
import { generateLogInput } from './log.generator';
import { evaluateCapped } from './index';
import { DEFAULT_SANDBOX_LIMITS } from '../../../server/src/sandbox/sandbox.limits';
import type { SandboxRunResult } from '../../../server/src/sandbox/sandbox.types';

const small = { poolBlocks: 4, blockBytes: 128 * 1024 };
let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stream-log-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const sha = (file: string) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');

describe('the log generator', () => {
  it('derives the same answer from block stats as a plain parse of the file', async () => {
    const file = path.join(dir, 'a.log');
    const input = await generateLogInput(file, { seed: 7, bytes: 3 << 20, ...small });
    const text = fs.readFileSync(file, 'latin1');
    expect(input.bytes).toBe(Buffer.byteLength(text, 'latin1'));
    expect(input.answer).toEqual(answerFor(text));
    expect(input.answer.malformed).toBeGreaterThan(0);
    expect(input.answer.topRoutes.some((r) => r.route.includes(':id'))).toBe(true);
    expect(text.endsWith('\n')).toBe(true);
  });

  it('is deterministic per seed and differs across seeds', async () => {
    const [a, b, c] = ['s1.log', 's2.log', 's3.log'].map((f) => path.join(dir, f)) as [string, string, string];
    await generateLogInput(a, { seed: 1, bytes: 1 << 20, ...small });
    await generateLogInput(b, { seed: 1, bytes: 1 << 20, ...small });
    await generateLogInput(c, { seed: 2, bytes: 1 << 20, ...small });
    expect(sha(a)).toBe(sha(b));
    expect(sha(a)).not.toBe(sha(c));
  });

  it('agrees with every shipped solution', async () => {
    const file = path.join(dir, 'r.log');
    const input = await generateLogInput(file, { seed: 99, bytes: 2 << 20, ...small });
    for (const solution of fs.readdirSync(path.join(__dirname, '..', 'solutions'))) {
      const main = path.join(__dirname, '..', 'solutions', solution, 'main.js');
      const out = execFileSync(process.execPath, [main, file], { encoding: 'utf8' });
      expect(checkLogOutput(out, input.answer).filter((c) => !c.passed)).toEqual([]);
    }
  });
});

describe('routeOf', () => {
  it('replaces all-digit segments only', () => {
    expect(routeOf('/api/users/42/orders/007')).toBe('/api/users/:id/orders/:id');
    expect(routeOf('/v2/items/42a')).toBe('/v2/items/42a');
    expect(routeOf('/123')).toBe('/:id');
  });
});

describe('checkLogOutput', () => {
  const expected = answerFor('2026-01-01T00:00:00.000Z GET /a/1 200 5\nbad\n');

  it('passes the same JSON value whatever the key order', () => {
    const out = JSON.stringify({ p99DurationMs: 5, topRoutes: [{ count: 1, route: '/a/:id' }], byStatus: { 200: 1 }, malformed: 1, total: 1 });
    expect(checkLogOutput(out, expected).every((c) => c.passed)).toBe(true);
  });

  it('checks each field apart and never reveals the expected value', () => {
    const out = JSON.stringify({ ...expected, total: 2, extra: true });
    const failed = checkLogOutput(out, expected).filter((c) => !c.passed);
    expect(failed.map((c) => c.name)).toEqual(['one JSON object on stdout', 'total']);
    expect(failed[1]!.detail).toBe('wrong value (printed 2)');
  });

  it('fails every check when stdout is not JSON', () => {
    const checks = checkLogOutput('total: 3\n', expected);
    expect(checks).toHaveLength(6);
    expect(checks.every((c) => !c.passed)).toBe(true);
    expect(checks[0]!.detail).toBe('stdout is not JSON: total: 3');
  });
});

describe('evaluateCapped (a run stopped at the time cap)', () => {
  const GiB = 1024 ** 3;
  const out = { text: '', bytes: 0, truncated: false };
  const capped = (progress: SandboxRunResult['progress']): SandboxRunResult => ({
    outcome: 'TIME_LIMIT',
    exitCode: null,
    signal: 'SIGKILL',
    stdout: out,
    stderr: out,
    limits: { ...DEFAULT_SANDBOX_LIMITS, wallTimeMs: 90_000 },
    measurements: { peakRssBytes: 1, baselineRssBytes: 1, memoryMethod: 'm', memoryTimeline: [], timelineMethod: 't', wallMs: 90_100, cpuUserMs: 0, cpuSysMs: 0, cpuMs: 0, cpuMethod: 'c' },
    progress,
  });

  it('measures throughput over what was read by then, over min(wall, CPU), and checks nothing', () => {
    const e = evaluateCapped(capped({ readBytes: 3 * GiB, cpuMs: 60_000, atMs: 90_000, method: 'p' }), 10 * GiB);
    expect(e.checks).toEqual([]);
    expect(e.verdict).toBeUndefined();
    expect(e.metrics).toEqual({ inputBytes: 3 * GiB, throughputBytesPerSec: (3 * GiB) / 60 });
  });
  it('never credits more than the input (a program may read other files, or the same one twice)', () => {
    expect(evaluateCapped(capped({ readBytes: 25 * GiB, cpuMs: 90_000, atMs: 90_000, method: 'p' }), 10 * GiB).metrics.inputBytes).toBe(10 * GiB);
  });
  it('keeps TIME_LIMIT for a program that read next to nothing', () => {
    const e = evaluateCapped(capped({ readBytes: 3 << 20, cpuMs: 100, atMs: 90_000, method: 'p' }), 10 * GiB);
    expect(e.verdict).toBe('TIME_LIMIT');
    expect(e.message).toBe('killed after 90 s having read 3.0 MiB of 10240 MiB (no progress)');
  });
  it('is a platform fault when the counters could not be read', () => {
    expect(evaluateCapped(capped(null), 10 * GiB).internalError).toMatch(/progress could not be read/);
  });
});
