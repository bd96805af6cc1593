'use strict';
/**
 * Visible tests: run them with `node --test tests/`. Each runs your main.js on
 * a small log and compares its output (as a JSON value) with the expected one.
 * The hidden scoring run uses a 10 GiB log under a 128 MiB memory limit.
 */
const { test } = require('node:test');
const assert = require('node:assert/strict');
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const MAIN = path.join(__dirname, '..', 'main.js');
const FIXTURES = path.join(__dirname, 'fixtures');

function run(file) {
  const out = execFileSync(process.execPath, [MAIN, file], { encoding: 'utf8', maxBuffer: 1 << 20 });
  return JSON.parse(out);
}

for (const name of ['basic', 'malformed', 'routes', 'empty', 'p99']) {
  test(`${name}.log`, () => {
    const expected = JSON.parse(fs.readFileSync(path.join(FIXTURES, `${name}.expected.json`), 'utf8'));
    assert.deepStrictEqual(run(path.join(FIXTURES, `${name}.log`)), expected);
  });
}

test('lines split across read chunks (a 6 MB log)', () => {
  // 100 000 lines of ~60 bytes: whatever chunk size you read, some lines straddle two chunks.
  const n = 100_000;
  const lines = [];
  for (let i = 0; i < n; i++) lines.push(`2026-01-01T00:00:00.000Z GET /api/users/${i}/orders/${i * 7} ${i % 2 ? 200 : 404} ${i % 1000}`);
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'stream-log-')), 'big.log');
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
  try {
    assert.deepStrictEqual(run(file), {
      total: n,
      malformed: 0,
      byStatus: { 200: n / 2, 404: n / 2 },
      topRoutes: [{ route: '/api/users/:id/orders/:id', count: n }],
      p99DurationMs: 989, // durations 0..999, 100 of each: rank 99 000 is 989
    });
  } finally {
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
  }
});
