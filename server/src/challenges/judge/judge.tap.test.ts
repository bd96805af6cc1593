import { parseTap } from './judge.tap';

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
