import fs from 'node:fs';
import path from 'node:path';
import { ChallengeManifestSchema, RubricSchema } from '@assay/shared';
import type { z } from 'zod';
import { repoRoot } from '../platform/paths';
import { HARNESSES } from './harness.registry';
import { COMMON_METRICS, type ChallengeHarness, type LoadedChallenge } from './challenge.types';

/** A challenge folder that cannot be used, with the file at fault. */
export class ChallengeLoadError extends Error {
  constructor(
    /** The file or folder at fault, relative to the challenges root when inside it. */
    readonly file: string,
    reason: string,
  ) {
    super(`${file}: ${reason}`);
    this.name = 'ChallengeLoadError';
  }
}

export interface LoadOptions {
  /** Folder holding one folder per challenge. @defaultValue <repo>/challenges */
  root?: string;
  /** Harness of each slug. @defaultValue the registry of built-in challenges */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  harnesses?: Readonly<Record<string, ChallengeHarness<any>>>;
}

export function challengesRoot(): string {
  return path.join(repoRoot(), 'challenges');
}

/** Slugs of the challenge folders under the root (folders only, sorted). */
export function listChallengeSlugs(root = challengesRoot()): string[] {
  if (!fs.existsSync(root)) return [];
  return fs
    .readdirSync(root, { withFileTypes: true })
    .filter((e) => e.isDirectory() && !e.name.startsWith('.') && !e.name.startsWith('_'))
    .map((e) => e.name)
    .sort();
}

/**
 * Loads and validates `challenges/<slug>/`. Never crashes on a broken
 * challenge: throws a ChallengeLoadError naming the file and what is wrong.
 */
export function loadChallenge(slug: string, options: LoadOptions = {}): LoadedChallenge {
  const root = options.root ?? challengesRoot();
  const dir = path.join(root, slug);
  const rel = (...parts: string[]) => path.join(slug, ...parts);
  if (!/^[a-z0-9-]+$/.test(slug) || !isDir(dir)) throw new ChallengeLoadError(rel(), `no such challenge (looked in ${root})`);

  const manifest = readJson(dir, rel('challenge.json'), ChallengeManifestSchema);
  if (manifest.slug !== slug) throw new ChallengeLoadError(rel('challenge.json'), `slug "${manifest.slug}" does not match its folder "${slug}"`);
  const rubric = readJson(dir, rel('rubric.json'), RubricSchema);
  if (rubric.challenge !== slug) throw new ChallengeLoadError(rel('rubric.json'), `challenge "${rubric.challenge}" does not match its folder "${slug}"`);

  const prompt = readText(dir, rel('prompt.md'));
  if (!prompt.trim()) throw new ChallengeLoadError(rel('prompt.md'), 'is empty');

  const starterDir = requireFile(dir, rel('starter', manifest.entry), 'the starter must contain the entry file');
  const testsDir = path.join(dir, 'tests');
  for (const test of manifest.visibleTests) requireFile(dir, rel('tests', test), 'listed in visibleTests but missing');
  const harnessDir = path.join(dir, 'harness');
  if (!isDir(harnessDir)) throw new ChallengeLoadError(rel('harness'), 'missing: every challenge needs a hidden harness folder');

  const reference = requireFile(dir, rel('solutions', 'reference', manifest.entry), 'the reference solution must contain the entry file');
  const solutionsDir = path.join(dir, 'solutions');
  const naive = fs
    .readdirSync(solutionsDir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && e.name.startsWith('naive'))
    .map((e) => requireFile(dir, rel('solutions', e.name, manifest.entry), 'a naive solution must contain the entry file'))
    .sort();
  if (!naive.length) throw new ChallengeLoadError(rel('solutions'), 'needs at least one naive solution folder (solutions/naive…)');
  const graded = fs
    .readdirSync(solutionsDir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && /^(?:mid|slow)/.test(e.name))
    .map((e) => {
      if (!manifest.calibration.bands[e.name]) throw new ChallengeLoadError(rel('challenge.json'), `calibration.bands: no band for solutions/${e.name}`);
      return path.dirname(requireFile(dir, rel('solutions', e.name, manifest.entry), 'a graded solution must contain the entry file'));
    })
    .sort();
  for (const name of Object.keys(manifest.calibration.bands)) {
    if (!graded.some((g) => path.basename(g) === name)) throw new ChallengeLoadError(rel('challenge.json'), `calibration.bands.${name}: no such folder solutions/${name}`);
  }

  const harness = (options.harnesses ?? HARNESSES)[slug];
  if (!harness) throw new ChallengeLoadError(rel('harness'), `no harness registered for "${slug}" (add it to server/src/challenges/harness.registry.ts)`);
  for (const scale of ['quick', 'full'] as const) {
    const parsed = harness.params.safeParse(manifest.scales[scale].params);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new ChallengeLoadError(rel('challenge.json'), `scales.${scale}.params${issue.path.length ? `.${issue.path.join('.')}` : ''}: ${issue.message}`);
    }
  }
  const known = new Set<string>([...COMMON_METRICS, ...harness.metrics]);
  for (const [i, d] of rubric.dimensions.entries()) {
    if (!known.has(d.metric)) {
      throw new ChallengeLoadError(rel('rubric.json'), `dimensions.${i}.metric: "${d.metric}" is not measured (known: ${[...known].join(', ')})`);
    }
  }

  return { slug, dir, manifest, rubric, prompt, starterDir: path.dirname(starterDir), testsDir, harnessDir, solutions: { reference: path.dirname(reference), naive: naive.map((f) => path.dirname(f)), graded }, harness };
}

/** Every challenge under the root; broken ones are reported beside the good ones, not thrown. */
export function loadAllChallenges(options: LoadOptions = {}): { challenges: LoadedChallenge[]; errors: ChallengeLoadError[] } {
  const challenges: LoadedChallenge[] = [];
  const errors: ChallengeLoadError[] = [];
  for (const slug of listChallengeSlugs(options.root)) {
    try {
      challenges.push(loadChallenge(slug, options));
    } catch (err) {
      if (err instanceof ChallengeLoadError) errors.push(err);
      else throw err;
    }
  }
  return { challenges, errors };
}

function isDir(p: string): boolean {
  return fs.statSync(p, { throwIfNoEntry: false })?.isDirectory() ?? false;
}

function requireFile(challengeDir: string, relPath: string, why: string): string {
  const full = path.join(path.dirname(challengeDir), relPath);
  if (!fs.statSync(full, { throwIfNoEntry: false })?.isFile()) throw new ChallengeLoadError(relPath, `missing (${why})`);
  return full;
}

function readText(challengeDir: string, relPath: string): string {
  const full = path.join(path.dirname(challengeDir), relPath);
  try {
    return fs.readFileSync(full, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new ChallengeLoadError(relPath, code === 'ENOENT' ? 'missing' : `unreadable (${code ?? String(err)})`);
  }
}

function readJson<S extends z.ZodType>(challengeDir: string, relPath: string, schema: S): z.infer<S> {
  const text = readText(challengeDir, relPath);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new ChallengeLoadError(relPath, `is not valid JSON (${(err as Error).message})`);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = issue.path.length ? issue.path.join('.') : '(root)';
    throw new ChallengeLoadError(relPath, `${where}: ${issue.message}`);
  }
  return parsed.data;
}
