import type { TestResult } from '@assay/shared';
import { parseTap, TapStream } from './judge.tap';

const TAP = `TAP version 13
# Subtest: basic.log
ok 1 - basic.log
  ---
  duration_ms: 51.2
  ...
# Subtest: malformed.log
not ok 2 - malformed.log
  ---
  duration_ms: 48.9
  failureType: 'testCodeFailure'
  error: |-
    Expected values to be strictly deep-equal:
    + actual - expected

      total: 3
  code: 'ERR_ASSERTION'
  stack: |-
    TestContext.<anonymous> (/app/tests/stream-log.test.js:25:12)
  ...
# Subtest: nested
    ok 1 - inner
ok 3 - nested
  ---
  duration_ms: 2
  ...
not ok 4 - later \\# maybe # SKIP not yet
not ok 5 - one-liner
  ---
  error: 'boom'
  ...
1..5
# pass 2
`;

describe('parseTap', () => {
  it('reads top-level results with durations and failure messages', () => {
    expect(parseTap(TAP)).toEqual([
      { name: 'basic.log', passed: true, skipped: false, durationMs: 51.2 },
      { name: 'malformed.log', passed: false, skipped: false, durationMs: 48.9, message: 'Expected values to be strictly deep-equal:\n+ actual - expected\n\n  total: 3' },
      { name: 'nested', passed: true, skipped: false, durationMs: 2 },
      { name: 'later # maybe', passed: true, skipped: true },
      { name: 'one-liner', passed: false, skipped: false, message: 'boom' },
    ]);
  });
  it('finds nothing in output that is not TAP', () => {
    expect(parseTap('SyntaxError: Unexpected token')).toEqual([]);
  });
});

describe('TapStream', () => {
  it('gives each result as soon as its block closes, before the next test has started', () => {
    const seen: string[] = [];
    const stream = new TapStream((t) => seen.push(t.name));
    stream.write('TAP version 13\n# Subtest: basic.log\nok 1 - basic.log\n  ---\n  duration_ms: 51.2\n');
    expect(seen).toEqual([]); // its block is still open
    stream.write('  ...\n');
    expect(seen).toEqual(['basic.log']);
    stream.write('# Subtest: malformed.log\nnot ok 2 - malformed.log\n  ---\n  error: |-\n    Expected');
    expect(seen).toEqual(['basic.log']);
    stream.write(' values\n  ...\n');
    expect(seen).toEqual(['basic.log', 'malformed.log']);
    stream.end();
    expect(stream.results).toEqual([
      { name: 'basic.log', passed: true, skipped: false, durationMs: 51.2 },
      { name: 'malformed.log', passed: false, skipped: false, message: 'Expected values' },
    ]);
  });

  it('finds the same results as parseTap however the output is cut into chunks', () => {
    const whole = parseTap(TAP);
    for (const size of [1, 2, 7, 64, 333]) {
      const streamed: TestResult[] = [];
      const stream = new TapStream((t) => streamed.push(t));
      for (let at = 0; at < TAP.length; at += size) stream.write(TAP.slice(at, at + size));
      stream.end();
      expect(streamed).toEqual(whole);
      expect(stream.results).toEqual(whole);
    }
  });

  it('completes a result without a block at the next line, and an unfinished one at the end', () => {
    const seen: string[] = [];
    const stream = new TapStream((t) => seen.push(t.name));
    stream.write('ok 1 - bare\n');
    expect(seen).toEqual([]); // a block may still follow
    stream.write('ok 2 - next\n  ---\n  duration_ms: 3\n');
    expect(seen).toEqual(['bare']);
    stream.end();
    expect(stream.results).toEqual([
      { name: 'bare', passed: true, skipped: false },
      { name: 'next', passed: true, skipped: false, durationMs: 3 },
    ]);
  });
});
