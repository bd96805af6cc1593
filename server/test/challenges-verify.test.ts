import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { listChallengeSlugs } from '../src/challenges/challenge.loader';
import { repoRoot } from '../src/platform/paths';

/**
 * `assay verify <slug>` for every shipped challenge at quick scale, exactly as
 * an author runs it: the reference must score >= 90 and every naive <= 40.
 * A rubric or harness change that stops separating them fails here.
 */
jest.setTimeout(600_000);

const slugs = listChallengeSlugs();

it('ships the eight challenges', () => {
  expect(slugs).toEqual(expect.arrayContaining(['stream-log', 'event-loop']));
  expect(slugs.length).toBeGreaterThanOrEqual(8);
});

it.each(slugs)('assay verify %s passes', (slug) => {
  const cli = spawnSync(process.execPath, [path.join(repoRoot(), 'scripts/assay-cli.cjs'), 'verify', slug, '--scale', 'quick'], {
    cwd: repoRoot(),
    encoding: 'utf8',
    env: { ...process.env, CI: 'true' },
  });
  if (cli.status !== 0) throw new Error(`assay verify ${slug} exited ${cli.status}:\n${cli.stdout}\n${cli.stderr}`);
  expect(cli.stdout).toMatch(/^verify passed: \d+ solutions of 1 challenge/);
});
