import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { ChallengeLoadError, listChallengeSlugs, loadAllChallenges, loadChallenge } from './challenge.loader';
import { readCurve, score } from '../scoring/score';
import { defineHarness } from './challenge.types';
import { HARNESSES } from './harness.registry';

const fakeHarness = defineHarness({
  metrics: ['speed'],
  params: z.strictObject({ size: z.number().int().positive() }),
  prepare: async () => {
    throw new Error('not used');
  },
});
const harnesses = { demo: fakeHarness, other: fakeHarness };

const manifest = {
  slug: 'demo',
  title: 'Demo',
  summary: 'A demo challenge.',
  difficulty: 'easy',
  skills: ['testing'],
  timeAllowedMinutes: 30,
  kind: 'batch',
  entry: 'main.js',
  visibleTests: ['demo.test.js'],
  scales: {
    quick: { description: 'small', limits: { memoryMiB: 64 }, trials: 1, params: { size: 1 } },
    full: { description: 'big', limits: {}, trials: 3, params: { size: 10 } },
  },
};
const rubric = {
  challenge: 'demo',
  version: 1,
  dimensions: [
    { name: 'correctness', weight: 70, metric: 'correctness', basis: 'absolute', unit: 'fraction', label: 'correct', curve: [[0, 0], [1, 1]] },
    { name: 'speed', weight: 30, metric: 'speed', basis: 'relative', unit: 'perSecond', label: 'speed', curve: [[0, 0], [1, 1]] },
  ],
  levels: [{ level: 'junior', minTotal: 0 }],
};

let root: string;

function write(rel: string, content: string | object) {
  const file = path.join(root, rel);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
}

function makeChallenge(slug = 'demo') {
  write(`${slug}/challenge.json`, { ...manifest, slug });
  write(`${slug}/rubric.json`, { ...rubric, challenge: slug });
  write(`${slug}/prompt.md`, '# Demo\n');
  write(`${slug}/starter/main.js`, '');
  write(`${slug}/tests/demo.test.js`, '');
  write(`${slug}/harness/index.ts`, '');
  write(`${slug}/solutions/reference/main.js`, '');
  write(`${slug}/solutions/naive/main.js`, '');
}

function loadError(): ChallengeLoadError {
  try {
    loadChallenge('demo', { root, harnesses });
  } catch (err) {
    if (err instanceof ChallengeLoadError) return err;
    throw err;
  }
  throw new Error('expected a ChallengeLoadError');
}

beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'assay-challenges-'));
  makeChallenge();
});
afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

describe('loadChallenge', () => {
  it('loads a valid challenge folder', () => {
    const c = loadChallenge('demo', { root, harnesses });
    expect(c.manifest.title).toBe('Demo');
    expect(c.rubric.version).toBe(1);
    expect(c.solutions.reference).toBe(path.join(root, 'demo', 'solutions', 'reference'));
    expect(c.solutions.naive).toEqual([path.join(root, 'demo', 'solutions', 'naive')]);
    expect(c.solutions.graded).toEqual([]);
  });

  it('loads graded solutions with their bands', () => {
    write('demo/challenge.json', { ...manifest, calibration: { bands: { mid: { min: 45, max: 85 }, 'slow-x': { min: 80, max: 95 } } } });
    write('demo/solutions/mid/main.js', '');
    write('demo/solutions/slow-x/main.js', '');
    const c = loadChallenge('demo', { root, harnesses });
    expect(c.solutions.graded.map((d) => path.basename(d))).toEqual(['mid', 'slow-x']);
    expect(c.manifest.calibration).toEqual({ bands: { mid: { min: 45, max: 85 }, 'slow-x': { min: 80, max: 95 } }, scaleAgreementPoints: 10 });
  });

  const broken: Array<[string, () => void, string]> = [
    ['an unknown slug', () => fs.rmSync(path.join(root, 'demo'), { recursive: true }), `demo: no such challenge (looked in ${'<root>'})`],
    ['a missing manifest', () => fs.rmSync(path.join(root, 'demo/challenge.json')), 'demo/challenge.json: missing'],
    ['a manifest that is not JSON', () => write('demo/challenge.json', '{"slug": '), 'demo/challenge.json: is not valid JSON'],
    ['a manifest field out of range', () => write('demo/challenge.json', { ...manifest, scales: { ...manifest.scales, quick: { ...manifest.scales.quick, trials: 0 } } }), 'demo/challenge.json: scales.quick.trials: '],
    ['an unknown manifest key', () => write('demo/challenge.json', { ...manifest, colour: 'red' }), 'demo/challenge.json: (root): Unrecognized key: "colour"'],
    ['a slug that is not its folder', () => write('demo/challenge.json', { ...manifest, slug: 'other' }), 'demo/challenge.json: slug "other" does not match its folder "demo"'],
    ['an entry escaping the folder', () => write('demo/challenge.json', { ...manifest, entry: '../main.js' }), 'demo/challenge.json: entry: must be a relative path'],
    ['params the harness rejects', () => write('demo/challenge.json', { ...manifest, scales: { ...manifest.scales, full: { ...manifest.scales.full, params: { size: -1 } } } }), 'demo/challenge.json: scales.full.params.size: '],
    ['rubric weights not adding up', () => write('demo/rubric.json', { ...rubric, dimensions: [rubric.dimensions[0]] }), 'demo/rubric.json: dimensions: weights must add up to 100 (they add up to 70)'],
    ['a rubric metric nobody measures', () => write('demo/rubric.json', { ...rubric, dimensions: [rubric.dimensions[0], { ...rubric.dimensions[1], metric: 'sped' }] }), 'demo/rubric.json: dimensions.1.metric: "sped" is not measured'],
    ['a rubric for another challenge', () => write('demo/rubric.json', { ...rubric, challenge: 'other' }), 'demo/rubric.json: challenge "other" does not match its folder "demo"'],
    ['an empty prompt', () => write('demo/prompt.md', '  \n'), 'demo/prompt.md: is empty'],
    ['a starter without the entry', () => fs.rmSync(path.join(root, 'demo/starter/main.js')), 'demo/starter/main.js: missing (the starter must contain the entry file)'],
    ['a missing visible test', () => fs.rmSync(path.join(root, 'demo/tests/demo.test.js')), 'demo/tests/demo.test.js: missing (listed in visibleTests but missing)'],
    ['no harness folder', () => fs.rmSync(path.join(root, 'demo/harness'), { recursive: true }), 'demo/harness: missing'],
    ['no reference', () => fs.rmSync(path.join(root, 'demo/solutions/reference'), { recursive: true }), 'demo/solutions/reference/main.js: missing'],
    ['no naive solution', () => fs.rmSync(path.join(root, 'demo/solutions/naive'), { recursive: true }), 'demo/solutions: needs at least one naive solution folder'],
    ['a naive solution without the entry', () => write('demo/solutions/naive-2/other.js', ''), 'demo/solutions/naive-2/main.js: missing'],
    ['a mid solution without a band', () => write('demo/solutions/mid/main.js', ''), 'demo/challenge.json: calibration.bands: no band for solutions/mid'],
    ['a band for a missing folder', () => write('demo/challenge.json', { ...manifest, calibration: { bands: { 'slow-x': { min: 50, max: 90 } } } }), 'demo/challenge.json: calibration.bands.slow-x: no such folder solutions/slow-x'],
    ['a band upside down', () => write('demo/challenge.json', { ...manifest, calibration: { bands: { mid: { min: 90, max: 50 } } } }), 'min must not exceed max'],
  ];
  it.each(broken)('names the file at fault for %s', (_, breakIt, message) => {
    breakIt();
    const err = loadError();
    expect(err.message.replace(root, '<root>')).toContain(message);
  });

  it('refuses a challenge without a registered harness', () => {
    expect(() => loadChallenge('demo', { root, harnesses: {} })).toThrow('demo/harness: no harness registered for "demo"');
  });
});

