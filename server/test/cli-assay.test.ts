import { spawn } from 'node:child_process';
import path from 'node:path';
import { repoRoot } from '../src/platform/paths';

/**
 * `npx assay` as a user runs it: the launcher in scripts/, a real Docker
 * engine and sandbox image, real exit codes and output streams.
 */
const launcher = path.join(repoRoot(), 'scripts', 'assay-cli.cjs');

function assay(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return assayWith({}, ...args);
}

function assayWith(env: Record<string, string>, ...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [launcher, ...args], {
      cwd: repoRoot(),
      env: { ...process.env, ASSAY_DATA_DIR: path.join(repoRoot(), '.data', 'test'), ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('assay CLI', () => {
  it.each([
    [[], 'no command given'],
    [['score', 'stream-log'], 'score needs a challenge slug and a solution file or folder'],
    [['score', 'stream-log', 'main.js', '--scale', 'huge'], '--scale must be one of quick, full'],
    [['verify'], 'verify needs a challenge slug or --all'],
  ])('prints usage and exits 2 for %j', async (args, message) => {
    const r = await assay(...args);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
    expect(r.stderr).toContain('Usage:');
    expect(r.stdout).toBe('');
  });

  it('names an unknown challenge and exits 1', async () => {
    const r = await assay('score', 'no-such-challenge', 'main.js');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^assay: no-such-challenge: no such challenge/m);
  });

  it('names a missing solution and exits 1', async () => {
    const r = await assay('score', 'rate-limiter', 'does/not/exist.js');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/does\/not\/exist\.js: no such file or folder/);
  });

  it('lists the challenges as JSON', async () => {
    const r = await assay('list', '--json');
    expect(r.code).toBe(0);
    const slugs = (JSON.parse(r.stdout) as Array<{ slug: string }>).map((c) => c.slug);
    expect(slugs).toEqual(expect.arrayContaining(['stream-log', 'event-loop', 'rate-limiter']));
  });

  it('scores a solution: JSON on stdout in the documented shape, progress on stderr', async () => {
    const naive = path.join(repoRoot(), 'challenges', 'rate-limiter', 'solutions', 'naive', 'main.js');
    const r = await assay('score', 'rate-limiter', naive, '--json');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report).toMatchObject({
      verdict: 'WRONG_ANSWER',
      score: { total: expect.any(Number), dimensions: expect.any(Array) },
      measurements: { peakRssBytes: expect.any(Number), baselineRssBytes: expect.any(Number), wallMs: expect.any(Number), cpuMs: expect.any(Number) },
      tests: expect.any(Array),
    });
    for (const d of report.score.dimensions) expect(Object.keys(d)).toEqual(expect.arrayContaining(['name', 'points', 'max', 'detail']));
    expect(report.score.total).toBeLessThanOrEqual(40);
    expect(report.tests.some((t: { passed: boolean }) => !t.passed)).toBe(true);
    expect(r.stderr).toContain('rate-limiter: visible tests:');
  });

  it('prints a readable report', async () => {
    const reference = path.join(repoRoot(), 'challenges', 'graceful-shutdown', 'solutions', 'reference');
    const r = await assay('score', 'graceful-shutdown', reference);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^graceful-shutdown \(quick: .*\)\nverdict {3}ACCEPTED\nscore {5}\d+(\.\d)?\/100 {2}\(senior; rubric graceful-shutdown@1\)/);
    expect(r.stdout).toContain('visible tests: 2/2 passed');
  });

  it("obeys the operator's sandbox ceiling: a challenge needing more is a platform error naming the limit", async () => {
    const reference = path.join(repoRoot(), 'challenges', 'stream-log', 'solutions', 'reference');
    const r = await assayWith({ SANDBOX_MEMORY_MIB: '64' }, 'score', 'stream-log', reference, '--json');
    expect(r.code).toBe(3);
    const report = JSON.parse(r.stdout);
    expect(report.verdict).toBe('INTERNAL_ERROR');
    expect(report.message).toMatch(/memoryBytes.*cannot exceed the configured limit/);
  });
});
