import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { listChallengeSlugs } from '../src/challenges/challenge.loader';
import { repoRoot } from '../src/platform/paths';

/**
 * `assay verify <slug>` for every shipped challenge at quick scale, exactly as
 * an author runs it: the reference must score >= 90, every naive <= 40, and
 * every mid (and slow-but-correct) solution inside its band, below the
 * reference and above the naive ones. A rubric or harness change that stops
 * telling the three levels apart fails here. Two solutions are judged at
 * once: their timed trials take turns on the host's CPU lease, the rest
 * (inputs, visible tests, correctness runs) overlaps.
 */
jest.setTimeout(600_000);

const slugs = listChallengeSlugs();

it('ships the eight challenges', () => {
  expect(slugs).toEqual(expect.arrayContaining(['stream-log', 'event-loop']));
  expect(slugs.length).toBeGreaterThanOrEqual(8);
});

it.each(slugs)('assay verify %s passes', (slug) => {
  const cli = spawnSync(process.execPath, [path.join(repoRoot(), 'scripts/assay-cli.cjs'), 'verify', slug, '--scale', 'quick', '--jobs', '2'], {
    cwd: repoRoot(),
    encoding: 'utf8',
    env: { ...process.env, CI: 'true' },
  });
  if (cli.status !== 0) throw new Error(`assay verify ${slug} exited ${cli.status}:\n${cli.stdout}\n${cli.stderr}`);
  expect(cli.stdout).toMatch(/^verify passed: \d+ solutions of 1 challenge/);
  expect(cli.stderr).toMatch(/^ok {3}\S+\/mid/m);
});