describe('loadAllChallenges', () => {
  it('reports broken challenges beside the good ones instead of throwing', () => {
    makeChallenge('other');
    write('other/rubric.json', '[');
    fs.mkdirSync(path.join(root, '_drafts'));
    const { challenges, errors } = loadAllChallenges({ root, harnesses });
    expect(challenges.map((c) => c.slug)).toEqual(['demo']);
    expect(errors.map((e) => e.file)).toEqual(['other/rubric.json']);
  });
});

describe('the built-in challenges', () => {
  it('all load, and every registered harness has a folder', () => {
    const { challenges, errors } = loadAllChallenges();
    expect(errors.map((e) => e.message)).toEqual([]);
    expect(challenges.map((c) => c.slug).sort()).toEqual(Object.keys(HARNESSES).sort());
    expect(listChallengeSlugs().sort()).toEqual(Object.keys(HARNESSES).sort());
  });
});

describe('the built-in rubrics', () => {
  const { challenges } = loadAllChallenges();

  /**
   * The calibration rule: a correct solution with the right technique scores at least 90 even at
   * half the reference's speed. Speed dimensions get half the reference's rate (or twice its
   * time); every other dimension sits at its full-marks edge. A probe's latency percentile is not
   * speed but responsiveness: the right technique keeps it at the reference's level however fast
   * the work itself goes (event-loop: a slower pool still leaves the loop free), so it sits at its
   * edge too.
   */
  it.each(challenges.map((c) => [c.slug, c] as const))('%s: a correct solution at half the reference’s speed scores >= 90', (_, c) => {
    const candidate: Record<string, number> = {};
    const reference: Record<string, number> = {};
    for (const d of c.rubric.dimensions) {
      const rising = d.curve[d.curve.length - 1]![1] >= d.curve[0]![1];
      const speed = d.basis === 'relative' && d.unit !== 'bytes' && !/^latencyP\d+Ms$/.test(d.metric);
      const fullAt = d.curve.filter(([, f]) => f === 1).map(([x]) => x);
      const edge = rising ? Math.min(...fullAt) : Math.max(...fullAt);
      reference[d.metric] = 100;
      candidate[d.metric] = d.metric === 'correctness' ? 1 : speed ? (rising ? 50 : 200) : d.basis === 'relative' ? 100 * edge : edge;
    }
    const s = score({ candidate: [candidate], reference: [reference] }, c.rubric);
    expect(s.total).toBeGreaterThanOrEqual(90);
  });

  it('give full marks somewhere on every curve', () => {
    for (const c of challenges) for (const d of c.rubric.dimensions) expect(Math.max(...d.curve.map(([x]) => readCurve(d.curve, x)))).toBe(1);
  });
});
