import fs from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../platform/paths';
import { compareFingerprints } from './similarity.compare';
import { tokenize } from './similarity.tokens';
import { fingerprintFile, fingerprintSolution } from './similarity.winnow';

const challengesDir = path.join(repoRoot(), 'challenges');
function readDir(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const name of fs.readdirSync(dir)) files[name] = fs.readFileSync(path.join(dir, name), 'utf8');
  return files;
}
const starterHashes = (slug: string) => new Set(fingerprintSolution(readDir(path.join(challengesDir, slug, 'starter'))).map((f) => f.hash));

describe('tokenize', () => {
  it('drops comments and whitespace, normalizes identifiers and literals, keeps keywords and lines', () => {
    const tokens = tokenize('// hi\nconst total = 1 + "x"; /* a\nb */ return `t${a}`;');
    expect(tokens.map((t) => t.text)).toEqual(['const', 'I', '=', 'N', '+', 'S', ';', 'return', 'S', ';']);
    expect(tokens[0]!.line).toBe(2);
    expect(tokens.at(-2)!.line).toBe(3);
  });
  it('reads renamed code as the same tokens', () => {
    const a = tokenize('function sum(xs) { let acc = 0; for (const x of xs) acc += x; return acc; }');
    const b = tokenize('function total(values) {\n  let s = 10;\n  for (const v of values) s += v;\n  return s;\n}');
    expect(a.map((t) => t.text)).toEqual(b.map((t) => t.text));
  });
});

describe('winnowing', () => {
  it('keeps at least one fingerprint in every window of w hashes, each once', () => {
    const source = fs.readFileSync(path.join(challengesDir, 'fan-out/solutions/reference/main.js'), 'utf8');
    const prints = fingerprintFile('main.js', source, { k: 5, w: 4 });
    const grams = tokenize(source).length - 5 + 1;
    expect(prints.length).toBeGreaterThan(grams / 4);
    expect(prints.length).toBeLessThan(grams);
    for (const p of prints) expect(p.endLine).toBeGreaterThanOrEqual(p.startLine);
  });

  it('scores a renamed-variables copy high, with its regions on the right lines', () => {
    const ignore = starterHashes('fan-out');
    const original = fingerprintSolution(readDir(path.join(challengesDir, 'fan-out/solutions/reference')), ignore);
    const copy = fingerprintSolution({ 'main.js': fs.readFileSync(path.join(__dirname, 'fixtures/fan-out-renamed.js'), 'utf8') }, ignore);
    const result = compareFingerprints(copy, original);
    expect(result.share).toBeGreaterThan(0.8);
    expect(result.otherShare).toBeGreaterThan(0.8);
    expect(result.regions.length).toBeGreaterThan(0);
    // The Semaphore class (lines 15-31 of the original) is matched to the renamed Gate class (lines 10-26 of the copy).
    const gate = result.regions.find((r) => r.a.startLine <= 12 && r.a.endLine >= 20);
    expect(gate).toBeDefined();
    expect(gate!.b.startLine).toBeLessThanOrEqual(17);
    expect(gate!.b.endLine).toBeGreaterThanOrEqual(25);
  });

  it.each(fs.readdirSync(challengesDir).filter((slug) => fs.existsSync(path.join(challengesDir, slug, 'solutions/reference'))))(
    'scores the independent reference and naive solutions of %s low',
    (slug) => {
      const ignore = starterHashes(slug);
      const reference = fingerprintSolution(readDir(path.join(challengesDir, slug, 'solutions/reference')), ignore);
      const naive = fingerprintSolution(readDir(path.join(challengesDir, slug, 'solutions/naive')), ignore);
      const result = compareFingerprints(naive, reference);
      expect(result.share).toBeLessThan(0.3);
      expect(result.otherShare).toBeLessThan(0.3);
    },
  );

  it('ignores what the starter already had', () => {
    const starter = readDir(path.join(challengesDir, 'fan-out/starter'));
    const withStarter = fingerprintSolution(starter);
    expect(withStarter.length).toBeGreaterThan(0);
    expect(fingerprintSolution(starter, starterHashes('fan-out'))).toEqual([]);
  });
});
