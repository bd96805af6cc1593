import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { listChallengeSlugs } from '../src/challenges/challenge.loader';
import { repoRoot } from '../src/platform/paths';

/**
 * `assay verify --all` at quick scale, exactly as an author runs it: every
 * reference must score >= 90, every naive <= 40, and every mid (and
 * slow-but-correct) solution inside its band, below the reference and above
 * the naive ones. A rubric or harness change that stops telling the three
 * levels apart fails here. Two solutions are judged at once, across
 * challenges: their timed trials take turns on the host's CPU lease, the rest
 * (inputs, visible tests, correctness runs) overlaps.
 */
jest.setTimeout(900_000);

interface VerifyResult {
  slug: string;
  solution: string;
  role: 'reference' | 'naive' | 'graded';
  total: number | null;
  ok: boolean;
  reason?: string;
}
interface VerifyOutput {
  ok: boolean;
  results: VerifyResult[];
  broken: string[];
}

const slugs = listChallengeSlugs();
let output: VerifyOutput;
let exitCode: number | null;
let stderr: string;

beforeAll(() => {
  const cli = spawnSync(process.execPath, [path.join(repoRoot(), 'scripts/assay-cli.cjs'), 'verify', '--all', '--scale', 'quick', '--jobs', '2', '--json'], {
    cwd: repoRoot(),
    encoding: 'utf8',
    env: { ...process.env, CI: 'true' },
    maxBuffer: 64 * 1024 * 1024,
  });
  exitCode = cli.status;
  stderr = cli.stderr;
  try {
    output = JSON.parse(cli.stdout) as VerifyOutput;
  } catch {
    throw new Error(`assay verify --all printed no JSON (exit ${cli.status}):\n${cli.stdout}\n${cli.stderr.slice(-4000)}`);
  }
});

it('ships the eight challenges, none broken, and exits 0 only when all pass', () => {
  expect(slugs).toEqual(expect.arrayContaining(['stream-log', 'event-loop']));
  expect(slugs.length).toBeGreaterThanOrEqual(8);
  expect(output.broken).toEqual([]);
  expect(exitCode === 0).toBe(output.ok);
});

it.each(slugs)('assay verify %s passes', (slug) => {
  const mine = output.results.filter((r) => r.slug === slug);
  const failed = mine.filter((r) => !r.ok).map((r) => `${r.solution}: ${r.reason}`);
  if (failed.length) throw new Error(`${slug}: ${failed.join('; ')}\n${stderr.split('\n').filter((l) => l.includes(slug)).slice(-20).join('\n')}`);
  expect(mine.map((r) => r.role)).toEqual(expect.arrayContaining(['reference', 'naive', 'graded']));
  expect(mine.some((r) => r.role === 'graded' && r.solution.startsWith('mid'))).toBe(true);
});
